"""Look-ups over the links around a few figures: the facts of a figure, the checks it is in,
the facts of a check. Built over the links of the checks those figures take part in (found by
two passes over the links), so that its cost does not grow with the corpus beyond those passes.
"""

from __future__ import annotations

import numpy as np

from validator.findings.model import Findings
from validator.review.keyed import Sorted


class Neighbours:
    """The links of every check that any of `keys` takes part in. A look-up outside what was
    built is an error, never a silently short answer."""

    def __init__(self, f: Findings, keys: np.ndarray):
        links = f.links
        key, check, fact = (links[c].to_numpy() for c in ("key", "check", "fact"))
        self.keys = np.unique(np.asarray(keys, dtype=np.int64))
        self.checks = np.unique(check[np.isin(key, self.keys)])
        near = np.flatnonzero(np.isin(check, self.checks))
        self.at = near  # rows of f.links held here
        self.key_of_fact = f.fact_table["key"].to_numpy()
        rows = np.flatnonzero(np.isin(self.key_of_fact, self.keys))
        self.fact_rows = Sorted(self.key_of_fact[rows], rows)
        self.by_key = Sorted(key[near], check[near])
        self.by_check = Sorted(check[near], fact[near])

    def _covers(self, held: np.ndarray, x: int, what: str) -> None:
        i = np.searchsorted(held, x)
        if i >= len(held) or held[i] != x:
            raise KeyError(f"{what} {x} is outside the neighbourhood built")

    def facts_of(self, key: int) -> np.ndarray:
        self._covers(self.keys, key, "figure")
        return self.fact_rows.get_group(key)

    def checks_of(self, key: int) -> np.ndarray:
        self._covers(self.keys, key, "figure")
        return np.unique(self.by_key.get_group(key))

    def facts_of_check(self, check: int) -> np.ndarray:
        self._covers(self.checks, check, "check")
        return self.by_check.get_group(check)

    def neighbourhood(self, keys: tuple[int, ...]) -> np.ndarray:
        """Every fact of every relation the figures take part in, and their own facts."""
        checks = np.unique(np.concatenate([self.checks_of(k) for k in keys]))
        parts = [self.facts_of_check(int(c)) for c in checks]
        parts += [self.facts_of(k) for k in keys]
        return np.unique(np.concatenate(parts))
