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
import pyarrow.compute as pc

ARROW_STRINGS = pd.StringDtype("pyarrow")


def as_category(column: pd.Series) -> pd.Series:
    """The column as a categorical with sorted categories (what `astype("category")` gives);
    a pyarrow string column is encoded in Arrow (a hash of the distinct values, then a lookup),
    about five times faster than pandas' factorisation of it."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column
    if column.dtype != ARROW_STRINGS or column.hasnans:
        return column.astype("category")
    values = pa.array(column.array)
    distinct = pc.unique(values)
    distinct = distinct.take(pc.array_sort_indices(distinct))
    codes = pc.index_in(values, value_set=distinct).to_numpy()
    categories = pd.Index(pd.arrays.ArrowStringArray(distinct))
    return pd.Series(
        pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories)),
        index=column.index,
        name=column.name,
    )


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
