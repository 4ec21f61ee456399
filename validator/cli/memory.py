"""Memory the run frees goes back to the system, so that the peak is what is alive.

glibc's malloc raises its mmap threshold each time a large block is freed, after which large
temporaries (a loader's column, an engine's index) come from the heap and stay resident after
they are freed; a fixed threshold keeps every block above it in its own mapping, returned when
freed. Arrow's own allocator (mimalloc) keeps freed pages too, so Arrow allocates with malloc.
Elsewhere than on glibc both are skipped: the run is the same, only its resident size differs.
"""

from __future__ import annotations

import os

from validator.heap import glibc as _glibc

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
# Blocks above it are mapped, never heap: each is returned when freed, and faulted in page by
# page when allocated again. 32 MiB maps the columns of runs of 4M rows and more; smaller blocks
# come from the heap, whose freed pages the phases hand back (`heap.py`). Measured on
# the text run against 4 MiB: at 10M facts 41.8 s of kernel time against 71.1 s, peak 6,607
# against 6,565 MiB; at 1M 0.94x the CPU, peak 872 against 842 MiB. (At 128 KiB, glibc's
# starting value, the 1M run spent 5.9 s in the kernel against 3.5 s at 4 MiB.)
MMAP_THRESHOLD = 32 * 1024 * 1024
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
