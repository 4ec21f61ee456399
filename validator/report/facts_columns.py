"""The fact table and the links of a chunk of checks, read column by column: each categorical
column's categories converted (and JSON-encoded) once, the rows a chunk needs taken from them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from validator.model.qualifiers import Qualifier
from validator.report.arrow_text import fill, literals, text_array
from validator.report.columns import small_codes, strings

_CODED = ("value", "location")


class FactColumns:
    """Columns of `Findings.fact_table` taken by fact row."""

    def __init__(self, facts: pd.DataFrame):
        self._facts = facts
        self._plain: dict[str, np.ndarray] = {}
        self._coded: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._literals: dict[str, pa.Array] = {}
        self._ranked: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] = {}
        self._stated: tuple[np.ndarray, np.ndarray] | None = None
        self._laid_out: dict[tuple[tuple[str, ...], str], tuple[np.ndarray, pa.Array]] = {}

    def _column(self, name: str) -> tuple[np.ndarray, np.ndarray] | np.ndarray:
        if name in self._coded:
            return self._coded[name]
        if name in self._plain:
            return self._plain[name]
        column = self._facts[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            cats = strings(column.cat.categories)
            self._coded[name] = (column.cat.codes.to_numpy(np.int64), cats)
            return self._coded[name]
        if name in _CODED:  # text repeated over facts: each distinct value encoded once a run
            codes, uniques = pd.factorize(strings(column), use_na_sentinel=False)
            self._coded[name] = (codes.astype(np.int64), strings(uniques))
            return self._coded[name]
        self._plain[name] = strings(column)
        return self._plain[name]

    def take(self, name: str, rows: np.ndarray) -> np.ndarray:
        column = self._column(name)
        if isinstance(column, tuple):
            codes, cats = column
            return cats[codes[rows]]
        return column[rows]

    def literal_column(self, name: str, rows: np.ndarray) -> pa.Array:
        """The JSON literals of a column at some rows (each category encoded once a run)."""
        column = self._column(name)
        if not isinstance(column, tuple):
            return literals(column[rows])
        codes, cats = column
        if not len(cats):
            return text_array(cats[codes[rows]])
        if name not in self._literals:
            self._literals[name] = literals(cats)
        # A missing code (-1) takes the last category, as numpy indexing does in `take`.
        return self._literals[name].take(pa.array(codes[rows] % len(cats)))

    def line_texts(self, rows: np.ndarray) -> pa.Array:
        """`str` of each fact's line number."""
        lines = self._facts["line"].to_numpy()
        if lines.dtype.kind in "iu":
            return pc.cast(pa.array(lines[rows].astype(np.int64)), pa.string())
        return text_array(list(map(str, strings(self._facts["line"])[rows].tolist())))

    def stated(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`explain.stated_text` of each row (qualifier word, printed literal, unit), and a code
        per row that is equal where the texts are: each distinct text built once a run."""
        if self._stated is None:
            self._stated = self._stated_texts()
        codes, texts = self._stated
        at = codes[rows]
        return texts[at], at

    def _stated_texts(self) -> tuple[np.ndarray, np.ndarray]:
        """The stated text's code of every fact row, and the distinct texts."""
        rows = np.arange(len(self._facts))
        parts = [self.codes(c) for c in ("qualifier", "value", "unit")]
        combo, at = self.combinations(("qualifier", "value", "unit"), rows)
        words = {q.value: q.zh for q in Qualifier}
        (q, qc), (v, vc), (u, uc) = parts
        zh = np.array([words[str(w)] for w in qc.tolist()] or [""], dtype=object)
        texts = zh[q[at] % len(zh)] + vc[v[at] % max(len(vc), 1)] + uc[u[at] % max(len(uc), 1)]
        codes, distinct = pd.factorize(texts, use_na_sentinel=False)
        return small_codes(codes[combo]), np.asarray(distinct, dtype=object)

    def laid_out(self, names: tuple[str, ...], template: str) -> tuple[np.ndarray, pa.Array]:
        """`template` filled with the JSON literals of some columns, once a run for each of
        their combinations, and the combination of every fact row."""
        key = (names, template)
        if key not in self._laid_out:
            combo, first = self.combinations(names, np.arange(len(self._facts)))
            values = {c: self.literal_column(c, first) for c in names}
            self._laid_out[key] = (small_codes(combo), fill(template, values, len(first)))
        return self._laid_out[key]

    def combinations(
        self, names: tuple[str, ...], rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The combination of the columns' values at each row, as a code, and the first row of
        each combination."""
        key, bound = np.zeros(len(rows), dtype=np.int64), 1
        for name in names:
            codes, cats = self.codes(name)
            size = max(len(cats), 1)
            if bound * size >= 2**62:  # the next product could overflow: number the keys first
                key = pd.factorize(key, use_na_sentinel=False)[0].astype(np.int64)
                bound = max(len(rows), 1)
            key, bound = key * size + codes[rows] % size, bound * size
        combo, firsts = pd.factorize(key, use_na_sentinel=False)
        first = np.empty(len(firsts), dtype=np.int64)
        first[combo[::-1]] = np.arange(len(rows) - 1, -1, -1)
        return combo.astype(np.int64), rows[first]

    def ranked(self, name: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """A column's codes, each code's rank among the sorted distinct values, and those
        values sorted (once a run)."""
        if name not in self._ranked:
            codes, values = self.codes(name)
            names = [str(v) for v in values.tolist()]
            rank = np.zeros(max(len(names), 1), dtype=np.int64)
            rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
            self._ranked[name] = (codes, rank, sorted(names))
        return self._ranked[name]

    def codes(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """A column as codes and its distinct values (factorised once a run if it is not a
        categorical)."""
        column = self._column(name)
        if isinstance(column, tuple):
            return column
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        self._coded[name] = (codes.astype(np.int64), strings(uniques))
        return self._coded[name]


class LinkRoles:
    """The role of every link as a code, the roles coded once a run."""

    def __init__(self, links: pd.DataFrame):
        codes, uniques = pd.factorize(links["role"], use_na_sentinel=False)
        self.codes = np.asarray(codes, dtype=np.int64)
        self.names = tuple(str(r) for r in uniques.tolist())


@dataclass(frozen=True)
class ChunkLinks:
    """The links of checks lo..hi-1: each link's check (relative to lo), fact row and role
    (a code into `role_names`)."""

    lo: int
    hi: int
    check: np.ndarray
    fact: np.ndarray
    role_code: np.ndarray
    role_names: tuple[str, ...]

    @staticmethod
    def of(links: pd.DataFrame, lo: int, hi: int, roles: LinkRoles | None = None) -> ChunkLinks:
        roles = roles if roles is not None else LinkRoles(links)
        checks = links["check"].to_numpy(np.int64)
        a, b = np.searchsorted(checks, [lo, hi])
        fact = links["fact"].to_numpy(np.int64)[a:b]
        return ChunkLinks(lo, hi, checks[a:b] - lo, fact, roles.codes[a:b], roles.names)

    @property
    def n(self) -> int:
        return self.hi - self.lo

    @property
    def role_codes(self) -> tuple[np.ndarray, dict[str, int]]:
        return self.role_code, {r: i for i, r in enumerate(self.role_names)}

    def has_role(self, *names: str) -> np.ndarray:
        """Whether each link's role is one of the names."""
        wanted = [i for i, r in enumerate(self.role_names) if r in names]
        return np.isin(self.role_code, wanted)

    def keep(self, mask: np.ndarray) -> ChunkLinks:
        return ChunkLinks(
            self.lo, self.hi, self.check[mask], self.fact[mask], self.role_code[mask],
            self.role_names,
        )  # fmt: skip
