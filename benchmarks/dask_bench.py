"""Benchmark of the entity-partitioned run on Dask: 1-worker and 2-worker throughput and the
cost of each partition on its worker.

    python benchmarks/dask_bench.py                     (1M facts)
    python benchmarks/dask_bench.py --facts 10000000    (10M facts)

The corpus is generated and loaded once in this process (loading is not partitioned); then
the single-process numpy backend and a LocalCluster of 1 and of 2 single-threaded worker
processes check it. Each run's findings are compared with the single-process run's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from validator.engine.partitioned import PartitionedBackend, check_partition  # noqa: E402
from validator.engine.run import NumpyBackend  # noqa: E402


def timed_partition(plan, d, facts):
    """`check_partition` with its seconds on the worker."""
    start = time.perf_counter()
    found = check_partition(plan, d, facts)
    return found, time.perf_counter() - start, len(facts)


class TimedDaskMap:
    def __init__(self, client):
        self.client, self.costs = client, []

    def __call__(self, plan, d, parts):
        plan_f, d_f = self.client.scatter([plan, d], broadcast=True)
        futures = [
            self.client.submit(timed_partition, plan_f, d_f, p)
            for p in self.client.scatter(list(parts))
        ]
        results = self.client.gather(futures)
        self.costs = [(n, seconds) for _, seconds, n in results]
        return [found for found, _, _ in results]


def same(a, b) -> bool:
    try:
        pd.testing.assert_frame_equal(a.table, b.table)
        pd.testing.assert_frame_equal(a.links.drop(columns="key"), b.links.drop(columns="key"))
    except AssertionError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out-dask")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partitions-per-worker", type=int, default=1)
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    from validator.io.project import load_project
    from validator.rules.rulebook import load_rulebooks

    print(f"corpus: {generate(args.out, args.facts)}", flush=True)
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    start = time.perf_counter()
    project = load_project([args.out / "data"], ROOT / "schemas")
    plan = load_rulebooks(list(project.rule_files), project.dictionary)
    facts, d = project.facts, project.dictionary
    print(f"load (one process): {time.perf_counter() - start:.1f} s, {len(facts):,} facts")

    start = time.perf_counter()
    single = NumpyBackend().run(plan, facts, d)
    seconds = time.perf_counter() - start
    checks = len(single.table)
    print(
        f"single process: {seconds:.1f} s, {len(facts) / seconds:,.0f} facts/s, "
        f"{checks / seconds:,.0f} checks/s ({checks:,} checks)",
        flush=True,
    )
    for workers in args.workers:
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            mapper = TimedDaskMap(client)
            backend = PartitionedBackend(workers * args.partitions_per_worker, mapper)
            timings: dict[str, float] = {}
            start = time.perf_counter()
            found = backend.run(plan, facts, d, timings)
            seconds = time.perf_counter() - start
        print(f"load average: {os.getloadavg()[0]:.1f}")
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        print(
            f"{workers} worker(s): {seconds:.1f} s, {len(facts) / seconds:,.0f} facts/s, "
            f"{checks / seconds:,.0f} checks/s ({phases}); same findings: {same(found, single)}"
        )
        for n, cost in mapper.costs:
            per_fact = cost / n * 1e6
            print(f"  partition: {n:,} facts, {cost:.1f} s on its worker, {per_fact:.1f} µs/fact")


if __name__ == "__main__":
    main()
