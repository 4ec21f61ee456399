"""The DuckDB benchmark peer finds what `validate` finds (skipped where DuckDB, a
benchmark-only dependency, is not installed), and the package never imports it."""

import ast
import csv
import json

import pytest
from click.testing import CliRunner

from tests.helpers import ROOT
from validator.cli.main import validate

BENCH_ONLY = {"duckdb", "polars", "pyinstrument"}


def test_the_package_never_imports_a_benchmark_only_dependency():
    for path in (ROOT / "validator").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not {n.split(".")[0] for n in names} & BENCH_ONLY, path


def mistype(data, every: int) -> int:
    """Make every `every`-th level in 亿元 5% too large, as the corpus generator's slips."""
    (path,) = data.rglob("facts.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    n = 0
    for i, row in enumerate(rows[1:], start=1):
        if row[5] == "level" and row[10] == "亿元" and i % every == 0:
            row[9] = f"{float(row[9]) * 1.05:.2f}"
            n += 1
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return n


def coarsen(data) -> None:
    """Print one revenue in whole 亿元 and make the next year's 0.6% too large: what its shares
    imply and what the next growth implies each lie within the coarse figure, not together."""
    (path,) = data.rglob("facts.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    for row in rows[1:]:
        if row[0] == "E000000" and row[3:6] == ["total_operating_revenue", "", "level"]:
            if row[2] == "2016":
                row[9] = f"{float(row[9]):.0f}"
            elif row[2] == "2017":
                row[9] = f"{float(row[9]) * 1.006:.2f}"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("coarse", [False, True], ids=["mistyped", "mistyped-and-coarse"])
def test_the_duckdb_peer_finds_the_same_discrepancies_as_validate(tmp_path, coarse):
    pytest.importorskip("duckdb")
    from benchmarks.generate import generate
    from benchmarks.peers.duckdb_peer import run

    generate(tmp_path, 670)  # two entities, ten years each
    data = tmp_path / "data"
    assert mistype(data, 23) >= 3
    if coarse:
        coarsen(data)
    counts = run(data, tmp_path / "peer.json", ROOT / "schemas")
    report = json.loads(
        CliRunner()
        .invoke(
            validate,
            [str(data), "--schemas", str(ROOT / "schemas"), "--no-docs", "--format", "json"],
        )
        .output
    )
    ours = {c["id"]: c["verdict"] for c in report["checks"]}
    peer = {
        c["id"]: c["verdict"]
        for c in map(json.loads, (tmp_path / "peer.json").read_text(encoding="utf-8").splitlines())
    }
    assert counts["discrepant"] == report["summary"]["discrepant"] > 0
    assert peer == ours
    chain = "chain:E000000/合并/2016/total_operating_revenue"
    assert ours[chain] == ("discrepant" if coarse else "consistent")


def test_the_member_sums_of_numpy_duckdb_and_polars_agree(tmp_path):
    """benchmarks/means.py times one step three ways; the three count the same sums and the
    same discrepancies, so the timings compare like with like."""
    pytest.importorskip("duckdb")
    pytest.importorskip("polars")
    from benchmarks.generate import generate
    from benchmarks.means import (
        arrow_input,
        axes_table,
        duckdb_steps,
        inputs,
        numpy_engine,
        polars_steps,
    )

    generate(tmp_path, 670)
    data = tmp_path / "data"
    (path,) = data.rglob("facts.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    for row in rows[1:]:
        if row[4].startswith("segment:") and row[9]:  # a member 5% too large
            row[9] = f"{float(row[9]) * 1.05:.2f}"
            break
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    facts, lo, hi, d, sums = inputs(data, ROOT / "schemas")
    table, axes = arrow_input(facts, lo, hi, d), axes_table(d)
    ours = numpy_engine(facts, lo, hi, d, sums)
    assert ours[0] > 0 and ours[1] > 0
    assert duckdb_steps(table, axes) == ours
    assert polars_steps(table, axes) == ours
