"""Reading one facts Parquet file into the same table a facts CSV gives.

A Parquet file has no header line, so its rows are placed where the same rows would be in the
CSV export of the file: row N (1-based) is `line` N + 1. Every column must be a string column:
a printed literal is text (`9.970` keeps its trailing zero), so a numeric column is refused
rather than formatted back into a literal that was never printed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from validator.errors import InputError, Problem
from validator.io.columns import repeated
from validator.io.facts_csv import header_problem
from validator.io.facts_schema import COLUMNS, OPTIONAL_COLUMNS, header_ok
from validator.io.text import MAX_FILE_BYTES

FIRST_LINE = 2  # row 1 of a Parquet file is line 2 of its CSV export (line 1 is the header)
MAX_PROBLEMS = 50


def read_facts_parquet(path: Path, display: str) -> pd.DataFrame:
    """All columns as pyarrow strings, plus `file` and `line` (row number + 1)."""
    table = _read_table(path, display)
    names = table.schema.names
    if not header_ok(names):
        raise InputError(Problem(header_problem(names), display))
    table = pa.table([_as_string(table, name, display) for name in names], names=names)
    if table.num_rows == 0:
        raise InputError(Problem("no facts: the file has columns and no rows", display))
    if problems := _null_problems(table, display):
        raise InputError(problems)
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    blank = (frame == "").all(axis=1).to_numpy()
    if blank.any():
        raise InputError(Problem("empty row (remove it)", display, _line(int(blank.argmax()))))
    for column in OPTIONAL_COLUMNS:
        if column not in frame:
            frame[column] = repeated("", len(frame))
    frame = frame[COLUMNS + OPTIONAL_COLUMNS]
    frame["file"] = repeated(display, len(frame))
    frame["line"] = np.arange(FIRST_LINE, len(frame) + FIRST_LINE, dtype=np.int64)
    return frame


def _read_table(path: Path, display: str) -> pa.Table:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(Problem(f"file is larger than {MAX_FILE_BYTES} bytes", display))
        return pq.read_table(path)
    except OSError as exc:
        if exc.strerror:
            raise InputError(Problem(f"cannot read file: {exc.strerror}", display)) from None
        raise InputError(Problem(f"not a readable Parquet file: {exc}", display)) from None
    except (pa.ArrowException, ValueError) as exc:
        raise InputError(Problem(f"not a readable Parquet file: {exc}", display)) from None


def _as_string(table: pa.Table, name: str, display: str) -> pa.ChunkedArray:
    """The column as plain strings; dictionary-encoded and large strings are still strings."""
    column = table.column(name)
    kind = column.type
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if not (
        pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)
    ):
        raise InputError(
            Problem(
                f"column {name!r} has type {column.type}: every column must be a string column "
                "(write each figure as its printed literal, e.g. '9.970', not a number)",
                display,
                None,
                name,
            )
        )
    return column.cast(pa.string())


def _null_problems(table: pa.Table, display: str) -> list[Problem]:
    """A null cell has no printed text: an empty field is an empty string (`''`) instead."""
    problems: list[Problem] = []
    for name in COLUMNS:
        column = table.column(name)
        if column.null_count == 0:
            continue
        rows = np.flatnonzero(pc.is_null(column).to_numpy(zero_copy_only=False))
        for row in rows[: MAX_PROBLEMS - len(problems)]:
            problems.append(
                Problem("null value (an empty field is an empty string)", display, _line(row), name)
            )
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _line(row: int) -> int:
    """The line of 0-based row `row`: as in the file's CSV export."""
    return int(row) + FIRST_LINE
