"""Benchmark: generate a synthetic corpus, run `validate` on it, print throughput and memory.

    make bench                      (1M facts)
    python benchmarks/bench.py --facts 200000

The whole run is timed as a separate process (what a CI job pays, imports included); the
engine is timed in-process on the same corpus, split into loading, preparing and evaluating.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402


def _whole_run(data: Path, docs: Path | None = None) -> tuple[float, float, int]:
    """Seconds, peak memory of the children so far (MiB) and exit code of one `validate`."""
    exe = Path(sys.executable).parent / "validate"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "validator.cli.main"]
    site = ["--docs-dir", str(docs)] if docs else ["--no-docs"]
    start = time.perf_counter()
    proc = subprocess.run(
        [*cmd, str(data), "--schemas", str(ROOT / "schemas"), *site],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode not in (0, 1):
        sys.exit(f"validate failed ({proc.returncode}): {proc.stderr.strip()}")
    return seconds, peak_mib, proc.returncode


def _engine(data: Path) -> dict[str, float]:
    from validator.io.project import load_project
    from validator.pipeline import evaluate
    from validator.rules.rulebook import load_rulebooks

    t0 = time.perf_counter()
    project = load_project([data], ROOT / "schemas")
    plan = load_rulebooks(list(project.rule_files), project.dictionary)
    t1 = time.perf_counter()
    phases: dict[str, float] = {}
    d = project.dictionary
    findings = evaluate(project.facts, d, plan, project.documents, (), None, phases)
    t2 = time.perf_counter()
    verdict = findings.table["verdict"]
    return {
        "load": t1 - t0,
        "evaluate": t2 - t1,
        **phases,
        "instances": len(findings.table),
        "facts": findings.facts,
        "discrepant": int((verdict == "discrepant").sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()

    t = time.perf_counter()
    made = generate(args.out, args.facts)
    print(
        f"generated {made['facts']:,} facts for {made['entities']:,} entities "
        f"({made['slips']} mistyped) in {time.perf_counter() - t:.1f} s"
    )
    data = args.out / "data"
    seconds, peak, code = _whole_run(data)
    with_site, _, _ = _whole_run(data, args.out / "site")
    e = _engine(data)
    facts, checks = e["facts"], e["instances"]
    print(
        f"whole run (validate, separate process): {seconds:.2f} s, peak memory {peak:,.0f} MiB,"
        f" exit {code}"
    )
    print(f"  {facts / seconds:,.0f} facts/s, {checks / seconds:,.0f} rule instances/s")
    print(f"with the data-docs site: {with_site:.2f} s (the site adds {with_site - seconds:.2f} s)")
    print(
        f"engine (in-process): load and schema-check {e['load']:.2f} s, prepare facts "
        f"{e['prepare']:.2f} s, bind and judge {e['checks']:.2f} s"
    )
    print(
        f"  {checks:,} rule instances ({e['discrepant']} discrepant): "
        f"{checks / e['checks']:,.0f} rule instances/s bound and judged; "
        f"{facts / (e['load'] + e['evaluate']):,.0f} facts/s loaded and evaluated"
    )


if __name__ == "__main__":
    main()
