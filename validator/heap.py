"""Heap pages freed by one phase of a run handed back to the system before the next phase,
and kept while a writer reuses them.

Below the mmap threshold (cli/memory.py) glibc serves blocks from its heaps and keeps the
pages of freed blocks: after loading 1M facts about 320 MiB of them, freed but resident, under
everything the backend then allocates. `malloc_trim(0)` returns every whole free page of every
heap (arena). Elsewhere than on glibc it is skipped: only the resident size differs. The
engine, the pipeline, the CLI and the report writers use it: it imports nothing of the package.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

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


def _c() -> ctypes.CDLL | None:
    if not _libc:
        _libc.append(glibc())
    return _libc[0]


def trim() -> bool:
    """Return the freed heap pages to the system; True when glibc did so."""
    libc = _c()
    return libc is not None and bool(libc.malloc_trim(0))


# From this many facts, a batch's steps hand back the pages earlier steps freed before they
# allocate (`settle`); below it the freed pages are few, and the review's re-evaluations of a few
# hundred facts each would pay the trims for nothing.
LARGE = 200_000


def settle(rows: int) -> bool:
    """`trim` before a step of a batch of `rows` facts, when it is large: the step's peak then
    comes on top of what is alive, not of free pages held in the middle of a heap (glibc hands
    back only a heap's top by itself). True when pages were returned."""
    return rows >= LARGE and trim()


M_TRIM_THRESHOLD = -1  # glibc's <malloc.h>
DEFAULT_TRIM_THRESHOLD = 128 * 1024  # glibc's, fixed once the mmap threshold is set


@contextmanager
def kept(size: int = 512 * 1024 * 1024) -> Iterator[None]:
    """While the block runs, a heap keeps up to `size` of freed pages at its top, then hands
    them back.

    glibc gives the top of a heap back as soon as more than 128 KiB of it is free, so a writer
    that frees and allocates the same temporaries for every chunk faults them in afresh each
    time: 400,000 page faults and 2.0–2.5 s of kernel time for the 1M-fact JSON report,
    against 115,000 and 1.0–1.1 s with the pages kept.
    """
    libc = _c()
    if libc is None:
        yield
        return
    libc.mallopt(M_TRIM_THRESHOLD, size)
    try:
        yield
    finally:
        libc.mallopt(M_TRIM_THRESHOLD, _trim_threshold())
        trim()


def _trim_threshold() -> int:
    """The trim threshold the run started with (`MALLOC_TRIM_THRESHOLD_`, else glibc's)."""
    try:
        return int(os.environ.get("MALLOC_TRIM_THRESHOLD_", DEFAULT_TRIM_THRESHOLD))
    except ValueError:
        return DEFAULT_TRIM_THRESHOLD
