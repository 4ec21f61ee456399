"""Reading one facts CSV file into a table of string columns, each row located by file and line."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from validator.errors import InputError, Problem
from validator.io.characters import foreign_digit_in, invisible_in, suspicious_values
from validator.io.columns import repeated
from validator.io.facts_schema import COLUMNS, OPTIONAL_COLUMNS, header_ok
from validator.io.text import check_regular, check_utf8, read_bytes

_SOMETHING = re.compile(rb"\S")  # searched from an offset: no copy of a large file


def read_facts_csv(path: Path, display: str) -> pd.DataFrame:
    """All columns as pyarrow strings, plus `file` and `line`. Structural problems (header,
    field counts, line breaks inside fields, blank lines) are errors naming the line."""
    raw = read_bytes(path, display)
    if not _SOMETHING.search(raw):
        raise InputError(Problem("empty file: expected a header line and facts", display, 1))
    start = raw.find(b"\n") + 1 or len(raw)  # the body, without copying it
    try:
        header = next(csv.reader([raw[:start].rstrip(b"\n").decode("utf-8")]))
    except UnicodeDecodeError:
        check_utf8(raw, display)
        raise
    if not header_ok(header):
        raise InputError(Problem(header_problem(header), display, 1))
    columns = header
    if not _SOMETHING.search(raw, start):
        raise InputError(Problem("no facts: the file has a header and nothing else", display, 2))
    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(raw).slice(start)),
            read_options=pacsv.ReadOptions(column_names=columns, use_threads=True),
            parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        check_utf8(raw, display)
        text = raw[start:].decode("utf-8")
        raise InputError(_locate_parse_error(text, display, columns)) from None
    lines = raw.count(b"\n", start) + (0 if raw.endswith(b"\n") else 1)
    if table.num_rows != lines:
        raise InputError(_locate_parse_error(raw[start:].decode("utf-8"), display, columns))
    del raw  # the table holds its own copy of the text
    blank = _blank_rows(table)
    if blank.any():
        raise InputError(Problem("empty line (remove it)", display, int(blank.argmax()) + 2))
    _check_characters(table, display)
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    for column in OPTIONAL_COLUMNS:
        if column not in frame:
            frame[column] = repeated("", len(frame))
    frame = frame[COLUMNS + OPTIONAL_COLUMNS]
    frame["file"] = repeated(display, len(frame))
    frame["line"] = np.arange(2, len(frame) + 2, dtype=np.int64)
    return frame


# Columns that hold ids or values (entity … unit): an invisible character would make a
# different id.
ID_COLUMNS = COLUMNS[: COLUMNS.index("unit") + 1]


def _check_characters(table: pa.Table, display: str) -> None:
    """Invisible characters in ids and values, and digits other than ASCII and full-width, are
    refused with the character named, at the first line holding it."""
    for column in ID_COLUMNS:
        for text in suspicious_values(table.column(column)):
            problem = invisible_in(text)
            what = "invisible character"
            if problem is None and column in ("value", "period", "base"):
                problem, what = foreign_digit_in(text), "digit-like character"
            if problem is None:
                continue
            line = pc.index(table.column(column), text).as_py() + 2
            only = " (only ASCII 0-9 and full-width ０-９ are digits)" if what[0] == "d" else ""
            raise InputError(Problem(f"{what} {problem} in {text!r}{only}", display, line, column))


def _blank_rows(table: pa.Table) -> np.ndarray:
    """Rows whose every field is empty, computed in Arrow (bit masks, no copy of the text)."""
    mask = None
    for column in table.columns:
        empty = pc.equal(pc.binary_length(column), 0)
        mask = empty if mask is None else pc.and_(mask, empty)
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


def _locate_parse_error(body: str, display: str, columns: list[str]) -> Problem:
    """The first line the csv module cannot read as exactly one row of the right width."""
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline
    for number, line in enumerate(lines, start=2):
        if not line.strip():
            return Problem("empty line (remove it)", display, number)
        try:
            rows = list(csv.reader([line], strict=True))
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                return Problem(
                    "a quoted field is not closed on its line (a field must not span lines)",
                    display,
                    number,
                )
            return Problem(f"cannot parse CSV line: {exc}", display, number)
        if len(rows) != 1 or len(rows[0]) != len(columns):
            found = len(rows[0]) if rows else 0
            return Problem(
                f"expected {len(columns)} fields, found {found} (a value containing a comma "
                "must be quoted; a field must not span lines)",
                display,
                number,
            )
    return Problem("cannot parse CSV (a quoted field spans several lines?)", display)


def header_problem(header: list[str]) -> str:
    """What is wrong with a list of column names (a CSV header or a Parquet schema)."""
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS + OPTIONAL_COLUMNS]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unknown column(s) {', '.join(extra)}")
        return "bad header: " + "; ".join(parts) + f". Expected: {','.join(COLUMNS)}"
    return (
        f"columns are in the wrong order. Expected: {','.join(COLUMNS)} "
        f"(optionally followed by {','.join(OPTIONAL_COLUMNS)})"
    )


def read_entities(path: Path, display: str) -> set[str]:
    """The distinct entities of a facts file, reading only that column (for change selection).
    A file that cannot be read that way is read in full, which reports its problem."""
    check_regular(path, display)
    try:
        table = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                include_columns=["entity"],
                column_types={"entity": pa.string()},
                strings_can_be_null=False,
            ),
        )
        return set(table.column("entity").unique().to_pylist())
    except (pa.ArrowInvalid, KeyError, OSError):
        return set(read_facts_csv(path, display)["entity"].unique())
