"""Column operations computed once per distinct value.

The key columns of a facts table (entity, concept, period, unit …) have few distinct values, so
they are held as categoricals and every derived property is computed on the categories and
spread back to the rows by their codes: no Python loop over rows, no per-row string objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa


def as_category(column: pd.Series) -> pd.Series:
    return column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")


def repeated(text: str, n: int) -> pd.api.extensions.ExtensionArray:
    """`text` n times as a pyarrow string array, built in Arrow (no list of n Python strings)."""
    return pd.arrays.ArrowStringArray(pa.repeat(pa.scalar(text, pa.string()), n))


def by_value(column: pd.Series, fn: Callable[[Any], Any], dtype: Any = object) -> np.ndarray:
    """`fn` applied to each distinct value of `column`, spread back to every row."""
    column = as_category(column)
    table = np.array([fn(c) for c in column.cat.categories], dtype=dtype)
    codes = column.cat.codes.to_numpy()
    if len(table) == 0:
        return np.zeros(len(codes), dtype=dtype)
    return table[codes]


def lookup(
    column: pd.Series, mapping: dict[Any, Any], default: Any = None, dtype: Any = object
) -> np.ndarray:
    return by_value(column, lambda v: mapping.get(v, default), dtype)


def derive(column: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """A categorical column of `fn` of each value, computed once per category."""
    column = as_category(column)
    mapped = [fn(c) for c in column.cat.categories]
    codes, uniques = pd.factorize(pd.Series(mapped, dtype=object), sort=True)
    new_codes = codes[column.cat.codes.to_numpy()] if len(codes) else column.cat.codes.to_numpy()
    return pd.Series(
        pd.Categorical.from_codes(new_codes, categories=pd.Index(uniques, dtype=object)),
        index=column.index,
    )
