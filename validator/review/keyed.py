"""Grouping over integer codes with numpy: the review reads a million links, and pandas
`drop_duplicates` or `get_group` over them costs seconds where one stable sort costs
milliseconds (the links come sorted by check, which a stable sort finds almost done)."""

from __future__ import annotations

import numpy as np
import pandas as pd

INT64_LIMIT = 2**62  # packed codes stay below this, so no product overflows


def dense(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A group number per row (0 … groups-1, in sorted order of the codes) and whether the row is
    the first of its group in the original order."""
    order = np.argsort(codes, kind="stable")
    ranked = codes[order]
    new = np.ones(len(codes), dtype=bool)
    new[1:] = ranked[1:] != ranked[:-1]
    gid = np.empty(len(codes), dtype=np.int64)
    gid[order] = new.astype(np.int64).cumsum() - 1
    first = np.zeros(len(codes), dtype=bool)
    first[order[new]] = True  # stable: the first of equal codes is the earliest row
    return gid, first


def pack(*columns: np.ndarray) -> np.ndarray:
    """One int64 code per row, equal exactly when every column is equal (columns of
    non-negative integers; a column is first made dense where the product would overflow)."""
    out = np.zeros(len(columns[0]), dtype=np.int64)
    width = 1
    for col in columns:
        col = np.asarray(col, dtype=np.int64)
        if len(col) and int(col.min()) < 0:
            col = dense(col)[0]
        span = int(col.max()) + 1 if len(col) else 1
        if width * span >= INT64_LIMIT:
            out = dense(out)[0]
            width = int(out.max()) + 1 if len(out) else 1
        if width * span >= INT64_LIMIT:  # even dense, too wide: make this column dense too
            col = dense(col)[0]
            span = int(col.max()) + 1 if len(col) else 1
        out = out * span + col
        width *= span
    return out


def first_rows(*columns: np.ndarray) -> np.ndarray:
    """Whether each row is the first with its values (what `drop_duplicates` keeps)."""
    if not len(columns[0]):
        return np.zeros(0, dtype=bool)
    return dense(pack(*columns))[1]


def codes_of(values: pd.Series) -> np.ndarray:
    """Integer codes of a column of labels (equal labels, equal codes; missing ones -1)."""
    return pd.factorize(values)[0].astype(np.int64)


class Sorted:
    """The values of each key, in their original order: one stable sort, then a binary search
    per look-up (a pandas group index over a million keys costs seconds to build)."""

    def __init__(self, keys: np.ndarray, values: np.ndarray):
        if len(keys) and bool((keys[1:] >= keys[:-1]).all()):
            self.keys, self.values = keys, values  # already in order (links by check)
        else:
            order = np.argsort(keys, kind="stable")
            self.keys, self.values = keys[order], values[order]

    def get_group(self, key: int) -> np.ndarray:
        a = np.searchsorted(self.keys, key)
        b = np.searchsorted(self.keys, key, side="right")
        return self.values[a:b]
