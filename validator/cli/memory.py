"""Memory the run frees goes back to the system, so that the peak is what is alive.

glibc's malloc raises its mmap threshold each time a large block is freed, after which large
temporaries (a loader's column, an engine's index) come from the heap and stay resident after
they are freed; a fixed threshold keeps every block above it in its own mapping, returned when
freed. Arrow's own allocator (mimalloc) keeps freed pages too, so Arrow allocates with malloc.
Elsewhere than on glibc both are skipped: the run is the same, only its resident size differs.
"""

from __future__ import annotations

import os

from validator.engine.heap import glibc as _glibc

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
# Blocks above it are mapped, never heap. A column of a million rows is 8 MiB: 4 MiB maps every
# such column and temporary, and keeps the smaller ones on the heap, where mapping each would
# cost page faults (at 128 KiB, glibc's starting value, the 1M run spends 5.9 s in the kernel
# against 3.5 s, for a peak 7% lower).
MMAP_THRESHOLD = 4 * 1024 * 1024
_done: list[bool] = []


def return_freed_memory() -> bool:
    """Fix malloc's mmap threshold (unless MALLOC_MMAP_THRESHOLD_ already sets it) and let
    Arrow allocate with malloc. Once per process; True when the threshold was set."""
    if _done:
        return _done[0]
    libc = _glibc()
    fixed = False
    if libc is not None:
        if "MALLOC_MMAP_THRESHOLD_" not in os.environ:
            fixed = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())
    _done.append(fixed)
    return fixed
