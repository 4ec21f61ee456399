"""`validate`: check the arithmetic of stated figures. Thin: parse options, call the library."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

import click

from validator import __version__
from validator.cli.progress import progress_display
from validator.errors import ExitCode, InputError

FORMATS = ("text", "json", "junit", "github", "markdown")

EPILOG = """\b
Exit codes:
  0  no unacknowledged discrepancy (acknowledged ones are listed)
  1  an unacknowledged discrepancy, or a stale waiver
  2  bad input or usage (the message names file, line and column)
"""


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
@click.option(
    "--schemas",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder with concepts/, units.yaml, axes.yaml and rulebooks/ "
    "(default: the nearest schemas/ above PATH, else the standard ones in the package).",
)
@click.option("--verbose", "-v", is_flag=True, help="Text format: explain every check.")
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Text format: print only what fails and the result; no progress display.",
)
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
def validate(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    schemas: Path | None,
    verbose: bool,
    quiet: bool,
    changed_since: str | None,
    docs_dir: Path,
    no_docs: bool,
    waiver_template: bool,
) -> None:
    """Check every arithmetic relation among the figures stated in PATH (default: data/).

    Each printed figure stands for the interval of values that round to it; a relation is
    consistent when the stated and the derived intervals overlap.
    """
    from validator.pipeline import run

    try:
        with progress_display(enabled=not quiet) as progress:
            report, text = run(
                list(paths) or [Path("data")], fmt, schemas, verbose, changed_since, quiet, progress
            )
        if waiver_template:
            from validator.report.waivers import waiver_template as template

            text = template(list(report.checks))
        if output:
            from validator.report.output import write_atomic

            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
        if not (no_docs or changed_since or waiver_template or not report.documents):
            _publish(report, docs_dir, schemas, list(paths) or [Path("data")], quiet)
    except InputError as exc:
        click.echo(f"validate: error: {exc}", err=True)
        sys.exit(ExitCode.INPUT_ERROR)
    sys.exit(report.exit_code)


def _publish(report, docs_dir: Path, schemas: Path | None, paths: list[Path], quiet: bool) -> None:
    """Build the data-docs site from the GX context in expectations/ beside schemas/, or else
    from a temporary copy of the one that ships in the package (GX writes into its context)."""
    from validator.io.project import find_schemas
    from validator.publish import PublishError, build_site
    from validator.standard import CONTEXT_FILE, standard_expectations, writable_context

    own = (schemas or find_schemas(paths)).resolve().parent / "expectations"
    packaged = standard_expectations()
    try:
        with ExitStack() as stack:
            if own.resolve() == packaged.resolve() or not (own / CONTEXT_FILE).is_file():
                context = stack.enter_context(writable_context(packaged))
            else:
                context = own
            progress = stack.enter_context(progress_display(enabled=not quiet))
            progress("building the data-docs site")
            result = build_site(report, docs_dir, context)
    except PublishError as exc:
        raise InputError(f"data docs: {exc.message}") from None
    except OSError as exc:
        raise InputError(f"data docs: {exc}") from None
    if not quiet:
        click.echo(f"validate: data docs: {result.index} ({result.seconds:.1f} s)", err=True)


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
