"""Rows grouped by an integer key, looked up one key at a time."""

from __future__ import annotations

import numpy as np


class Groups:
    """The values of each key, in their original order: one stable sort, then a binary search
    per lookup (a pandas group index over a million keys costs seconds to build)."""

    def __init__(self, keys: np.ndarray, values: np.ndarray):
        order = np.argsort(keys, kind="stable")
        self.keys, self.values = keys[order], values[order]

    def get_group(self, key: int) -> np.ndarray:
        a = np.searchsorted(self.keys, key)
        b = np.searchsorted(self.keys, key, side="right")
        return self.values[a:b]
