"""Characters that data must not hide: invisible ones in ids, and digits other than the
documented ASCII and full-width forms.

An id with a zero-width space (甲\u200b公司) looks like another id and silently takes its facts
out of every relation; a superscript, circled or Arabic-Indic digit looks like a digit (and NFKC
would make it one: `19.95¹` would read as 19.951). Both are refused with a message that names
the character.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

# Full-width forms of ASCII (U+FF01..U+FF5E) are the documented normalisation of a printed value.
FULL_WIDTH = range(0xFF01, 0xFF5F)
_ASCII_CONTROL = r"[\x00-\x1f\x7f]"


def describe(ch: str) -> str:
    """`U+200B ZERO WIDTH SPACE`."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, None) or 'control character'}"


def is_invisible(ch: str) -> bool:
    """Controls, format characters (zero width, bidi, soft hyphen, BOM), separators."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def invisible_in(text: str) -> str | None:
    """The first invisible character of `text`, described; None when there is none."""
    if text.isascii() and text.isprintable():
        return None
    return next((describe(ch) for ch in text if is_invisible(ch)), None)


def is_digit_like(ch: str) -> bool:
    """A character that is, or that compatibility normalisation turns into, a digit."""
    if unicodedata.category(ch) in ("Nd", "Nl", "No"):
        return True
    return any(c.isdigit() for c in unicodedata.normalize("NFKC", ch))


def foreign_digit_in(text: str) -> str | None:
    """The first digit-like character that is neither ASCII nor full-width, described."""
    if text.isascii():
        return None
    for ch in text:
        if ord(ch) > 0x7F and ord(ch) not in FULL_WIDTH and is_digit_like(ch):
            return describe(ch)
    return None


def visible_id_check(what: str) -> pa.Check:
    """A pandera check: no invisible character in an id (the failure shows it escaped)."""
    return pa.Check(
        lambda v: not isinstance(v, str) or invisible_in(v) is None,
        element_wise=True,
        error=f"{what} must not contain invisible characters (zero-width, bidi, control)",
    )


def suspicious_values(column: pd.Series | pa_arrow.ChunkedArray | pa_arrow.Array) -> list[str]:
    """The distinct values of a string column that are not plain printable ASCII: the only
    ones worth looking at character by character (few, even in a million rows), in the order
    of their first row. A chunk whose text bytes are all printable ASCII holds none: that is
    one pass over its bytes, not a test per value."""
    if isinstance(column, pd.Series):
        column = pa_arrow.array(column, type=pa_arrow.string())
    chunks = column.chunks if isinstance(column, pa_arrow.ChunkedArray) else [column]
    if all(_plain_ascii(chunk) for chunk in chunks):
        return []
    distinct = pc.unique(column)  # in the order of first occurrence
    unusual = pc.invert(pc.string_is_ascii(distinct))
    unusual = pc.or_(unusual, pc.match_substring_regex(distinct, _ASCII_CONTROL))
    return pc.filter(distinct, unusual).to_pylist()


def _plain_ascii(chunk: pa_arrow.Array) -> bool:
    """True when every byte of the chunk's values is printable ASCII (0x20..0x7E)."""
    if chunk.type != pa_arrow.string() or len(chunk) == 0:
        return len(chunk) == 0
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)
    first, last = offsets[chunk.offset], offsets[chunk.offset + len(chunk)]
    data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[first:last]
    return not ((data < 0x20) | (data > 0x7E)).any()
