"""`validate`: check the arithmetic of stated figures. The commands live in cli/commands/; `validate
[PATHS]` runs the default one, the check."""

from __future__ import annotations

import sys

import click

from validator.cli.commands.check import check
from validator.cli.commands.explain import explain
from validator.cli.commands.show import show
from validator.cli.group import DefaultGroup
from validator.errors import ExitCode

validate = DefaultGroup(
    "validate",
    default="check",
    commands=[check, explain, show],
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main() -> None:
    """Entry point: never a traceback; anything unexpected is reported in one line, exit 2."""
    try:
        validate(prog_name="validate")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("validate: interrupted", err=True)
        sys.exit(ExitCode.INPUT_ERROR)
    except Exception as exc:
        click.echo(f"validate: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(ExitCode.INPUT_ERROR)


if __name__ == "__main__":
    main()
