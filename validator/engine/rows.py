"""The values table as a struct of numpy arrays: what the loop over templates takes rows of.

A pandas selection per template (`loc` by mask, `reset_index`) costs more than binding and
judging the rows it selects; taking rows of plain arrays costs one gather per column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


class Rows:
    """Named columns of equal length, taken at `index` (all rows when None). A column is
    gathered when first read: most templates read a few of the columns."""

    def __init__(self, columns: dict[str, np.ndarray | Coded], index: np.ndarray | None = None):
        self.columns, self.index = columns, index
        self._taken: dict[str, np.ndarray] = {}
        full = len(next(iter(columns.values()))) if columns else 0
        self.n = full if index is None else len(index)

    @staticmethod
    def of(frame: pd.DataFrame, names: list[str]) -> Rows:
        return Rows({c: _column(frame[c]) for c in names})

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._taken:
            column = self.columns[name]
            if self.index is None:
                return column[:] if isinstance(column, Coded) else column
            self._taken[name] = column[self.index]
        return self._taken[name]

    def __len__(self) -> int:
        return self.n

    @property
    def empty(self) -> bool:
        return self.n == 0

    def take(self, rows: np.ndarray) -> Rows:
        return Rows(self.columns, rows if self.index is None else self.index[rows])


class Coded:
    """A categorical column as its codes: the values (an object array, NaN where missing) are
    built only for the rows taken, not an object array of every row."""

    def __init__(self, column: pd.Series):
        self.names = np.append(np.asarray(column.cat.categories.astype(object)), np.nan)
        self.codes = column.cat.codes.to_numpy()  # -1 (missing) reads the NaN at the end

    def __getitem__(self, rows: np.ndarray | slice) -> np.ndarray:
        return self.names[self.codes[rows]]

    def __len__(self) -> int:
        return len(self.codes)


def _column(column: pd.Series) -> np.ndarray | Coded:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return Coded(column)
    return column.to_numpy()
