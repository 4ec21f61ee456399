"""Writing a report file atomically: a complete new file or the old one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from validator.errors import InputError, Problem


def write_atomic(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(Problem("output folder does not exist", str(folder)))
    if path.is_dir():
        raise InputError(Problem("output path is a folder", str(path)))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(Problem(f"cannot write output: {exc.strerror}", str(path))) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(Problem(f"cannot write output: {exc.strerror}", str(path))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
