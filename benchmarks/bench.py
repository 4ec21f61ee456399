"""Benchmark: `validate` and its DuckDB peer on a synthetic corpus, at several sizes.

    make bench                                        (100K and 1M facts)
    make bench BENCH_ARGS="--sizes 100k,1m,3m,10m"
    python benchmarks/bench.py --sizes 100k --ratio-size 100k --rounds 1

Prints, from one run: the ratio validator/DuckDB end to end (read CSV → findings → JSON file)
at --ratio-size, from alternating runs; each output format's whole run relative to text there;
the cost per fact and the peak memory per million facts of the whole text run at each size;
check instances per second (in-process, the bind-and-judge phase); error localisation on a typo
corpus (--typo-entities, 0 skips it). Every whole run is a separate process (what a CI job pays,
imports included), timed from outside.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.runs import Run, alternate, median, ratios  # noqa: E402

FORMATS = ["text", "json", "junit", "github"]
STARTUP = 335  # one entity: the run that measures the fixed cost of a process
PEER = ROOT / "benchmarks" / "peers" / "duckdb_peer.py"


def parse_size(text: str) -> int:
    """100k, 1m, 10M or a plain number of facts."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def label(size: int) -> str:
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    return f"{size // 1_000}K" if size % 1_000 == 0 else str(size)


def corpus(out: Path, size: int) -> tuple[Path, dict[str, int]]:
    """The corpus of `size` facts under `out`, generated once and then reused."""
    folder = out / label(size)
    stamp = folder / "corpus.json"
    if stamp.is_file() and json.loads(stamp.read_text())["requested"] == size:
        return folder / "data", json.loads(stamp.read_text())
    t = time.perf_counter()
    made = {**generate(folder, size), "requested": size}
    stamp.write_text(json.dumps(made))
    print(f"generated {label(size)}: {made['facts']:,} facts in {time.perf_counter() - t:.1f} s")
    return folder / "data", made


def validate_cmd(data: Path, fmt: str, output: Path) -> list[str]:
    exe = Path(sys.executable).parent / "validate"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "validator.cli.main"]
    schemas = str(ROOT / "schemas")
    return [
        *cmd,
        str(data),
        "--schemas",
        schemas,
        "--no-docs",
        "--format",
        fmt,
        "--output",
        str(output),
    ]


def engine(data: Path) -> dict[str, float]:
    """In-process phases of one run: loading, preparing the facts, binding and judging."""
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
    return {
        "load": t1 - t0,
        **phases,
        "instances": len(findings.table),
        "discrepant": int((findings.table["verdict"] == "discrepant").sum()),
    }


def engine_in_child(data: Path) -> dict[str, float]:
    """`engine` in a child process, so that this process stays small (see benchmarks/runs)."""
    out = subprocess.run(
        [sys.executable, __file__, "--engine", str(data)], capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"engine run failed: {out.stderr.strip()[-2000:]}")
    return json.loads(out.stdout)


def peer_discrepant(findings: Path, runs: list[Run]) -> str:
    """Discrepant instances in the peer's findings file (of its last run, if it finished)."""
    if not runs or not runs[-1].finished or not findings.is_file():
        return "n/a (no finished run)"
    with findings.open(encoding="utf-8") as fh:
        return str(sum('"verdict":"discrepant"' in line for line in fh))


def shown(runs: list[Run], bound: float) -> str:
    if runs and not runs[-1].finished:
        return f"> {bound:.0f} s (stopped at the bound)"
    return f"{median([r.seconds for r in runs]):.2f} s"


def ratio_text(a: list[Run], b: list[Run]) -> str:
    """Median ratio of wall seconds (min–max) and of CPU seconds, over neighbouring runs."""
    wall, cpu = ratios(a, b), ratios(a, b, cpu=True)
    if not wall:
        return "n/a"
    prefix = ">" if a and not a[-1].finished else ""
    spread = f" ({min(wall):.2f}–{max(wall):.2f}, {len(wall)} pairs)" if len(wall) > 1 else ""
    return f"{prefix}{median(wall):.2f}×{spread}, CPU {prefix}{median(cpu):.2f}×"


def localisation(entities: int, out: Path) -> None:
    """Error localisation on a typo corpus (benchmarks/typos.py) of `entities` entities, one typo
    each, in a child process: suspect accuracy (alone and among the alternatives), proposal
    accuracy and the time per discrepancy group."""
    if entities <= 0:
        return
    cmd = [sys.executable, str(ROOT / "benchmarks" / "typos.py"), "--entities", str(entities)]
    cmd += ["--out", str(out / "typos")]
    print(f"\nerror localisation (python benchmarks/typos.py --entities {entities}):")
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"typo benchmark failed: {done.stderr.strip()[-2000:]}")
    for line in done.stdout.splitlines():
        print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m", help="corpus sizes, e.g. 100k,1m,3m,10m")
    parser.add_argument("--ratio-size", default="1m", help="size of the peer and format runs")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command")
    parser.add_argument("--bound", type=float, default=300.0, help="seconds at most per run")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--engine", type=Path, help=argparse.SUPPRESS)  # the child of engine()
    parser.add_argument(
        "--typo-entities", type=int, default=500, help="entities of the typo corpus (0: skip)"
    )
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(engine(args.engine)))
        return
    sizes = sorted({parse_size(s) for s in args.sizes.split(",")})
    at = parse_size(args.ratio_size)
    work = args.out / "runs"
    work.mkdir(parents=True, exist_ok=True)
    corpora = {s: corpus(args.out, s) for s in sorted({STARTUP, *sizes, at})}

    # At the ratio size: the peer and every format in turn, so neighbours share the machine.
    data, made = corpora[at]
    commands = {f: validate_cmd(data, f, work / f"report.{f}") for f in FORMATS}
    commands["duckdb"] = [sys.executable, str(PEER), str(data), "--out", str(work / "peer.json")]
    runs = alternate(commands, args.rounds, args.bound)
    e = engine_in_child(data)
    checks, facts = int(e["instances"]), made["facts"]
    print(f"\n{label(at)} corpus: {facts:,} facts, {checks:,} rule instances")
    print(
        f"validator/DuckDB, CSV → findings → JSON: {ratio_text(runs['json'], runs['duckdb'])}"
        f"\n  validate --format json {shown(runs['json'], args.bound)}, "
        f"DuckDB {shown(runs['duckdb'], args.bound)}"
    )
    print(f"  for reference, validator (text)/DuckDB: {ratio_text(runs['text'], runs['duckdb'])}")
    peer = peer_discrepant(work / "peer.json", runs["duckdb"])
    print(f"  discrepant: validate {e['discrepant']}, DuckDB {peer}")
    print("output formats, whole run relative to text:")
    for f in FORMATS[1:]:
        print(f"  {f:7} {ratio_text(runs[f], runs['text']):44} {shown(runs[f], args.bound)}")
    print(
        f"check instances per second (in-process, bind and judge): "
        f"{checks / e['checks']:,.0f}/s ({checks:,} in {e['checks']:.2f} s; "
        f"load {e['load']:.2f} s, prepare facts {e['prepare']:.2f} s)"
    )

    tiny = alternate(
        {"text": validate_cmd(corpora[STARTUP][0], "text", work / "report.startup.txt")},
        args.rounds,
        args.bound,
    )["text"]
    startup = median([r.seconds for r in tiny])
    print(
        f"whole run, text, per fact (and net of the {startup:.2f} s start-up, the run on "
        f"{corpora[STARTUP][1]['facts']} facts); peak memory per million facts:"
    )
    for size in sizes:
        size_runs = runs["text"] if size == at else None
        if size_runs is None:
            cmd = validate_cmd(corpora[size][0], "text", work / "report.size.txt")
            size_runs = alternate({"text": cmd}, args.rounds, args.bound)["text"]
        n = corpora[size][1]["facts"]
        seconds = median([r.seconds for r in size_runs])
        peak = median([r.peak_mib for r in size_runs])
        note = "" if size_runs[-1].finished else f"  (stopped at the {args.bound:.0f} s bound)"
        print(
            f"  {label(size):>4}: {seconds / n * 1e6:6.2f} µs/fact "
            f"(net {(seconds - startup) / n * 1e6:6.2f}), {seconds:7.2f} s, "
            f"CPU {median([r.cpu for r in size_runs]):7.2f} s, peak {peak:,.0f} MiB = "
            f"{peak / (n / 1e6):,.0f} MiB per million facts{note}"
        )
    localisation(args.typo_entities, args.out)


if __name__ == "__main__":
    main()
