"""`validate`: check the arithmetic of stated figures. The commands live in cli/commands/; `validate
[PATHS]` runs the default one, the check. Thin: parse options, call the library."""

from __future__ import annotations

import contextlib
import sys

from validator.cli.commands.check import check
from validator.cli.commands.explain import explain
from validator.cli.commands.init import init
from validator.cli.commands.show import show
from validator.cli.emit import print_error
from validator.cli.group import DefaultGroup
from validator.errors import ExitCode

validate = DefaultGroup(
    "validate",
    default="check",
    commands=[check, explain, show, init],
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    from validator.cli.memory import return_freed_memory
    from validator.cli.signals import Interrupted, signals_raise

    return_freed_memory()
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
