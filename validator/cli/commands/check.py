"""`validate [PATHS]`: check every relation among the stated figures (the default command)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from validator import __version__
from validator.cli import terminal
from validator.cli.emit import emit
from validator.cli.options import (
    color_option,
    exclusive_text_options,
    filter_options,
    paths_argument,
    schemas_option,
    selection,
)
from validator.cli.progress import progress_display
from validator.errors import ExitCode, InputError
from validator.report.render import FORMATS

EPILOG = """\b
Exit codes:
  0  no unacknowledged discrepancy (acknowledged ones are listed)
  1  an unacknowledged discrepancy, or a stale waiver
  2  bad input or usage (the message names file, line and column)

\b
Other commands (validate COMMAND --help):
  explain CHECK_ID     one check in full
  show FILE:LINE       every check a figure takes part in
"""


@click.command("check", epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Write the report to FILE (atomically) instead of standard output.",
)
@schemas_option
@click.option("--verbose", "-v", is_flag=True, help="Text format: explain every check.")
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Text format: print only what fails and the result; no progress display.",
)
@filter_options
@color_option
@click.option(
    "--changed-since",
    metavar="REF",
    help="Validate only the documents whose files changed since the git REF, and the "
    "documents sharing an entity with them (their verdicts equal a full run's).",
)
@click.option(
    "--docs-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="Where to build the data-docs site (not built with --changed-since).",
)
@click.option("--no-docs", is_flag=True, help="Do not build the data-docs site.")
@click.option(
    "--waiver-template",
    is_flag=True,
    help="Print waivers.yaml entries for the unacknowledged discrepancies, for a "
    "reviewer to verify against the source and complete.",
)
@click.version_option(__version__, prog_name="validate")
def check(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    schemas: Path | None,
    verbose: bool,
    quiet: bool,
    only: tuple,
    kinds: tuple,
    documents: tuple,
    color: str,
    changed_since: str | None,
    docs_dir: Path,
    no_docs: bool,
    waiver_template: bool,
) -> None:
    """Check every arithmetic relation among the figures stated in PATH (default: data/).

    Each printed figure stands for the interval of values that round to it; a relation is
    consistent when the stated and the derived intervals overlap.
    """
    from validator.io.concept_names import concept_names
    from validator.pipeline import check as run_checks
    from validator.report.render import render, verdicts_needed
    from validator.report.select import select

    exclusive_text_options(verbose, quiet)
    wanted = selection(only, kinds, documents)
    targets = list(paths) or [Path("data")]
    try:
        with progress_display(enabled=not quiet) as progress:
            report = run_checks(
                targets,
                schemas,
                verdicts_needed(fmt, verbose, quiet, wanted),
                changed_since,
                progress,
            )
        shown = select(report, wanted)
        colored = False
        if waiver_template:
            from validator.report.waivers import waiver_template as template

            text = template(list(shown.checks))
        else:
            to_file = output is not None
            colored = fmt == "text" and terminal.use_color(color, to_file)
            names = concept_names(targets, schemas) if fmt == "text" and not quiet else None
            text = render(shown, fmt, verbose, quiet, colored, terminal.width(to_file), names)
        emit(text, output, colored)
        if not (no_docs or changed_since or waiver_template or not report.documents):
            _publish(report, docs_dir, schemas, targets, quiet)
    except InputError as exc:
        click.echo(f"validate: error: {exc}", err=True)
        sys.exit(ExitCode.INPUT_ERROR)
    sys.exit(report.exit_code)


def _publish(report, docs_dir: Path, schemas: Path | None, paths: list[Path], quiet: bool) -> None:
    """Build the data-docs site; the GX context lives in expectations/ beside schemas/."""
    from validator.io.project import PACKAGE_SCHEMAS, find_schemas
    from validator.publish import PublishError, build_site

    context = (schemas or find_schemas(paths)).resolve().parent / "expectations"
    if not (context / "great_expectations.yml").is_file():
        context = PACKAGE_SCHEMAS.parent / "expectations"
    try:
        with progress_display(enabled=not quiet) as progress:
            progress("building the data-docs site")
            result = build_site(report, docs_dir, context)
    except PublishError as exc:
        raise InputError(f"data docs: {exc.message}") from None
    if not quiet:
        click.echo(f"validate: data docs: {result.index} ({result.seconds:.1f} s)", err=True)
