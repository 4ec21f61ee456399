"""Exit codes and the errors that carry them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of `validate`."""

    OK = 0
    DISCREPANT = 1
    INPUT_ERROR = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None
    column: str | int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        if self.column is not None:
            where += f" column {self.column}"
        return f"{where}: {self.message}" if where else self.message


class InputError(Exception):
    """Bad input: one or more problems, reported together, exit code 2."""

    exit_code = ExitCode.INPUT_ERROR

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
