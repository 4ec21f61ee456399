"""The look of the terminal report: one console factory, the verdict styles and marks, and the
neutralising of data strings (control characters and ANSI must never reach a terminal)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.text import Text

from validator.findings.model import CheckResult
from validator.model.verdict import Verdict
from validator.report.escape import no_command_lines, terminal

MARKS = {"consistent": "✓", "discrepant": "✗", "not_checkable": "?", "acknowledged": "≈"}
STYLES = {
    "consistent": "green",
    "discrepant": "bold red",
    "not_checkable": "blue",
    "acknowledged": "yellow",
    "label": "dim",
    "heading": "bold",
    "id": "bold",
    "where": "cyan",
}
LABELS = {
    "consistent": "consistent",
    "discrepant": "discrepant",
    "acknowledged": "acknowledged",
    "not_checkable": "not checkable",
}
LABELS_ZH = {
    "consistent": "一致",
    "discrepant": "不符",
    "acknowledged": "已确认",
    "not_checkable": "无法核对",
}
_INDENTED_COMMAND = re.compile(r"^(\s+)::")  # the runner may strip the blanks before `::`
_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")  # blanks at the end, before any resets


def category(c: CheckResult) -> str:
    """The four disjoint outcomes an auditor counts: an acknowledged discrepancy is its own."""
    if c.verdict == Verdict.DISCREPANT and c.waived:
        return "acknowledged"
    return str(c.verdict)


def clean(text: object) -> str:
    """A data string made safe for a terminal: controls (ESC included), bidi and zero-width
    characters and newlines are shown as visible escapes instead of being interpreted, and
    a leading `::` (a GitHub workflow command, should the string start a line) as `\\x3a:`;
    `to_string` guards the lines that wrapping starts."""
    shown = terminal(text)
    return "\\x3a" + shown[1:] if shown.startswith("::") else shown


def styled(text: object, style: str = "") -> Text:
    """Data as rich Text (never parsed as markup), neutralised, in a named style. The style is a
    span, not the base style, so that the padding of a table cell stays unstyled."""
    out = Text(clean(text))
    if style:
        out.stylize(STYLES.get(style, style))
    return out


def console(color: bool, width: int) -> Console:
    """A console writing to memory, independent of the environment: the caller decides colour
    (a terminal, NO_COLOR) and width, so the same inputs always give the same text."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
        _environ={},
    )


def to_string(renderables: Iterable[RenderableType], color: bool, width: int) -> str:
    """Print the renderables and return the text, without trailing blanks on any line."""
    out = console(color, width)
    for r in renderables:
        out.print(r)
    text = out.file.getvalue()  # type: ignore[attr-defined]
    lines = (_no_indented_command(_rstrip(line)) for line in text.split("\n"))
    return no_command_lines("\n".join(lines))


def _no_indented_command(line: str) -> str:
    return _INDENTED_COMMAND.sub(r"\1\\x3a:", line) if "::" in line else line


def _rstrip(line: str) -> str:
    """Trailing blanks removed, also those inside or between style codes (kept)."""
    if "\x1b" not in line:
        return line.rstrip(" ")
    while (shorter := _TRAILING.sub(r"\1", line)) != line:
        line = shorter
    return line
