"""A partition's check table in a compact form, for the trip from a worker to the client.

The check table's text columns are object columns: unpickled, every cell is a Python string of
its own (about 1.6 KB per check in all), although most columns take a few hundred distinct
values over a corpus. A worker sends each such column as its distinct strings and an int32 code
per row; the client decodes every column once, for all partitions together, into an object
column whose cells point at one string per distinct value. The values, their order and the
dtypes are those of the table the worker built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from validator.findings.model import Findings
from validator.findings.types import RuleText


@dataclass(frozen=True)
class Coded:
    """An object column of strings: `uniques[codes]`."""

    codes: np.ndarray
    uniques: np.ndarray


@dataclass(frozen=True)
class PackedTable:
    """A frame with a RangeIndex, each column as it was or `Coded`."""

    columns: tuple[str, ...]
    data: dict[str, pd.Series | Coded]
    rows: int

    def __len__(self) -> int:
        return self.rows


def pack(frame: pd.DataFrame) -> PackedTable:
    """`frame` with every object column that holds only strings coded (others kept as they
    are: a None, a float or any other object in a column keeps that column whole)."""
    data: dict[str, pd.Series | Coded] = {}
    for name in frame.columns:
        column = frame[name]
        values = column.to_numpy()
        if column.dtype == object and pd.api.types.infer_dtype(values, skipna=False) == "string":
            codes, uniques = pd.factorize(values)
            data[name] = Coded(codes.astype(np.int32), np.asarray(uniques, dtype=object))
        else:
            data[name] = column.reset_index(drop=True)
    return PackedTable(tuple(frame.columns), data, len(frame))


def merged_column(
    parts: Sequence[PackedTable], name: str, order: np.ndarray | None = None
) -> pd.Series:
    """Column `name` of the parts one under the other, its rows taken in `order` (all of them
    when None), as the frame of all the rows would hold it."""
    pieces = [p.data[name] for p in parts]
    if all(isinstance(c, Coded) for c in pieces):
        uniques, codes = _shared_codes(pieces)  # type: ignore[arg-type]
        if order is not None:
            codes = codes[order]
        return pd.Series(uniques.take(codes), dtype=object)
    decoded = [_decoded(c) for c in pieces]
    if all(isinstance(c.dtype, pd.CategoricalDtype) for c in decoded):
        # The single run's categoricals hold the values that occur, sorted: so does the union.
        series = pd.Series(union_categoricals(decoded, sort_categories=True))
        return series if order is None else series.take(order).reset_index(drop=True)
    series = pd.concat(decoded, ignore_index=True)
    texts = [c.dtype for c in decoded if isinstance(c.dtype, pd.StringDtype)]
    if texts and series.dtype == object:
        # Some partitions rewrote the column (a review step's `assign` infers strings), as one
        # table of all the rows would have been rewritten: the rows of the others too.
        series = series.astype(texts[0])
    if order is not None:
        series = series.take(order).reset_index(drop=True)
    return series


def unpack(table: PackedTable) -> pd.DataFrame:
    """The frame that was packed."""
    return pd.DataFrame({name: merged_column([table], name) for name in table.columns})


def _shared_codes(pieces: Sequence[Coded]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct strings of all pieces, and every row's code among them."""
    if len(pieces) == 1:
        return pieces[0].uniques, pieces[0].codes
    codes, uniques = pd.factorize(np.concatenate([p.uniques for p in pieces]))
    starts = np.cumsum([0] + [len(p.uniques) for p in pieces])
    out = np.concatenate(
        [codes[s:][: len(p.uniques)][p.codes] for p, s in zip(pieces, starts[:-1], strict=True)]
    )
    return np.asarray(uniques, dtype=object), out.astype(np.int32)


def _decoded(c: pd.Series | Coded) -> pd.Series:
    if isinstance(c, Coded):
        return pd.Series(c.uniques.take(c.codes), dtype=object)
    return c


@dataclass(frozen=True)
class PackedFindings:
    """A partition's backend findings with the check table packed (the other frames are
    categorical, Arrow strings and integers already)."""

    table: PackedTable
    fact_table: pd.DataFrame
    links: pd.DataFrame
    rules: Mapping[str, RuleText]
    check_documents: pd.DataFrame


def pack_findings(f: Findings | PackedFindings) -> PackedFindings:
    if isinstance(f, PackedFindings):
        return f
    return PackedFindings(pack(f.table), f.fact_table, f.links, f.rules, f.check_documents)
