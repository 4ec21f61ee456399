"""The values table as a struct of numpy arrays: what the loop over templates takes rows of.

A pandas selection per template (`loc` by mask, `reset_index`) costs more than binding and
judging the rows it selects; taking rows of plain arrays costs one gather per column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


class Rows:
    """Named columns of equal length; `take` gathers rows of every column at once."""

    def __init__(self, columns: dict[str, np.ndarray]):
        self.columns = columns
        self.n = len(next(iter(columns.values()))) if columns else 0

    @staticmethod
    def of(frame: pd.DataFrame, names: list[str]) -> Rows:
        return Rows({c: frame[c].to_numpy() for c in names})

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def __len__(self) -> int:
        return self.n

    @property
    def empty(self) -> bool:
        return self.n == 0

    def take(self, rows: np.ndarray) -> Rows:
        return Rows({c: a[rows] for c, a in self.columns.items()})
