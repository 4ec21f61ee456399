"""Documented normalisations of printed values, applied before any check.

- Full-width digits and punctuation (１２．３４, －, the forms U+FF01..U+FF5E) are read as
  their ASCII forms, and the ideographic space as a space; the printed literal is kept for
  display. Nothing else is mapped: a superscript, circled, bold or Arabic-Indic digit is not a
  digit here (the facts reader refuses it, naming the character).
- A leading plus sign (+1.5) is dropped: the sign is explicit either way.
- A cell printed as `--`, `—`, `/` or left empty stands for "not stated" (不适用 / 无法获取):
  the row states no figure and is skipped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

NOT_STATED = ("", "--", "—", "——", "/", "－－", "／")


def normalise_values(values: pd.Series) -> pd.Series:
    """The parseable form of each printed value (unchanged where nothing applies)."""
    arr = pa.array(values, type=pa.string())
    unusual = ~pc.string_is_ascii(arr).to_numpy(zero_copy_only=False)
    unusual |= pc.starts_with(arr, "+").to_numpy(zero_copy_only=False)
    if not unusual.any():
        return values
    out = values.copy()
    rows = np.flatnonzero(unusual)
    fixed = [_normalise(v) for v in values.iloc[rows]]  # only the few unusual values
    out.iloc[rows] = fixed
    return out


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _normalise(value: str) -> str:
    text = value.translate(_FULL_WIDTH).strip()
    return text[1:] if text.startswith("+") else text


def not_stated(values: pd.Series) -> np.ndarray:
    return values.isin(NOT_STATED).to_numpy()


def stated_rows(facts: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows that state a value, renumbered, with the printed literal kept as `printed`
    beside its normalised `value`, and which input rows they are. Where no value needed
    normalising, both columns are one array (a corpus's literals are held once)."""
    printed = facts["value"]
    normalised = normalise_values(printed)
    stated = ~not_stated(normalised)
    kept = facts[stated].reset_index(drop=True)
    if normalised is printed:
        kept["printed"] = kept["value"]
    else:
        kept = kept.assign(printed=kept["value"], value=normalised[stated].reset_index(drop=True))
    return kept, stated
