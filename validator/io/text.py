"""Reading input files as text: read-only, strict UTF-8, a documented BOM and CRLF policy."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from validator.errors import InputError, Problem

# Reading a facts file peaks at about 3.5 times its size (docs/bad-inputs.md): 256 MiB, about
# 2.5 million facts, stays within the memory budget of a run.
MAX_FILE_BYTES = 256 * 1024 * 1024

_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def read_text(path: Path, display: str) -> str:
    """Text of a UTF-8 file. A UTF-8 BOM is dropped and CRLF becomes LF (documented
    normalisations); anything that is not UTF-8 is an error naming the line and column."""
    raw = read_bytes(path, display)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(utf8_problem(raw, exc, display)) from None
    return text


def check_regular(path: Path, display: str) -> os.stat_result:
    """Refuse, without opening it, an input that is not a regular file: a FIFO would block the
    read forever, a device never ends, and a symbolic link may lead out of the data (links are
    not followed; copy the file instead). A name that is not UTF-8 is refused too: no report
    could show it faithfully."""
    try:
        os.fsdecode(os.fsencode(path)).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            Problem("the file name or a folder name is not valid UTF-8 (rename it)", display)
        ) from None
    try:
        info = path.lstat()
    except OSError as exc:
        raise InputError(Problem(f"cannot read file: {exc.strerror}", display)) from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError(
            Problem(
                "is a symbolic link: input files must be regular files (links are not followed)",
                display,
            )
        )
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise InputError(Problem(f"is {kind}, not a regular file", display))
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(Problem(f"file is larger than {MAX_FILE_BYTES} bytes", display))
    return info


def read_bytes(path: Path, display: str) -> bytes:
    """Bytes of an input file, opened read-only, without BOM and with LF line endings. At most
    MAX_FILE_BYTES are read, whatever the file claims its size is."""
    check_regular(path, display)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced since the check
                raise InputError(Problem("is not a regular file", display))
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(Problem(f"cannot read file: {exc.strerror}", display)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(Problem(f"file is larger than {MAX_FILE_BYTES} bytes", display))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return raw


def utf8_problem(raw: bytes, exc: UnicodeDecodeError, display: str) -> Problem:
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    hint = " (GBK/GB2312 files must be converted to UTF-8)" if _looks_gbk(raw) else ""
    return Problem(f"not valid UTF-8: byte 0x{raw[exc.start]:02x}{hint}", display, line, column)


def check_utf8(raw: bytes, display: str) -> None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(utf8_problem(raw, exc, display)) from None


def _looks_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True
