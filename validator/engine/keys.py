"""Integer keys for joins: each key column is coded once, and a stated figure is found by one
int64 hash lookup instead of a multi-column string merge.

A figure is addressed by (entity, scope, member, concept, period, dimension, qualifier), where
the qualifier is the dense code of what the figure states about its concept: (measure, base
period, whole concept, whole scope, whole member). Each field gets a dense code; the codes are
packed into one int64 with as many bits per field as its number of distinct values needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FIELDS = ("entity", "scope", "member", "concept", "period", "dimension", "qual")
QUAL_FIELDS = ("measure", "base", "whole_concept", "whole_scope", "whole_member")
MISSING = -1


def distinct(column: pd.Series) -> np.ndarray:
    """The values that occur in a column (a categorical's used categories, not all of them)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        used = np.unique(column.cat.codes.to_numpy())
        return np.asarray(column.cat.categories.astype(object))[used[used >= 0]]
    return pd.unique(column.astype(object))


def _bits(n: int) -> int:
    return max(1, int(n).bit_length())


@dataclass(frozen=True)
class KeySpace:
    """Distinct values of each field, the bit layout of a packed key, and the qualifiers."""

    uniques: dict[str, pd.Index]
    shifts: dict[str, int]
    quals: pd.Index  # packed (measure, base, whole concept, whole scope, whole member) codes
    qual_shifts: dict[str, int]

    @staticmethod
    def build(values: pd.DataFrame, measures: list[str]) -> KeySpace:
        columns = {
            "entity": [values["entity"]],
            "scope": [values["scope"], values["whole_scope"]],
            "member": [values["member"], values["whole_member"], pd.Series([""])],
            "concept": [values["concept"], values["whole_concept"]],
            "period": [values["period_key"], values["base_key"], pd.Series([""])],
            "dimension": [values["dimension"]],
            "measure": [pd.Series(measures)],
        }
        uniques = {
            name: pd.Index(pd.unique(np.concatenate([distinct(c) for c in cols])), dtype=object)
            for name, cols in columns.items()
        }
        qual_shifts, total = {}, 0
        sources = {"base": "period", "whole_concept": "concept", "whole_scope": "scope"}
        sources |= {"whole_member": "member", "measure": "measure"}
        for name in reversed(QUAL_FIELDS):
            qual_shifts[name] = total
            total += _bits(len(uniques[sources[name]]) + 1)
        space = KeySpace(uniques, {}, pd.Index([], dtype=np.int64), qual_shifts)
        quals = pd.Index(np.unique(space.qual(**space.qual_codes(values))))
        uniques = {**uniques, "qual": quals}
        shifts, total = {}, 0
        for name in reversed(FIELDS):
            shifts[name] = total
            total += _bits(len(uniques[name]) + 1)
        if total > 62:
            raise OverflowError(f"join keys need {total} bits; at most 62 fit an int64")
        return KeySpace(uniques, shifts, quals, qual_shifts)

    def code(self, field: str, column: pd.Series | np.ndarray) -> np.ndarray:
        """Dense code of each value (MISSING for a value the space does not know)."""
        index = self.uniques[field]
        if isinstance(column, pd.Series) and isinstance(column.dtype, pd.CategoricalDtype):
            table = np.append(index.get_indexer(column.cat.categories.astype(object)), MISSING)
            return table[column.cat.codes.to_numpy()].astype(np.int64)
        values = column.astype(object) if isinstance(column, pd.Series) else column
        return index.get_indexer(values).astype(np.int64)

    def code_of(self, field: str, value: str) -> int:
        try:
            return int(self.uniques[field].get_loc(value))  # the index's hash table, built once
        except KeyError:
            return MISSING

    def qual_codes(self, values: pd.DataFrame) -> dict[str, np.ndarray]:
        return {
            "measure": self.code("measure", values["measure"]),
            "base": self.code("period", values["base_key"]),
            "whole_concept": self.code("concept", values["whole_concept"]),
            "whole_scope": self.code("scope", values["whole_scope"]),
            "whole_member": self.code("member", values["whole_member"]),
        }

    def qual(self, **codes: np.ndarray) -> np.ndarray:
        """Packed qualifier of each row (MISSING where a field is unknown)."""
        return _pack(codes, QUAL_FIELDS, self.qual_shifts)

    def qual_id(self, packed: np.ndarray) -> np.ndarray:
        """Dense qualifier code of packed qualifiers (MISSING where none is stated)."""
        out = self.quals.get_indexer(packed).astype(np.int64)
        return np.where(packed == MISSING, MISSING, out)

    def pack(self, **codes: np.ndarray) -> np.ndarray:
        """One int64 per row; MISSING where any field is MISSING."""
        return _pack(codes, FIELDS, self.shifts)

    def period_map(self, fn) -> np.ndarray:
        """For each period code, the code of `fn(period_key)` (MISSING when unknown)."""
        targets = [fn(p) if p else None for p in self.uniques["period"]]
        known = self.uniques["period"].get_indexer(pd.Index(targets, dtype=object))
        return np.append(known.astype(np.int64), MISSING)  # index MISSING (-1) maps to MISSING


def _pack(
    codes: dict[str, np.ndarray], fields: tuple[str, ...], shifts: dict[str, int]
) -> np.ndarray:
    """Code columns packed into one int64 per row at their shifts; MISSING where any field is."""
    n = len(next(iter(codes.values())))
    packed = np.zeros(n, dtype=np.int64)
    missing = np.zeros(n, dtype=bool)
    for name in fields:
        c = np.broadcast_to(np.asarray(codes[name], dtype=np.int64), (n,))
        missing |= c < 0
        packed |= (c + 1) << shifts[name]
    return np.where(missing, MISSING, packed)


def combine_codes(columns: list[np.ndarray]) -> np.ndarray:
    """One dense int64 code per distinct row of several non-negative-or-MISSING code columns."""
    combined = np.zeros(len(columns[0]) if columns else 0, dtype=np.int64)
    span = 1
    for column in columns:
        c = np.asarray(column, dtype=np.int64) + 1  # MISSING (-1) becomes 0
        width = int(c.max()) + 1 if len(c) else 1
        if span * width >= 2**62:  # compress before the product could overflow
            combined = pd.factorize(combined)[0].astype(np.int64)
            span = int(combined.max()) + 1 if len(combined) else 1
        combined = combined * width + c
        span *= width
    return combined
