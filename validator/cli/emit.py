"""Writing a command's text: to --output atomically, or to standard output."""

from __future__ import annotations

from pathlib import Path

import click


def emit(text: str, output: Path | None = None) -> None:
    if output:
        from validator.report.output import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
