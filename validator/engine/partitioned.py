"""A partitioned backend: facts split by entity, each partition checked by the numpy backend
(in this process or on Dask workers), the findings merged into those of a single run; and the
means of running any task per partition there (`TaskMap`), which the run that loads the facts
on the workers uses (`validator/partitioned_run.py`).

Dask is imported here only, and only when a cluster is asked for: the package runs without it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

import pandas as pd

from validator.engine.merge import merge_findings
from validator.engine.partition import partition_rows
from validator.engine.run import NumpyBackend
from validator.errors import InputError
from validator.findings.model import Findings
from validator.io.dictionary import Dictionary
from validator.rules.locality import entity_local
from validator.rules.plan import Plan

# Checks each partition: (plan, dictionary, partitions) -> their findings, in order.
Mapper = Callable[[Plan, Dictionary, Sequence[pd.DataFrame]], list[Findings]]


def check_partition(plan: Plan, d: Dictionary, facts: pd.DataFrame) -> Findings:
    """One partition, by the numpy backend (what a worker runs)."""
    return NumpyBackend().run(plan, facts, d)


def local_map(plan: Plan, d: Dictionary, parts: Sequence[pd.DataFrame]) -> list[Findings]:
    return [check_partition(plan, d, p) for p in parts]


class TaskMap(Protocol):
    """Runs `fn(item, *shared)` for every item, somewhere; the results in the items' order
    (and, as a `Mapper`, checks in-memory partitions there)."""

    @property
    def threads(self) -> int: ...

    def map(self, fn: Callable[..., Any], shared: tuple, items: Sequence[Any]) -> list[Any]: ...

    def __call__(
        self, plan: Plan, d: Dictionary, parts: Sequence[pd.DataFrame]
    ) -> list[Findings]: ...


class LocalMap:
    """Every task in this process, one after the other (tests, and a run without a cluster)."""

    def __init__(self, threads: int = 1):
        self.threads = threads

    def map(self, fn: Callable[..., Any], shared: tuple, items: Sequence[Any]) -> list[Any]:
        return [fn(item, *shared) for item in items]

    def __call__(self, plan: Plan, d: Dictionary, parts: Sequence[pd.DataFrame]) -> list[Findings]:
        return local_map(plan, d, parts)


class PartitionedBackend:
    """Implements `engine.run.Backend`: the same Findings as `NumpyBackend` over all facts."""

    def __init__(self, partitions: int, mapper: Mapper = local_map):
        self.partitions, self.mapper = partitions, mapper

    def run(
        self,
        plan: Plan,
        facts: pd.DataFrame,
        d: Dictionary,
        timings: dict[str, float] | None = None,
    ) -> Findings:
        problems = entity_local(plan)
        if problems:
            raise InputError(problems)
        clock = time.perf_counter()
        rows = partition_rows(facts, self.partitions)
        if not rows:
            return NumpyBackend().run(plan, facts, d, timings)
        parts = [facts.iloc[r] for r in rows]
        split = time.perf_counter()
        found = list(self.mapper(plan, d, parts))
        checked = time.perf_counter()
        merged = merge_findings(found, rows)
        if timings is not None:
            timings["partition"] = split - clock
            timings["checks"] = checked - split
            timings["merge"] = time.perf_counter() - checked
        return merged


class DaskMap:
    """Checks partitions on the workers of a Dask distributed client: the plan and the
    dictionary are sent once to every worker, each partition once to one worker."""

    def __init__(self, client: Any):
        self.client = client

    def map(self, fn: Callable[..., Any], shared: tuple, items: Sequence[Any]) -> list[Any]:
        """`shared` is sent once to every worker; each item (small) with its task."""
        from dask.distributed import as_completed

        sent = [None if x is None else self.client.scatter([x], broadcast=True)[0] for x in shared]
        submit = self.client.submit
        pending = {submit(fn, item, *sent, pure=False): i for i, item in enumerate(items)}
        out: list[Any] = [None] * len(items)
        # One result at a time, each as soon as it is done: a worker with more tasks to run
        # does not hold its finished results while the client waits for another's, and each
        # future is dropped once received, so its worker frees the result.
        for future in as_completed(list(pending)):
            out[pending.pop(future)] = future.result()
            future.release()
        return out

    def __call__(self, plan: Plan, d: Dictionary, parts: Sequence[pd.DataFrame]) -> list[Findings]:
        plan_f, d_f = self.client.scatter([plan, d], broadcast=True)
        part_fs = self.client.scatter(list(parts))
        futures = [self.client.submit(check_partition, plan_f, d_f, p) for p in part_fs]
        return self.client.gather(futures)

    @property
    def threads(self) -> int:
        return sum(self.client.nthreads().values())


@contextlib.contextmanager
def dask_backend(
    workers: int | None = None, scheduler: str | None = None
) -> Iterator[PartitionedBackend | None]:
    """A backend on a new local cluster of `workers` processes, or on the cluster whose
    scheduler is at `scheduler`; None (the numpy backend) when neither is given."""
    with dask_map(workers, scheduler) as mapper:
        yield None if mapper is None else PartitionedBackend(max(mapper.threads, 1), mapper)


@contextlib.contextmanager
def dask_map(workers: int | None = None, scheduler: str | None = None) -> Iterator[DaskMap | None]:
    """A `DaskMap` on a new local cluster of `workers` single-threaded processes, or on the
    cluster whose scheduler is at `scheduler`; None when neither is given."""
    if workers is None and scheduler is None:
        yield None
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a pinned dependency
        raise InputError(f"--workers and --scheduler need dask[distributed]: {exc}") from exc
    with contextlib.ExitStack() as stack:
        if scheduler is not None:
            try:
                client = stack.enter_context(Client(scheduler, timeout="10s"))
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(f"--scheduler {scheduler}: cannot connect: {exc}") from exc
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                )
            )
            client = stack.enter_context(Client(cluster))
        yield DaskMap(client)
