"""The error a failed publication raises: the previous site is untouched, the message says why."""

from __future__ import annotations

from validator.errors import ExitCode


class PublishError(Exception):
    """The data docs could not be built; `message` is one line for the user (exit code 2)."""

    exit_code = ExitCode.INPUT_ERROR

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)
