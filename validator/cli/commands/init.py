"""`validate init [DIR]`: scaffold a data repository that passes `validate` at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from validator.cli.emit import print_error
from validator.errors import ExitCode, InputError

REPOSITORY = "https://github.com/OWNER/validator"


@click.command("init", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("directory", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option(
    "--repository",
    default=REPOSITORY,
    show_default=True,
    help="Where the validator's repository is (for the hook and the action).",
)
@click.option(
    "--rev",
    default="main",
    show_default=True,
    help="The tag or full commit of the validator to use (pin a commit in CI).",
)
def init(directory: Path, repository: str, rev: str) -> None:
    """Create data/ (one example document), a schemas/ overlay stub, .pre-commit-config.yaml
    and .github/workflows/validate-data.yml in DIRECTORY (default: here). Nothing is
    overwritten. Then run `validate` there."""
    from validator.scaffold import scaffold

    try:
        written = scaffold(directory, repository, rev)
    except InputError as exc:
        print_error("validate: error: ", [str(p) for p in exc.problems])
        sys.exit(ExitCode.INPUT_ERROR)
    for path in written:
        click.echo(f"created {path}")
    click.echo(f"next: cd {directory} && validate")
