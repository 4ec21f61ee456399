"""`validate`: check the arithmetic of stated figures. Thin: parse options, call the library."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from validator import __version__
from validator.cli.outputs import check_targets, context_dir, prepare_site, write_stdout
from validator.cli.progress import progress_display
from validator.errors import ExitCode, InputError

FORMATS = ("text", "json", "junit", "github", "markdown")

EPILOG = """\b
Exit codes:
  0  no unacknowledged discrepancy (acknowledged ones are listed)
  1  an unacknowledged discrepancy, or a stale waiver
  2  bad input or usage (the message names file, line and column); nothing
     is written
  128+N  ended by signal N (130 for Ctrl-C, 143 for SIGTERM); nothing is written
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

    paths = list(paths) or [Path("data")]
    publish = not (no_docs or changed_since or waiver_template)
    pending: list = []
    try:
        context = context_dir(schemas, paths)
        check_targets(paths, schemas, context, output, docs_dir if publish else None)
        with progress_display(enabled=not quiet) as progress:
            report, text = run(paths, fmt, schemas, verbose, changed_since, quiet, progress)
        if waiver_template:
            from validator.report.waiver_template import waiver_template as template

            text = template(list(report.checks))
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


def print_error(prefix: str, lines: list[str] | None = None) -> None:
    """An error on stderr, one line per problem: data in it (file names, values) is shown with
    visible escapes, so it can neither drive the terminal nor forge a line (`::error`)."""
    from validator.report.escape import no_command_lines, terminal

    shown = [terminal(line) for line in lines or [""]]
    text = "\n".join([prefix + shown[0], *shown[1:]])
    with contextlib.suppress(OSError, UnicodeEncodeError, AttributeError):
        click.echo(no_command_lines(text), err=True)  # no usable stderr: the exit code says it


def _utf8_streams() -> None:
    """The report is UTF-8 whatever PYTHONIOENCODING or the locale says (it is in a file
    too); a character that cannot be written is escaped rather than lost. A closed standard
    stream stays None for Python (writing the report there is an error), but its descriptor
    is held on /dev/null so that no file the run opens takes its number."""
    import os

    for fd in (1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.open(os.devnull, os.O_WRONLY)  # the lowest free descriptor: fd
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(encoding="utf-8", errors="backslashreplace")


def _silence_stdout() -> None:
    """After a failed write, what is still buffered must not fail again at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def main() -> None:
    """Entry point: never a traceback; anything unexpected is reported in one line, exit 2;
    a signal N ends the run with exit 128 + N after cleaning up (130 for Ctrl-C)."""
    from validator.cli.signals import Interrupted, signals_raise

    _utf8_streams()
    code: int | str | None
    try:
        with signals_raise():
            validate.main(prog_name="validate")
        code = 0
    except SystemExit as exc:
        code = exc.code
    except Interrupted as exc:
        print_error(f"validate: interrupted ({exc.name}); nothing was written")
        code = exc.exit_code
    except KeyboardInterrupt:
        print_error("validate: interrupted (SIGINT); nothing was written")
        code = 130
    except Exception as exc:
        print_error("validate: internal error: ", [f"{type(exc).__name__}: {exc}"])
        code = ExitCode.INPUT_ERROR
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()
        if code in (0, 1, None):
            print_error("validate: error: cannot write the report to standard output")
            code = ExitCode.INPUT_ERROR
    sys.exit(code)


if __name__ == "__main__":
    main()
