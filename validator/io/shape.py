"""Running a pandera schema and turning its failures into located problems."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import pandas as pd
import pandera.pandas as pa

from validator.errors import InputError, Problem
from validator.io.shape_fast import surely_valid

MAX_PROBLEMS = 50
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"  # \Z: no trailing newline; ASCII digits only


def is_date(text: object) -> bool:
    if not isinstance(text, str) or not re.match(DATE_PATTERN, text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def date_check() -> pa.Check:
    """A real calendar date written YYYY-MM-DD (2024-02-30 is not one)."""
    return pa.Check(
        is_date, element_wise=True, error="date must be a real date written YYYY-MM-DD"
    )


def check_shape(
    frame: pd.DataFrame,
    schema: pa.DataFrameSchema,
    files: Sequence[str],
    lines: Sequence[int | None],
) -> None:
    """Validate `frame`; on failure raise InputError naming file, line and column of each row.

    `files[i]` and `lines[i]` locate row i of `frame` (positional index): any sequence, read
    at the failing rows only (a column's array, not a list of a Python object per row).
    """
    if surely_valid(frame, schema):
        return
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise InputError(_problems(exc.failure_cases, files, lines)) from None


_READABLE = {
    "column_in_dataframe": "missing field {case!r}",
    "column_in_schema": "unknown field {case!r}",
    "not_nullable": "a value is required",
    "field_uniqueness": "duplicate value {case!r}",
    "dataframe_column_labels_unique": "field {case!r} given twice",
}


def _readable(check: str, case: object) -> str | None:
    for key, template in _READABLE.items():
        if check.startswith(key):
            return template.format(case=case)
    if check.startswith("dtype("):
        return f"wrong type: {check} (got {case!r})"
    return None


def _problems(
    cases: pd.DataFrame, files: Sequence[str], lines: Sequence[int | None]
) -> list[Problem]:
    problems: list[Problem] = []
    # A row-level check fails once per column of the row: report it once per row.
    cases = cases.drop_duplicates(subset=["check", "index"])
    for case in cases.head(MAX_PROBLEMS).itertuples(index=False):
        index = case.index
        column = case.column if isinstance(case.column, str) else None
        if case.schema_context == "DataFrameSchema":
            column = None
        check = str(case.check)
        got = case.failure_case
        readable = _readable(check, got)
        if index is None or pd.isna(index):
            message = readable or f"{check} ({got!r})"
            problems.append(Problem(message, files[0] if len(files) else None, None, column))
            continue
        row = int(index)
        shown = (
            "" if got is None or (isinstance(got, float) and pd.isna(got)) else f" (got {got!r})"
        )
        line = lines[row]
        line = None if line is None or pd.isna(line) else int(line)
        file = files[row]
        file = None if file is None else str(file)  # a column's element may be a numpy str
        problems.append(Problem(readable or f"{check}{shown}", file, line, column))
    if len(cases) > MAX_PROBLEMS:
        problems.append(Problem(f"… and {len(cases) - MAX_PROBLEMS} more problems"))
    return problems
