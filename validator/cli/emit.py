"""Writing a command's text: to --output atomically, or to standard output."""

from __future__ import annotations

from pathlib import Path

import click


def emit(text: str, output: Path | None = None, color: bool = False) -> None:
    """`color`: the text holds colour on purpose (click would strip it off a terminal)."""
    if output:
        from validator.report.output import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False, color=True if color else None)
