"""Heap pages freed by one phase of a run handed back to the system before the next phase.

Below the mmap threshold (cli/memory.py) glibc serves blocks from its heaps and keeps the
pages of freed blocks: after loading 1M facts about 320 MiB of them, freed but resident, under
everything the backend then allocates. `malloc_trim(0)` returns every whole free page of every
heap (arena). Elsewhere than on glibc it is skipped: only the resident size differs.
"""

from __future__ import annotations

import ctypes
import os
import sys

_libc: list[ctypes.CDLL | None] = []


def glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (malloc_trim and mallopt are glibc's), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        version = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError):
        return None
    if not version.startswith("glibc"):
        return None
    try:
        return ctypes.CDLL(None)
    except OSError:
        return None


def trim() -> bool:
    """Return the freed heap pages to the system; True when glibc did so."""
    if not _libc:
        _libc.append(glibc())
    libc = _libc[0]
    return libc is not None and bool(libc.malloc_trim(0))
