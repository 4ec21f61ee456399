"""The check table's text columns as JSON literals, coded once for the whole run: each column
factorised and its distinct values encoded once, a chunk of checks taking its rows by code."""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring

import numpy as np
import pandas as pd
import pyarrow as pa

from validator.report.arrow_text import text_array
from validator.report.columns import strings


class CheckColumns:
    """Literals of columns of `Findings.table` for rows lo..hi-1."""

    def __init__(self, t: pd.DataFrame):
        self._t = t
        self._coded: dict[str, tuple[np.ndarray, list]] = {}
        self._literals: dict[tuple[str, Callable], pa.Array] = {}

    def coded(self, name: str) -> tuple[np.ndarray, list]:
        """The codes of a column (one per row) and its distinct values."""
        if name not in self._coded:
            column = self._t[name]
            if isinstance(column.dtype, pd.CategoricalDtype) and not column.hasnans:
                codes, uniques = column.cat.codes.to_numpy(), column.cat.categories
            else:
                codes, uniques = pd.factorize(strings(column), use_na_sentinel=False)
            self._coded[name] = (codes.astype(np.int64), strings(uniques).tolist())
        return self._coded[name]

    def literals(
        self, name: str, lo: int, hi: int, text: Callable[[object], str] = str
    ) -> pa.Array:
        """`encode_basestring(text(v))` of each value of rows lo..hi-1."""
        codes, uniques = self.coded(name)
        key = (name, text)
        if key not in self._literals:
            self._literals[key] = text_array([encode_basestring(text(v)) for v in uniques])
        return self._literals[key].take(pa.array(codes[lo:hi]))
