"""Benchmark of the partitioned run on Dask, the workers loading their own facts: 1-worker and
2-worker throughput, the client's serial time by phase, the cost of each partition on its
worker (load, check), and the cost of returning a partition's findings (pickled, or through a
Parquet file).

    python benchmarks/dask_bench.py --facts 1000000 --out /tmp/db1m
    python benchmarks/dask_bench.py --facts 10000000 --out /tmp/db10m --no-single

The corpus is generated once; the single process (`pipeline.check`: load, check, review) is the
reference, then `validate --workers N` as the CLI runs it (`check_on_workers` on a LocalCluster
of N single-threaded worker processes). Each run's checks are compared with the single run's (or
the first cluster run's) by a digest.
"""

from __future__ import annotations

import argparse
import io
import os
import pickle
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from validator.engine.partitioned import DaskMap  # noqa: E402
from validator.partitioned_run import check_on_workers  # noqa: E402
from validator.pipeline import check  # noqa: E402


def transfer_cost(found) -> str:
    """Seconds to pickle and unpickle a Findings' frames, against writing and reading them as
    Parquet (what a worker returning a file instead would pay)."""
    frames = {"table": found.table, "fact_table": found.fact_table, "links": found.links}
    start = time.perf_counter()
    for frame in frames.values():
        pickle.loads(pickle.dumps(frame, protocol=5))
    pickled = time.perf_counter() - start
    start = time.perf_counter()
    for frame in frames.values():
        buffer = io.BytesIO()
        frame.astype({c: str for c in frame.columns if frame[c].dtype == object}).to_parquet(buffer)
        pd.read_parquet(io.BytesIO(buffer.getvalue()))
    parquet = time.perf_counter() - start
    return f"pickle round trip {pickled:.2f} s, Parquet round trip {parquet:.2f} s"


def fingerprint(found) -> int:
    """A digest of every check's id, verdict, intervals, miss and suspect (holding one run's
    findings instead, at 10M facts, would take gigabytes)."""
    columns = ["check_id", "verdict", "stated_lo", "stated_hi", "derived_lo", "derived_hi"]
    columns += ["miss", "suspect"]
    frame = found.table[columns].astype(str)
    return int(pd.util.hash_pandas_object(frame, index=False).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out-dask")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-single", action="store_true", help="skip the single process")
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    print(f"corpus: {generate(args.out, args.facts)}", flush=True)
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    data, schemas = [args.out / "data"], ROOT / "schemas"
    single = reference = None
    if not args.no_single:
        start, cpu = time.perf_counter(), time.process_time()
        single = check(data, schemas)
        seconds = time.perf_counter() - start
        n, checks = single.facts, len(single.table)
        reference = fingerprint(single)
        del single  # not held during the cluster runs
        single = True
        print(
            f"single process: {seconds:.1f} s ({time.process_time() - cpu:.1f} s CPU), "
            f"{n / seconds:,.0f} facts/s, {checks / seconds:,.0f} checks/s ({checks:,} checks)",
            flush=True,
        )
    for workers in args.workers:
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            timings: dict[str, float] = {}
            results: list = []
            start, cpu = time.perf_counter(), time.process_time()
            found = check_on_workers(data, DaskMap(client), schemas, timings=timings,
                                     results=results)  # fmt: skip
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        n, checks = found.facts, len(found.table)
        same = "(the reference)"
        if reference is None:
            reference = fingerprint(found)
        else:
            same = str(fingerprint(found) == reference)
        phases = ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
        print(f"load average: {os.getloadavg()[0]:.1f}")
        print(
            f"{workers} worker(s): {seconds:.1f} s, {n / seconds:,.0f} facts/s, "
            f"{checks / seconds:,.0f} checks/s; client {cpu:.1f} s CPU ({phases}); "
            f"same checks as the {'single process' if single else 'first run'}: {same}",
            flush=True,
        )
        for r in results:
            s = r.seconds
            cpu = s.get("load_cpu", 0.0) + s.get("check_cpu", 0.0)
            print(
                f"  partition: {r.facts:,} facts, on its worker: load {s.get('load', 0):.1f} s "
                f"({s.get('load_cpu', 0):.1f} s CPU) + check {s.get('check', 0):.1f} s "
                f"({s.get('check_cpu', 0):.1f} s CPU), "
                f"{cpu / max(r.facts, 1) * 1e6:.1f} µs/fact CPU"
            )
        largest = max(results, key=lambda r: r.facts)
        if largest.findings is not None:
            cost = transfer_cost(largest.findings)
            print(f"  returning the largest partition's findings: {cost}", flush=True)
        del found, results, largest


if __name__ == "__main__":
    main()
