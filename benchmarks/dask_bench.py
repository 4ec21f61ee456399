"""Benchmark of the partitioned run on Dask, the workers loading their own facts: throughput on
1 and 2 workers, the cost of each partition on its worker (load, check), the client's CPU by
phase, and the client's own peak memory apart from the workers'.

    python benchmarks/dask_bench.py --facts 1000000 --out /tmp/db1m
    python benchmarks/dask_bench.py --data benchmarks/out/1M/data --no-single --workers 2
    python benchmarks/dask_bench.py --facts 10000000 --out /tmp/db10m --no-single

The corpus is generated once (or `--data` names one). Each run is a process of its own, so that
its peak resident size (`ru_maxrss`) is that run's alone: the single process (`pipeline.check`:
load, check, review) is the reference, then `check_on_workers` (what `validate --workers N`
runs) on a LocalCluster of N single-threaded worker processes, whose own peaks each worker
reports with its partition. Each run's checks are compared with the single run's (or the first
cluster run's) by a digest.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from validator.engine.partition_task import peak_mib  # noqa: E402

PHASES = ("files", "plan", "partition", "workers", "merge", "review")


def fingerprint(found) -> int:
    """A digest of every check's id, verdict, intervals, miss and suspect (holding one run's
    findings instead, at 10M facts, would take gigabytes)."""
    columns = ["check_id", "verdict", "stated_lo", "stated_hi", "derived_lo", "derived_hi"]
    columns += ["miss", "suspect"]
    frame = found.table[columns].astype(str)
    return int(pd.util.hash_pandas_object(frame, index=False).sum())


def one_run(data: Path, workers: int) -> dict:
    """One run in this process (0 workers: the single process); what `report` prints."""
    from validator.pipeline import check

    schemas = ROOT / "schemas"
    start, cpu = time.perf_counter(), time.process_time()
    timings: dict[str, float] = {}
    results: list = []
    if workers == 0:
        found = check([data], schemas)
    else:
        from dask.distributed import Client, LocalCluster

        from validator.engine.partitioned import DaskMap
        from validator.partitioned_run import check_on_workers

        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        with cluster, Client(cluster) as client:
            start, cpu = time.perf_counter(), time.process_time()  # the cluster is up
            found = check_on_workers([data], DaskMap(client), schemas, timings=timings,
                                     results=results)  # fmt: skip
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "workers": workers,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mib": peak_mib(),
        "facts": found.facts,
        "checks": len(found.table),
        "digest": fingerprint(found),
        "timings": timings,
        "partitions": [{"facts": r.facts, **r.seconds} for r in results],
    }


def report(run: dict, reference: int | None) -> str:
    """The lines of one run."""
    n, s = run["facts"], run["seconds"]
    per_m = run["peak_mib"] / max(n / 1e6, 1e-9)
    name = "single process" if run["workers"] == 0 else f"{run['workers']} worker(s)"
    same = "(the reference)" if reference is None else str(run["digest"] == reference)
    lines = [
        f"{name}: {s:.1f} s wall, {n / s:,.0f} facts/s, {run['checks'] / s:,.0f} checks/s "
        f"({run['checks']:,} checks); {'client ' if run['workers'] else ''}CPU {run['cpu']:.1f} s,"
        f" {'client ' if run['workers'] else ''}peak {run['peak_mib']:,.0f} MiB "
        f"({per_m:,.0f} MiB per million facts); same checks: {same}"
    ]
    t = run["timings"]
    if t:
        phases = ", ".join(f"{k} {t.get(f'{k}_cpu', 0.0):.2f}" for k in PHASES)
        lines.append(f"  client CPU s by phase: {phases}")
        peaks = ", ".join(f"{k} {t.get(f'{k}_peak_mib', 0.0):,.0f}" for k in PHASES)
        lines.append(f"  client peak MiB at each phase's end: {peaks}")
        lines.append(f"  {len(run['partitions'])} partitions")
    for p in run["partitions"]:
        f = max(p["facts"], 1)
        load, check = p.get("load_cpu", 0.0), p.get("check_cpu", 0.0)
        lines.append(
            f"  partition of {p['facts']:,} facts on its worker: load {p.get('load', 0):.1f} s "
            f"({load:.1f} s CPU, {load / f * 1e6:.1f} µs/fact) + check {p.get('check', 0):.1f} s "
            f"({check:.1f} s CPU, {check / f * 1e6:.1f} µs/fact); worker peak "
            f"{p.get('peak_mib', 0):,.0f} MiB"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out-dask")
    parser.add_argument("--data", type=Path, help="an existing corpus (no corpus generated)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-single", action="store_true", help="skip the single process")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child: one run
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one_run(args.data, args.one)))
        return

    data = args.data
    if data is None:
        print(f"corpus: {generate(args.out, args.facts)}", flush=True)
        data = args.out / "data"
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}", flush=True)
    reference = None
    for workers in ([] if args.no_single else [0]) + args.workers:
        child = [sys.executable, __file__, "--data", str(data), "--one", str(workers)]
        out = subprocess.run(child, check=True, stdout=subprocess.PIPE, text=True).stdout
        run = json.loads(out.strip().splitlines()[-1])
        print(report(run, reference), flush=True)
        print(f"  load average: {os.getloadavg()[0]:.1f}", flush=True)
        reference = run["digest"] if reference is None else reference


if __name__ == "__main__":
    main()
