"""`validate [PATHS]`: check every relation among the stated figures (the default command)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from validator import __version__
from validator.cli import terminal
from validator.cli.emit import print_error
from validator.cli.options import (
    color_option,
    exclusive_text_options,
    filter_options,
    paths_argument,
    schemas_option,
    selection,
)
from validator.cli.outputs import check_targets, context_dir, prepare_site, write_stdout
from validator.cli.progress import progress_display
from validator.errors import ExitCode, InputError
from validator.report.render import FORMATS

EPILOG = """\b
Exit codes:
  0  no unacknowledged discrepancy (acknowledged ones are listed)
  1  an unacknowledged discrepancy, or a stale waiver
  2  bad input or usage (the message names file, line and column); nothing
     is written
  128+N  ended by signal N (130 for Ctrl-C, 143 for SIGTERM); nothing is written

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
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Load and check the facts entity by entity on a new local Dask cluster of N worker "
    "processes.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Load and check the facts entity by entity on the Dask cluster whose scheduler is at "
    "ADDRESS (its workers read the data at the paths this process sees).",
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
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Check every arithmetic relation among the figures stated in PATH (default: data/).

    Each printed figure stands for the interval of values that round to it; a relation is
    consistent when the stated and the derived intervals overlap.
    """
    from validator.io.concept_names import concept_names
    from validator.pipeline import check as run_checks
    from validator.report.render import render_chunks
    from validator.report.select import select

    exclusive_text_options(verbose, quiet)
    if workers is not None and scheduler is not None:
        raise click.UsageError("--workers and --scheduler are exclusive: give one")
    wanted = selection(only, kinds, documents)
    targets = list(paths) or [Path("data")]
    publish = not (no_docs or changed_since or waiver_template)
    pending: list = []
    try:
        context = context_dir(schemas, targets)
        check_targets(targets, schemas, context, output, docs_dir if publish else None)
        with progress_display(enabled=not quiet) as progress:
            if workers is None and scheduler is None:
                report = run_checks(targets, schemas, changed_since, progress)
            else:  # the partitioned run and its modules only when a cluster is asked for
                from validator.engine.partitioned import dask_map
                from validator.partitioned_run import check_on_workers

                with dask_map(workers, scheduler) as m:
                    report = check_on_workers(targets, m, schemas, changed_since, progress)
        shown = select(report, wanted)
        if waiver_template:
            from validator.report.waiver_template import waiver_template as template

            text = template(list(shown.checks))
        else:
            to_file = output is not None
            colored = fmt == "text" and terminal.use_color(color, to_file)
            names = concept_names(targets, schemas) if fmt == "text" and not quiet else None
            width = terminal.width(to_file)
            text = render_chunks(shown, fmt, verbose, quiet, colored, width, names)
        # Every output is prepared before any is put in place: a run that fails (exit 2) or
        # is interrupted replaces nothing.
        if output:
            from validator.report.output import prepare_output

            pending.append(prepare_output(output, text))
        site = None
        if publish and report.documents:
            site = prepare_site(report, docs_dir, context, quiet)
            pending.append(site[0])
        if not output:
            write_stdout(text)
        for p in pending:
            p.commit()
        if site and not quiet:
            click.echo(f"validate: data docs: {site[1].index} ({site[1].seconds:.1f} s)", err=True)
    except InputError as exc:
        print_error("validate: error: ", [str(problem) for problem in exc.problems])
        sys.exit(ExitCode.INPUT_ERROR)
    finally:
        for p in pending:
            p.discard()
    sys.exit(report.exit_code)
