"""Integer keys for joins: each key column is coded once, and a level is found by one int64
hash lookup instead of a multi-column string merge.

A level is addressed by (entity, scope, member, concept, period, dimension). Each field gets a
dense code; the codes are packed into one int64 with as many bits per field as its number of
distinct values needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FIELDS = ("entity", "scope", "member", "concept", "period", "dimension")
MISSING = -1


def _distinct(column: pd.Series) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        used = np.unique(column.cat.codes.to_numpy())
        return np.asarray(column.cat.categories.astype(object))[used[used >= 0]]
    return pd.unique(column.astype(object))


def _bits(n: int) -> int:
    return max(1, int(n).bit_length())


@dataclass(frozen=True)
class KeySpace:
    """Distinct values of each field, and the bit layout of a packed key."""

    uniques: dict[str, pd.Index]
    shifts: dict[str, int]

    @staticmethod
    def build(values: pd.DataFrame) -> KeySpace:
        columns = {
            "entity": [values["entity"]],
            "scope": [values["scope"], values["whole_scope"]],
            "member": [values["member"], values["whole_member"]],
            "concept": [values["concept"], values["whole_concept"]],
            "period": [values["period_key"], values["base_key"]],
            "dimension": [values["dimension"]],
        }
        uniques = {
            name: pd.Index(pd.unique(np.concatenate([_distinct(c) for c in cols])), dtype=object)
            for name, cols in columns.items()
        }
        shifts, total = {}, 0
        for name in reversed(FIELDS):
            shifts[name] = total
            total += _bits(len(uniques[name]) + 1)
        if total > 62:
            raise OverflowError(f"join keys need {total} bits; at most 62 fit an int64")
        return KeySpace(uniques, shifts)

    def code(self, field: str, column: pd.Series | np.ndarray) -> np.ndarray:
        """Dense code of each value (MISSING for a value the space does not know)."""
        index = self.uniques[field]
        if isinstance(column, pd.Series) and isinstance(column.dtype, pd.CategoricalDtype):
            table = np.append(index.get_indexer(column.cat.categories.astype(object)), MISSING)
            return table[column.cat.codes.to_numpy()].astype(np.int64)
        values = column.astype(object) if isinstance(column, pd.Series) else column
        return index.get_indexer(values).astype(np.int64)

    def pack(self, **codes: np.ndarray) -> np.ndarray:
        """One int64 per row; MISSING where any field is MISSING."""
        packed = np.zeros(len(next(iter(codes.values()))), dtype=np.int64)
        missing = np.zeros(len(packed), dtype=bool)
        for name in FIELDS:
            c = codes[name]
            missing |= c < 0
            packed |= (c + 1) << self.shifts[name]
        return np.where(missing, MISSING, packed)

    def period_map(self, fn) -> np.ndarray:
        """For each period code, the code of `fn(period_key)` (MISSING when unknown)."""
        targets = [fn(p) if p else None for p in self.uniques["period"]]
        known = self.uniques["period"].get_indexer(pd.Index(targets, dtype=object))
        return np.append(known.astype(np.int64), MISSING)  # index MISSING (-1) maps to MISSING


def move(period_codes: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Apply a period map to codes; MISSING stays MISSING."""
    return table[period_codes]


@dataclass(frozen=True)
class Levels:
    """The level values of a values table, findable by packed key."""

    index: pd.Index
    lo: np.ndarray
    hi: np.ndarray
    key_id: np.ndarray

    @staticmethod
    def build(packed: np.ndarray, lo: np.ndarray, hi: np.ndarray, key_id: np.ndarray) -> Levels:
        return Levels(pd.Index(packed), lo, hi, key_id)

    def find(self, packed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """lo, hi and key_id at each packed key (NaN where not stated)."""
        pos = self.index.get_indexer(packed)
        pos = np.where(packed == MISSING, -1, pos)
        found = pos >= 0
        safe = np.where(found, pos, 0)
        lo = np.where(found, self.lo[safe] if len(self.lo) else np.nan, np.nan)
        hi = np.where(found, self.hi[safe] if len(self.hi) else np.nan, np.nan)
        key = np.where(found, self.key_id[safe] if len(self.key_id) else np.nan, np.nan)
        return lo, hi, key


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
