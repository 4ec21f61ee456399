"""A command group with a default command: `validate [PATHS]` runs the default (the check),
`validate explain …` and `validate show …` run theirs. New commands are added to the group."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click


class DefaultGroup(click.Group):
    """Any first argument that is not a command name (a path, an option, nothing) goes to the
    default command, which then runs as the program itself: its usage, help, errors and
    `--version` read `validate …`, exactly as before the group existed. A path named like a
    command is written `./show`."""

    def __init__(self, *args: Any, default: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = default

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if not argv or argv[0] not in self.commands:
            command = self.commands[self.default]
            return command.main(argv, prog_name or self.name, **extra)
        return super().main(argv, prog_name or self.name, **extra)
