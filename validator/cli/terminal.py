"""How the text report is drawn on this process's standard output: colour only on a terminal
(never under NO_COLOR or TERM=dumb, unless asked), at the terminal's width."""

from __future__ import annotations

import os
import shutil
import sys

from validator.report.text import WIDTH

COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, to_file: bool) -> bool:
    if choice != "auto":
        return choice == "always"
    if to_file or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _stdout_is_terminal()


def width(to_file: bool) -> int:
    """The terminal's columns; otherwise COLUMNS if set, else a width that keeps lines whole."""
    if not to_file and _stdout_is_terminal():
        return shutil.get_terminal_size((WIDTH, 24)).columns
    try:
        return max(40, int(os.environ["COLUMNS"]))
    except (KeyError, ValueError):
        return WIDTH


def _stdout_is_terminal() -> bool:
    """False for a closed standard output too (writing to it is reported later)."""
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())
