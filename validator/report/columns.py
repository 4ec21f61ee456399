"""Whole-column string primitives for the column-wise renderers: each string JSON-encoded once,
numbers formatted as the per-check functions format them, strings joined per group.

Every function takes and returns numpy object arrays of Python strings; the per-element work
runs in C (`map` over builtins, ufuncs on object arrays), never in a Python loop.
"""

from __future__ import annotations

from itertools import repeat
from json.encoder import encode_basestring
from string import Formatter

import numpy as np
import pandas as pd


def strings(values: object) -> np.ndarray:
    """Any column (object, string, categorical) as an object array of Python strings."""
    return np.asarray(pd.Series(values).astype(object).to_numpy(), dtype=object)


def coded(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """A text column's codes and distinct values: a categorical's as they are (a missing value
    coded as one more, empty, value), any other column factorised."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        names = [str(c) for c in values.cat.categories.tolist()] + [""]
        codes = values.cat.codes.to_numpy().astype(np.int64)
        codes[codes < 0] = len(names) - 1
        return codes, names
    codes, uniques = pd.factorize(strings(values), use_na_sentinel=False)
    return codes.astype(np.int64), [str(u) for u in uniques.tolist()]


def encoded(values: np.ndarray, distinct: bool = False) -> np.ndarray:
    """Each string as a JSON string literal (`json.dumps(s, ensure_ascii=False)`), each
    distinct string encoded once (`distinct`: the strings are known to differ)."""
    if distinct:
        return filled(map(encode_basestring, values.tolist()), len(values))
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    out = np.empty(len(uniques), dtype=object)
    out[:] = list(map(encode_basestring, uniques.tolist()))
    return out[codes]


def filled(items: object, n: int) -> np.ndarray:
    """An object array of n strings from an iterable (never a numpy string array)."""
    out = np.empty(n, dtype=object)
    out[:] = list(items)  # type: ignore[call-overload]
    return out


def formatted(template: str, *columns: np.ndarray) -> np.ndarray:
    """`template.format(*row)` (positional fields `{0}`, `{1}` …, no conversions) for every row
    of the columns: one `str.join` per row."""
    n = len(columns[0]) if columns else 0
    parts: list[object] = []
    for literal, field, _, _ in Formatter().parse(template):
        if literal:
            parts.append(repeat(literal, n))
        if field is not None:
            parts.append(columns[int(field)].tolist())
    return filled(map("".join, zip(*parts, strict=False)), n)  # repeat() never ends


def group_join(values: np.ndarray, groups: np.ndarray, n: int, sep: str) -> np.ndarray:
    """`sep.join` of the values of each group 0..n-1 (`groups` ascending, one per value, the
    values of a group in their order); an empty group gives the empty string."""
    out = np.full(n, "", dtype=object)
    if not len(values):
        return out
    groups = np.asarray(groups, dtype=np.int64)
    first = np.ones(len(groups), dtype=bool)
    first[1:] = groups[1:] != groups[:-1]
    pieces = np.asarray(values, dtype=object).copy()
    if sep:
        pieces[~first] = sep + pieces[~first]
    starts = np.flatnonzero(first)
    out[groups[starts]] = np.add.reduceat(pieces, starts)
    return out


def small_codes(codes: np.ndarray) -> np.ndarray:
    """Codes kept for a run in int32 where they fit (fewer codes than 2**31), else int64."""
    return codes.astype(np.int32) if len(codes) < 2**31 else codes.astype(np.int64)
