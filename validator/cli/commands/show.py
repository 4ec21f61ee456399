"""`validate show FILE:LINE [PATHS]` (or `--concept C --period P`): every check a figure takes
part in, with its verdict, so a doubted figure is traced in one command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from validator.cli import terminal
from validator.cli.emit import print_error
from validator.cli.options import color_option, schemas_option
from validator.cli.outputs import write_stdout
from validator.cli.progress import progress_display
from validator.errors import ExitCode, InputError


@click.command("show", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("where", required=False, metavar="[FILE:LINE]")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--concept", help="The figure's concept (its id or Chinese name) instead of FILE:LINE."
)
@click.option("--period", help="With --concept: the period, as in the facts (2024, 2024-12-31).")
@click.option("--entity", help="With --concept: the entity, when several state the concept.")
@schemas_option
@click.option("--verbose", "-v", is_flag=True, help="Explain each check in full.")
@color_option
def show(
    where: str | None,
    paths: tuple[Path, ...],
    concept: str | None,
    period: str | None,
    entity: str | None,
    schemas: Path | None,
    verbose: bool,
    color: str,
) -> None:
    """Every check the figure at FILE:LINE (a data line) takes part in, among the documents in
    PATHS (default: data/)."""
    from validator.pipeline import check
    from validator.report.answers import render_show
    from validator.report.lookup import figures_at, figures_named

    if concept is not None and where is not None:
        paths = (Path(where), *paths)  # with --concept, every argument is a path
        where = None
    if (where is None) == (concept is None) or (concept is not None and period is None):
        raise click.UsageError("give FILE:LINE, or --concept with --period")
    if where is not None:
        file, _, line = where.rpartition(":")
        if not file or not line.isdigit():
            raise click.UsageError(f"{where}: expected FILE:LINE, e.g. data/…/prose.csv:213")
    try:
        with progress_display() as progress:
            report = check(list(paths) or [Path("data")], schemas, None, progress)
        if where is not None:
            figures = figures_at(report, file, int(line))
            asked = where
        else:
            figures = figures_named(report, concept or "", period or "", entity)
            asked = f"{concept} {period}" + (f" of {entity}" if entity else "")
        if not figures:
            write_stdout(f"validate: no check involves a figure at {asked}\n")
            return
        colored = terminal.use_color(color, to_file=False)
        write_stdout(render_show(report, figures, verbose, colored, terminal.width(False)))
    except InputError as exc:
        print_error("validate: error: ", [str(problem) for problem in exc.problems])
        sys.exit(ExitCode.INPUT_ERROR)
