"""`validate explain CHECK_ID [PATHS]`: one check in full."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from validator.cli import terminal
from validator.cli.emit import print_error
from validator.cli.options import color_option, paths_argument, schemas_option
from validator.cli.outputs import write_stdout
from validator.cli.progress import progress_display
from validator.errors import ExitCode, InputError


@click.command("explain", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("check_id")
@paths_argument
@schemas_option
@color_option
def explain(check_id: str, paths: tuple[Path, ...], schemas: Path | None, color: str) -> None:
    """Explain the check CHECK_ID (as printed by `validate`) among the documents in PATHS
    (default: data/): its relation, values, intervals, suspect, waiver and every figure."""
    from validator.io.concept_names import concept_names
    from validator.pipeline import check
    from validator.report.answers import render_explain

    try:
        with progress_display() as progress:
            targets = list(paths) or [Path("data")]
            report = check(targets, schemas, None, progress)
        colored = terminal.use_color(color, to_file=False)
        write_stdout(
            render_explain(
                report, check_id, colored, terminal.width(False), concept_names(targets, schemas)
            )
        )
    except InputError as exc:
        print_error("validate: error: ", [str(problem) for problem in exc.problems])
        sys.exit(ExitCode.INPUT_ERROR)
