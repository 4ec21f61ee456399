"""Column operations computed once per distinct value: a facts column has few distinct values
(concepts, units, periods), so a Python function over those is cheap at a million rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def by_value(column: pd.Series, fn: Callable[[Any], Any], dtype: Any = object) -> np.ndarray:
    """`fn` applied to each distinct value of `column`, spread back to every row."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    table = np.array([fn(u) for u in uniques], dtype=dtype)
    if len(table) == 0:
        return np.array([], dtype=dtype)
    return table[codes]


def lookup(
    column: pd.Series, mapping: dict[Any, Any], default: Any = None, dtype: Any = object
) -> np.ndarray:
    return by_value(column, lambda v: mapping.get(v, default), dtype)
