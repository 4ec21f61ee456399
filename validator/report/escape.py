"""Neutralising data strings for each output format: pure functions, one per format.

Data (titles, file names, ids, reasons, cells) may hold anything. What a format treats as
control must never reach it raw: a terminal obeys ESC sequences, BEL and C1 controls and
reorders text under bidi controls; GitHub Actions obeys a line starting with `::`; XML 1.0
cannot hold most C0 controls; a browser obeys markup. Controls are shown as visible escapes
(`\\x1b`, `<U+202E>`) so that a reviewer sees what the data holds.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Invisible characters that change how text reads: bidi embeddings, overrides and isolates,
# marks, zero-width spaces and joiners, the word joiner and the BOM (all category Cf), and the
# line and paragraph separators.
_SEPARATORS = {"\u2028", "\u2029", "\u0085"}
_NONCHARACTERS = {"\ufffe", "\uffff"}
_COMMAND_LINE = re.compile(r"^::", re.MULTILINE)


def _visible_char(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogate escape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def needs_escape(ch: str) -> bool:
    """C0 and C1 controls, DEL, format characters (bidi, zero width), separators, lone
    surrogates and noncharacters."""
    if ch in _SEPARATORS or ch in _NONCHARACTERS:
        return True
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs")


def _visible(text: str) -> str:
    if text.isprintable():  # no control, format, surrogate, separator or noncharacter in it
        return text
    return "".join(_visible_char(ch) if needs_escape(ch) else ch for ch in text)


def terminal(text: object) -> str:
    """One line of terminal text: every control, escape sequence introducer, bidi or
    zero-width character (and any newline) shown as a visible escape."""
    return _visible(str(text))


def no_command_lines(text: str) -> str:
    """Text in which no line starts with `::` (a GitHub workflow command)."""
    return _COMMAND_LINE.sub(r"\\x3a:", text)


def github_data(text: object) -> str:
    """The message of a workflow command: `%`, CR and LF percent-encoded, other controls
    visible."""
    data = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _visible(data)


def github_property(text: object) -> str:
    """A workflow command property value (file, title): also `:` and `,` encoded."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def xml(text: object) -> str:
    """Text for an XML 1.0 attribute or element: characters XML cannot hold, newlines and
    every other control shown as visible escapes (ElementTree then escapes the markup)."""
    return _visible(str(text))


def html_text(text: object) -> str:
    """Text for HTML: markup escaped, controls and bidi characters visible."""
    return html.escape(_visible(str(text)), quote=True)
