"""Facts (or facts files) split into partitions of whole entities, balanced by size.

Every relation lives within one entity (rules/locality.py proves it of a plan), so a partition
that holds all the facts of its entities can be checked on its own.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

# Bytes of facts files a partition is given (unless one group of files sharing an entity is
# larger): about a million facts of CSV (0.9M of the generated corpus, 75.6 bytes a fact). A
# worker's memory is then that of a run of under a million facts (1.5-2.0 GB at its peak,
# measured at 10M facts), not a share of the corpus: at 10M facts on 2 workers an equal share
# is 5M facts and 4.3 GB a worker, beside the client's merge. The fixed cost a partition adds
# (its task and result sent, the backend's walk of the plan, about 0.2 s) is small against the
# 12-14 s of CPU to load and check one: a smaller bound would lower a worker's peak a little
# more at the price of more tasks; a larger one saves little and raises the peak.
PARTITION_BYTES = 64 * 2**20


def partition_count(sizes: Sequence[int], workers: int, bound: int = PARTITION_BYTES) -> int:
    """How many partitions files of `sizes` bytes go on: one a worker at least, and enough
    that each holds `bound` bytes on average (the corpus's size, not the workers' number,
    sets a partition's size)."""
    if workers < 1 or bound < 1:
        raise ValueError("at least one worker and a positive bound")
    return max(workers, math.ceil(sum(sizes) / bound))


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


def group_files(entities: Sequence[frozenset[str]]) -> list[list[int]]:
    """Files joined when they name a common entity (transitively): each group holds every file
    of its entities. Groups in order of their first file, files ascending."""
    parent = list(range(len(entities)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, names in enumerate(entities):
        for name in names:
            j = first.setdefault(name, i)
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(entities)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def assign_files(
    entities: Sequence[frozenset[str]], sizes: Sequence[int], n: int
) -> list[list[int]]:
    """The files of each partition (ascending), at most `n` partitions, none empty: groups of
    whole entities (`group_files`), largest first onto the lightest partition by bytes."""
    if n < 1:
        raise ValueError("at least one partition")
    groups = group_files(entities)
    weight = [sum(sizes[i] for i in g) for g in groups]
    heap = [(0, p) for p in range(min(n, len(groups)))]
    parts: list[list[int]] = [[] for _ in heap]
    for g in sorted(range(len(groups)), key=lambda g: (-weight[g], g)):
        load, p = heapq.heappop(heap)
        parts[p] += groups[g]
        heapq.heappush(heap, (load + weight[g], p))
    return [sorted(p) for p in parts if p]
