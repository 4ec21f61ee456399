"""The fact table and the links of a chunk of checks, read column by column: each categorical
column's categories converted (and JSON-encoded) once, the rows a chunk needs taken from them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from validator.model.qualifiers import Qualifier
from validator.report.arrow_text import literals, text_array
from validator.report.columns import strings

_CODED = ("value", "location")


class FactColumns:
    """Columns of `Findings.fact_table` taken by fact row."""

    def __init__(self, facts: pd.DataFrame):
        self._facts = facts
        self._plain: dict[str, np.ndarray] = {}
        self._coded: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._literals: dict[str, pa.Array] = {}

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

    def stated_texts(self, rows: np.ndarray) -> np.ndarray:
        """`explain.stated_text` of each fact: qualifier word, printed literal, unit."""
        words = {q.value: q.zh for q in Qualifier}
        qualifier = self.take("qualifier", rows)
        codes, uniques = pd.factorize(qualifier, use_na_sentinel=False)
        zh = np.array([words[str(q)] for q in uniques.tolist()] or [""], dtype=object)
        return zh[codes] + self.take("value", rows) + self.take("unit", rows)


@dataclass(frozen=True)
class ChunkLinks:
    """The links of checks lo..hi-1: each link's check (relative to lo), fact row and role."""

    lo: int
    hi: int
    check: np.ndarray
    fact: np.ndarray
    role: np.ndarray  # object array of role names

    @staticmethod
    def of(links: pd.DataFrame, lo: int, hi: int) -> ChunkLinks:
        checks = links["check"].to_numpy(np.int64)
        a, b = np.searchsorted(checks, [lo, hi])
        return ChunkLinks(
            lo,
            hi,
            checks[a:b] - lo,
            links["fact"].to_numpy(np.int64)[a:b],
            strings(links["role"].iloc[a:b]),
        )

    @property
    def n(self) -> int:
        return self.hi - self.lo

    @cached_property
    def role_codes(self) -> tuple[np.ndarray, dict[str, int]]:
        codes, uniques = pd.factorize(self.role, use_na_sentinel=False)
        return codes.astype(np.int64), {str(r): i for i, r in enumerate(uniques.tolist())}

    def keep(self, mask: np.ndarray) -> ChunkLinks:
        return ChunkLinks(self.lo, self.hi, self.check[mask], self.fact[mask], self.role[mask])
