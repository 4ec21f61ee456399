"""A progress display on long runs, only for a person at a terminal: never in CI or a pipe."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def interactive() -> bool:
    ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
    return sys.stderr.isatty() and not ci


@contextmanager
def progress_display(enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """Yields a callback that shows the current phase (a rich status line on stderr)."""
    if not (enabled and interactive()):
        yield lambda _: None
        return
    from rich.console import Console

    with Console(stderr=True).status("validate: starting") as status:
        yield lambda phase: status.update(f"validate: {phase}")
