"""Errors on standard error, with data shown as visible escapes."""

from __future__ import annotations

import contextlib

import click


def print_error(prefix: str, lines: list[str] | None = None) -> None:
    """An error on stderr, one line per problem: data in it (file names, values) is shown with
    visible escapes, so it can neither drive the terminal nor forge a line (`::error`)."""
    from validator.report.escape import no_command_lines, terminal

    shown = [terminal(line) for line in lines or [""]]
    text = "\n".join([prefix + shown[0], *shown[1:]])
    with contextlib.suppress(OSError, UnicodeEncodeError, AttributeError):
        click.echo(no_command_lines(text), err=True)  # no usable stderr: the exit code says it
