"""A quick proof that a table of pyarrow strings meets a pandera schema, so that the full
validation (slow on a million rows) runs only when something may be wrong.

Every column check of our schemas judges each value on its own (a pattern, a vocabulary, a
length), so a column passes exactly when its distinct values pass: those are checked, with the
schema's own checks, and the frame-wide row checks run as they are. Anything this does not
prove — another dtype, a null, a uniqueness rule, a failing check — leaves the verdict, and
the located errors, to pandera.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

STR = "string[pyarrow]"  # how pandera names pd.StringDtype("pyarrow")
ARROW_STRINGS = pd.StringDtype("pyarrow")


def surely_valid(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> bool:
    """True only when `schema.validate(frame)` would pass."""
    if not (schema.strict is True and schema.ordered) or schema.unique or schema.coerce:
        return False
    expected = [n for n, c in schema.columns.items() if c.required or n in frame.columns]
    if list(frame.columns) != expected or frame.columns.has_duplicates:
        return False
    for name, column in schema.columns.items():
        if name not in frame.columns:
            continue
        if not _column_ok(frame[name], column):
            return False
    return all(bool(check(frame).check_passed) for check in schema.checks)


def _column_ok(series: pd.Series, column: pa.Column) -> bool:
    if series.dtype != ARROW_STRINGS or str(column.dtype) != STR:
        return False
    if column.unique or column.regex or column.coerce or column.parsers:
        return False
    arrow = pa_arrow.array(series.array)
    if arrow.null_count:
        return False
    distinct = pd.DataFrame({column.name: pd.arrays.ArrowStringArray(pc.unique(arrow))})
    try:
        column.validate(distinct)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors):
        return False
    return True
