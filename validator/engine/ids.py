"""The check id (and the reads text) of every check at once.

A field of an id has few distinct values (entities, periods, concepts), so each is held as a
`Field`: its distinct strings and one code per check. A format's segment is dressed once per
distinct value (`{/member}` → `/` + member, or nothing) and the segments are joined in Arrow,
so an id costs a few C++ string copies rather than a Python concatenation per segment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from validator.model.check_id import IdFormat


@dataclass(frozen=True)
class Field:
    """`values[codes[i]]` is the field of check i; `values` is an object array of strings and
    `codes` int32 (a dozen fields are alive at once, a code per check each)."""

    values: np.ndarray
    codes: np.ndarray

    @staticmethod
    def of(column: pd.Series, rows: np.ndarray | None = None) -> Field:
        """The field of each row (a missing value is the empty string)."""
        if isinstance(column.dtype, pd.CategoricalDtype):
            values = np.append(np.asarray(column.cat.categories.astype(object)), "")
            codes = column.cat.codes.to_numpy()
        else:
            codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
            values = np.append(np.asarray(uniques, dtype=object), "")
        codes = codes.astype(np.int32)  # before the missing code is replaced: int8 would wrap
        if rows is not None:
            codes = codes[rows]
        codes[codes < 0] = len(values) - 1
        return Field(values.astype(object), codes)

    def map(self, fn: Callable[[str], str]) -> Field:
        return Field(np.array([fn(v) for v in self.values], dtype=object), self.codes)

    def categorical(self, order: np.ndarray) -> pd.Categorical:
        """The field of each check in `order` as a categorical (a code per check, not a
        reference to a string: an eighth of the memory of an object column)."""
        return categorical(self.values, self.codes[order])

    def objects(self, order: np.ndarray | None = None) -> np.ndarray:
        """The field of each check as an object array (sharing the distinct strings)."""
        return self.values[self.codes if order is None else self.codes[order]]


def categorical(values: np.ndarray, codes: np.ndarray) -> pd.Categorical:
    """`values[codes]` as a categorical of the values that occur, sorted (so that the table of
    a partitioned run, its parts' categories united, has the same dtype)."""
    present = np.bincount(codes, minlength=len(values)) > 0
    distinct, inverse = np.unique(np.asarray(values, dtype=str)[present], return_inverse=True)
    recode = np.full(len(values), -1, dtype=np.int64)
    recode[present] = inverse.reshape(-1)
    return pd.Categorical.from_codes(
        recode[codes], categories=pd.Index(distinct.tolist(), dtype="str")
    )


def render(fmt: IdFormat, fields: Mapping[str, Field], rows: np.ndarray) -> pa.Array:
    """The format for the checks `rows`, as an Arrow string array."""
    parts: list[pa.Array | pa.Scalar] = []
    for s in fmt.segments:
        if not s.field:
            parts.append(pa.scalar(s.text, pa.string()))
            continue
        f = fields[s.field]
        dressed = [s.before + v + s.after if v != "" else "" for v in f.values]
        parts.append(pa.array(dressed, pa.string()).take(pa.array(f.codes[rows])))
    if not any(isinstance(p, pa.Array) for p in parts):
        text = "".join(p.as_py() for p in parts)
        return pa.repeat(pa.scalar(text, pa.string()), len(rows))
    if len(parts) == 1:
        return parts[0]
    return pc.binary_join_element_wise(*parts, "")


def render_all(
    formats: Mapping[str, IdFormat], rule: Field, fields: Mapping[str, Field]
) -> pa.Array:
    """Each check rendered with the format of its rule (the empty string for another rule)."""
    n = len(rule.codes)
    order = np.argsort(rule.codes, kind="stable")
    bounds = np.searchsorted(rule.codes[order], np.arange(len(rule.values) + 1))
    pieces, placed = [], []
    for code, name in enumerate(rule.values.tolist()):
        rows = order[bounds[code] : bounds[code + 1]]
        if not len(rows):
            continue
        fmt = formats.get(name)
        pieces.append(render(fmt, fields, rows) if fmt else pa.repeat(pa.scalar(""), len(rows)))
        placed.append(rows)
    if not pieces:
        return pa.array([], pa.string())
    stacked = pa.concat_arrays([p.cast(pa.string()) for p in pieces])
    where = np.empty(n, dtype=np.int64)
    where[np.concatenate(placed)] = np.arange(n)
    return stacked.take(pa.array(where))


def strings(values: list[str] | np.ndarray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """A `str` column of `values[codes]`, taken in Arrow."""
    table = pa.array(list(values), pa.string())
    return pd.array(table.take(pa.array(np.asarray(codes, dtype=np.int64))), dtype="str")
