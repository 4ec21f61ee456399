"""Facts split into partitions of whole entities, balanced by fact count.

Every relation lives within one entity (rules/locality.py proves it of a plan), so a partition
that holds all the facts of its entities can be checked on its own.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd


def partition_rows(facts: pd.DataFrame, n: int) -> list[np.ndarray]:
    """Row positions of each partition (ascending, so a partition keeps the facts' order);
    at most `n` partitions, none empty. The largest entities are placed first, each on the
    lightest partition so far (longest-processing-time first)."""
    if n < 1:
        raise ValueError("at least one partition")
    codes, _ = pd.factorize(facts["entity"], sort=True)
    counts = np.bincount(codes, minlength=int(codes.max()) + 1) if len(codes) else np.array([])
    by_size = np.argsort(-counts, kind="stable")
    heap = [(0, p) for p in range(min(n, len(counts)))]
    owner = np.zeros(len(counts), dtype=np.int64)
    for entity in by_size:
        load, p = heapq.heappop(heap)
        owner[entity] = p
        heapq.heappush(heap, (load + int(counts[entity]), p))
    where = owner[codes]
    return [rows for p in range(len(heap)) if len(rows := np.flatnonzero(where == p))]
