"""What a run reads, so that no output is ever written to, over or inside it.

The inputs are the data paths (with the folder of the nearest entities.yaml above each, which
also holds corpus waivers), the schemas folder and the Great Expectations context. An output
inside one of them would be read back as input (a report landing in data/ is read as facts), and
an output folder containing one would replace it.
"""

from __future__ import annotations

import os
from pathlib import Path

from validator.errors import InputError, Problem

ENTITIES_FILE = "entities.yaml"


def absolute(path: Path) -> Path:
    """The path with every folder resolved but its last component kept as it is (a symbolic
    link as the last component is reported, not followed)."""
    path = Path(os.path.abspath(path))
    return path.parent.resolve() / path.name if path.name else path.resolve()


def input_roots(paths: list[Path], schemas: Path, context: Path | None) -> tuple[Path, ...]:
    roots: set[Path] = set()
    for given in paths:
        path = Path(given).resolve()
        folder = path.parent if path.is_file() else path
        roots.add(folder)
        for above in (folder, *folder.parents):
            if (above / ENTITIES_FILE).exists():
                roots.add(above)
                break
    roots.add(Path(schemas).resolve())
    if context is not None:
        roots.add(Path(context).resolve())
    return tuple(sorted(roots))


def check_not_inside(target: Path, roots: tuple[Path, ...], what: str) -> None:
    """Refuse an output file at or below an input folder."""
    where = absolute(target)
    for root in roots:
        if where == root or where.is_relative_to(root):
            raise InputError(
                Problem(f"refusing to write {what} inside the input folder {root}", str(target))
            )


def check_holds_no_input(target: Path, roots: tuple[Path, ...], what: str) -> None:
    """Refuse an output folder that is, contains or lies inside an input folder."""
    check_not_inside(target, roots, what)
    where = absolute(target)
    for root in roots:
        if root.is_relative_to(where):
            raise InputError(
                Problem(
                    f"refusing to replace {what}: it contains the input folder {root}", str(target)
                )
            )
