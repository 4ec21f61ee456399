"""Reading input files as text: read-only, strict UTF-8, a documented BOM and CRLF policy."""

from __future__ import annotations

from pathlib import Path

from validator.errors import InputError, Problem

MAX_FILE_BYTES = 512 * 1024 * 1024


def read_text(path: Path, display: str) -> str:
    """Text of a UTF-8 file. A UTF-8 BOM is dropped and CRLF becomes LF (documented
    normalisations); anything that is not UTF-8 is an error naming the line and column."""
    raw = read_bytes(path, display)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(utf8_problem(raw, exc, display)) from None
    return text


def read_bytes(path: Path, display: str) -> bytes:
    """Bytes of an input file, opened read-only, without BOM and with LF line endings."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(Problem(f"file is larger than {MAX_FILE_BYTES} bytes", display))
        with path.open("rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise InputError(Problem(f"cannot read file: {exc.strerror}", display)) from None
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
