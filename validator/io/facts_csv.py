"""Reading one facts CSV file into a table of string columns, each row located by file and line."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from validator.errors import InputError, Problem
from validator.io.facts_schema import COLUMNS, STR
from validator.io.text import read_text


def read_facts_csv(path: Path, display: str) -> pd.DataFrame:
    """All columns as pyarrow strings, plus `file` and `line`. Structural problems (header,
    field counts, line breaks inside fields) are errors naming the line."""
    text = read_text(path, display)
    if not text.strip():
        raise InputError(Problem("empty file: expected a header line and facts", display, 1))
    header_line, _, body = text.partition("\n")
    header = next(csv.reader([header_line]))
    if header != COLUMNS:
        raise InputError(Problem(_header_problem(header), display, 1))
    try:
        frame = pd.read_csv(
            io.StringIO(body),
            names=COLUMNS,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        message, line = _parser_message(exc)
        raise InputError(Problem(message, display, line)) from None
    expected_rows = body.count("\n") + (0 if body.endswith("\n") or not body else 1)
    if len(frame) != expected_rows:
        raise InputError(
            Problem("a quoted field spans several lines; facts must be one per line", display)
        )
    frame = frame.astype(STR)
    blank = (frame == "").all(axis=1).to_numpy()
    if blank.any():
        line = int(blank.argmax()) + 2
        raise InputError(Problem("empty line (remove it)", display, line))
    frame["file"] = pd.array([display] * len(frame), dtype=STR)
    frame["line"] = pd.RangeIndex(2, len(frame) + 2).to_numpy()
    return frame


def _header_problem(header: list[str]) -> str:
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


def _parser_message(exc: Exception) -> tuple[str, int | None]:
    text = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    # pandas counts lines of the body; the file's line adds the header.
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if m:
        return (
            f"expected {m[1]} fields, found {m[3]} (a value containing a comma must be quoted)",
            int(m[2]) + 1,
        )
    return f"cannot parse CSV: {text}", None
