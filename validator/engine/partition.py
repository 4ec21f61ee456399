"""Facts (or facts files) split into partitions of whole entities, balanced by size.

Every relation lives within one entity (rules/locality.py proves it of a plan), so a partition
that holds all the facts of its entities can be checked on its own.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

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
