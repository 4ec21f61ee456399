"""Reading one facts CSV file into a table of string columns, each row located by file and line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from validator.errors import InputError, Problem
from validator.io.facts_schema import COLUMNS, STR
from validator.io.text import check_utf8, read_bytes


def read_facts_csv(path: Path, display: str) -> pd.DataFrame:
    """All columns as pyarrow strings, plus `file` and `line`. Structural problems (header,
    field counts, line breaks inside fields, blank lines) are errors naming the line."""
    raw = read_bytes(path, display)
    if not raw.strip():
        raise InputError(Problem("empty file: expected a header line and facts", display, 1))
    header_bytes, _, body = raw.partition(b"\n")
    try:
        header = next(csv.reader([header_bytes.decode("utf-8")]))
    except UnicodeDecodeError:
        check_utf8(raw, display)
        raise
    if header != COLUMNS:
        raise InputError(Problem(header_problem(header), display, 1))
    if not body.strip():
        raise InputError(Problem("no facts: the file has a header and nothing else", display, 2))
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=COLUMNS, use_threads=True),
            parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(COLUMNS, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        check_utf8(raw, display)
        raise InputError(_locate_parse_error(body.decode("utf-8"), display)) from None
    lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    if table.num_rows != lines:
        raise InputError(_locate_parse_error(body.decode("utf-8"), display))
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    blank = (frame == "").all(axis=1).to_numpy()
    if blank.any():
        raise InputError(Problem("empty line (remove it)", display, int(blank.argmax()) + 2))
    frame["file"] = pd.array([display] * len(frame), dtype=STR)
    frame["line"] = np.arange(2, len(frame) + 2, dtype=np.int64)
    return frame


def _locate_parse_error(body: str, display: str) -> Problem:
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
        if len(rows) != 1 or len(rows[0]) != len(COLUMNS):
            found = len(rows[0]) if rows else 0
            return Problem(
                f"expected {len(COLUMNS)} fields, found {found} (a value containing a comma "
                "must be quoted; a field must not span lines)",
                display,
                number,
            )
    return Problem("cannot parse CSV (a quoted field spans several lines?)", display)


def header_problem(header: list[str]) -> str:
    """What is wrong with a list of column names (a CSV header or a Parquet schema)."""
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unknown column(s) {', '.join(extra)}")
        return "bad header: " + "; ".join(parts) + f". Expected: {','.join(COLUMNS)}"
    return f"columns are in the wrong order. Expected: {','.join(COLUMNS)}"


def read_entities(path: Path, display: str) -> set[str]:
    """The distinct entities of a facts file, reading only that column (for change selection).
    A file that cannot be read that way is read in full, which reports its problem."""
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
