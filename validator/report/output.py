"""Writing a report file atomically: a complete new file or the old one, never half of one.

The file is prepared beside its target and renamed into place only when the whole run has
succeeded (`PendingFile.commit`); a run that fails or is interrupted discards it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from validator.errors import InputError, Problem

Piece = str | bytes | memoryview  # text, or its UTF-8 bytes


def umask_mode(base: int = 0o666) -> int:
    """The mode a plain open() or mkdir() would give under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return base & ~mask


def check_output_path(path: Path) -> None:
    """Only a regular file (or nothing) may be replaced: never a folder, a symbolic link, a
    FIFO, a device or a socket."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(Problem("output folder does not exist", str(folder)))
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(Problem(f"cannot write output: {exc.strerror}", str(path))) from None
    if stat.S_ISLNK(mode):
        raise InputError(Problem("output path is a symbolic link (give its target)", str(path)))
    if stat.S_ISDIR(mode):
        raise InputError(Problem("output path is a folder", str(path)))
    if not stat.S_ISREG(mode):
        raise InputError(
            Problem("output path is not a regular file (a FIFO, device or socket)", str(path))
        )


@dataclass
class PendingFile:
    """A complete report beside its target, not yet in place."""

    tmp: Path | None
    target: Path

    def commit(self) -> None:
        if self.tmp is None:
            return
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            raise InputError(
                Problem(f"cannot write output: {exc.strerror}", str(self.target))
            ) from None
        finally:
            self.discard()

    def discard(self) -> None:
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
            self.tmp = None


def prepare_output(path: Path, text: str | Iterable[Piece]) -> PendingFile:
    """The report (a string, or its pieces in order, written as they come: text, or UTF-8
    bytes written as they are) beside `path`."""
    check_output_path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else umask_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(Problem(f"cannot write output: {exc.strerror}", str(path))) from None
    pending = PendingFile(Path(tmp), path)
    try:
        os.fchmod(fd, mode)  # mkstemp makes it private; a report is a plain file
        with os.fdopen(fd, "wb") as fh:
            _write_pieces(fh, [text] if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        pending.discard()
        raise InputError(Problem(f"cannot write output: {exc.strerror}", str(path))) from None
    except BaseException:
        pending.discard()
        raise
    return pending


# Bytes of a report kept in the page cache while it is written: beyond them, what is written is
# synced and dropped from the cache, as `dd oflag=nocache` does. A report of gigabytes then
# neither evicts the machine's cached files nor takes fresh pages for every byte: writing the
# 1.6 GB JSON report of 1M facts cost 3.6–5.4 s of kernel time here, 0.6–0.7 s so.
CACHE_WINDOW = 128 * 1024 * 1024


def _write_pieces(fh: BinaryIO, pieces: Iterable[Piece]) -> None:
    written = released = 0
    for piece in pieces:
        data = piece.encode("utf-8") if isinstance(piece, str) else piece
        fh.write(data)
        written += data.nbytes if isinstance(data, memoryview) else len(data)
        if written - released >= CACHE_WINDOW:
            _release(fh, released, written)
            released = written


def _release(fh: BinaryIO, start: int, end: int) -> None:
    """The file's bytes start..end synced to disk and dropped from the page cache (where the
    system can)."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    fh.flush()
    os.fdatasync(fh.fileno())
    advise(fh.fileno(), start, end - start, os.POSIX_FADV_DONTNEED)


def write_atomic(path: Path, text: str) -> None:
    prepare_output(path, text).commit()
