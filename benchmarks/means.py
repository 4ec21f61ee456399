"""Choosing the means: one step of the check on numpy (the engine), DuckDB and polars.

    python benchmarks/means.py DATA [--rounds 3] [--schemas schemas]

Loads DATA once with the validator's own loader and computes every fact's interval, then
times, in process and from the same in-memory columns, the two steps every relation family
starts from:

1. values: one value per figure key (the statements of a figure intersected, or spanned when
   they disagree), from each fact's rounding interval;
2. member sums: Σ members per (figure without member, axis) against the figure without member
   (= for a complete axis, ≥ for a partial list) and against a printed 合计, with the verdict.

The numpy side is the engine's code (`build_values`, `member_sums`, `sum_checks`), so it pays
for what the engine keeps (codes, links of every member to its check). The DuckDB and polars
sides are the plain formulations of the same two steps (group by, join, compare) with the
float sums as they come: no outward rounding, no links. The three must count the same
instances and discrepancies, which the script checks. DuckDB and polars are benchmark-only
(the `bench` extra); the package never imports them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GROUP = ["entity", "scope", "period_key", "concept", "measure", "base_key", "whole_concept",
         "whole_scope", "whole_member", "dimension"]  # fmt: skip
KEY = [*GROUP, "member"]
SUMMED = ("money", "money_usd", "money_hkd", "quantity", "headcount", "count", "share_count")


def inputs(data: Path, schemas: Path):
    """The facts, their intervals, the dictionary and the sum templates of the plan."""
    from validator.engine.stated import fact_intervals
    from validator.io.project import load_project
    from validator.model.verdict import Family
    from validator.rules.rulebook import load_rulebooks

    project = load_project([data], schemas)
    d = project.dictionary
    plan = load_rulebooks(list(project.rule_files), d)
    lo, hi = fact_intervals(project.facts, d)
    sums = [t for t in plan.templates if t.family is Family.SUM]
    return project.facts, lo, hi, d, sums


def numpy_engine(facts: pd.DataFrame, lo, hi, d, sums) -> tuple[int, int]:
    """The engine's own steps: values, key codes, member sums, the sum checks."""
    from validator.engine.keys import KeySpace
    from validator.engine.run import MEASURES
    from validator.engine.select import Masks
    from validator.engine.sums import member_sums, sum_checks
    from validator.engine.values import add_codes, build_values

    values, _ = build_values(facts, lo, hi)
    values = add_codes(values, KeySpace.build(values, MEASURES))
    masks = Masks(values, d)
    shared: dict = {}
    n = bad = 0
    for t in sums:
        if t.stated not in shared:
            shared[t.stated] = member_sums(values, masks.rows(t.stated))
        found = shared[t.stated]
        checks = sum_checks(t, found, d) if found is not None else None
        if checks is not None:
            n += len(checks.table)
            bad += int((checks.table["verdict"] == "discrepant").sum())
    return n, bad


def arrow_input(facts: pd.DataFrame, lo, hi, d) -> pa.Table:
    """The same columns as plain Arrow strings and floats, what DuckDB and polars start from."""
    columns = {k: pa.array(facts[k].astype(str).to_numpy(), pa.string()) for k in KEY}
    table = pa.table({**columns, "lo": lo, "hi": hi})
    return table


def axes_table(d) -> pa.Table:
    return pa.table(
        {
            "axis": [a for a in d.axes],
            "complete": [bool(x.complete) for x in d.axes.values()],
        }
    )


SQL = f"""
CREATE OR REPLACE TEMP TABLE vals AS
SELECT {", ".join(KEY)}, max(lo) <= min(hi) AS agree,
       CASE WHEN max(lo) <= min(hi) THEN max(lo) ELSE min(lo) END AS lo,
       CASE WHEN max(lo) <= min(hi) THEN min(hi) ELSE max(hi) END AS hi
FROM facts GROUP BY ALL;
CREATE OR REPLACE TEMP TABLE summed AS
SELECT * FROM vals
WHERE (measure IN ('level', 'abs_change') AND dimension IN {SUMMED}) OR measure = 'share';
CREATE OR REPLACE TEMP TABLE members AS
SELECT {", ".join(GROUP)}, split_part(member, ':', 1) AS axis, sum(lo) AS lo, sum(hi) AS hi
FROM summed WHERE member <> '' AND NOT ends_with(member, ':合计')
GROUP BY ALL;
SELECT count(*) AS n,
       count(*) FILTER (WHERE CASE WHEN whole_side THEN
           CASE WHEN complete THEN NOT (m.lo <= t.hi AND t.lo <= m.hi) ELSE t.hi < m.lo END
         ELSE NOT (m.lo <= t.hi AND t.lo <= m.hi) END) AS bad
FROM members m
JOIN (SELECT *, '' AS t_axis, true AS whole_side FROM summed WHERE member = ''
      UNION ALL
      SELECT *, split_part(member, ':', 1), false FROM summed WHERE ends_with(member, ':合计')) t
  USING ({", ".join(GROUP)})
LEFT JOIN axes x ON x.axis = m.axis
WHERE (whole_side OR t_axis = m.axis) AND (NOT whole_side OR x.axis IS NOT NULL)
"""


def duckdb_steps(table: pa.Table, axes: pa.Table) -> tuple[int, int]:
    import duckdb

    con = duckdb.connect()
    con.register("facts", table)
    con.register("axes", axes)
    n, bad = con.execute(SQL).fetchone()
    con.close()
    return int(n), int(bad)


def polars_steps(table: pa.Table, axes: pa.Table) -> tuple[int, int]:
    import polars as pl

    f = pl.from_arrow(table)
    vals = (
        f.group_by(KEY)
        .agg(
            pl.col("lo").max().alias("lo_max"),
            pl.col("hi").min().alias("hi_min"),
            pl.col("lo").min().alias("lo_min"),
            pl.col("hi").max().alias("hi_max"),
        )
        .with_columns(agree=pl.col("lo_max") <= pl.col("hi_min"))
        .select(
            *KEY,
            lo=pl.when("agree").then("lo_max").otherwise("lo_min"),
            hi=pl.when("agree").then("hi_min").otherwise("hi_max"),
        )
    )
    summed = vals.filter(
        (pl.col("measure").is_in(["level", "abs_change"]) & pl.col("dimension").is_in(SUMMED))
        | (pl.col("measure") == "share")
    )
    is_total = pl.col("member").str.ends_with(":合计")
    members = (
        summed.filter((pl.col("member") != "") & ~is_total)
        .with_columns(axis=pl.col("member").str.split(":").list.first())
        .group_by([*GROUP, "axis"])
        .agg(pl.col("lo").sum(), pl.col("hi").sum())
    )
    ax = pl.from_arrow(axes)
    whole = summed.filter(pl.col("member") == "").select(*GROUP, t_lo="lo", t_hi="hi")
    vs_whole = members.join(whole, on=GROUP).join(ax, on="axis")
    printed = summed.filter(is_total).select(
        *GROUP, axis=pl.col("member").str.split(":").list.first(), t_lo="lo", t_hi="hi"
    )
    vs_total = members.join(printed, on=[*GROUP, "axis"])
    apart = ~((pl.col("lo") <= pl.col("t_hi")) & (pl.col("t_lo") <= pl.col("hi")))
    bad_whole = pl.when("complete").then(apart).otherwise(pl.col("t_hi") < pl.col("lo"))
    n = vs_whole.height + vs_total.height
    bad = int(vs_whole.select(bad_whole.sum()).item()) + int(vs_total.select(apart.sum()).item())
    return n, bad


def timed(step: Callable[[], tuple[int, int]], rounds: int) -> tuple[float, float, tuple]:
    """Median wall and CPU seconds of `rounds` runs, and the result of the last."""
    walls, cpus = [], []
    for _ in range(rounds):
        w, c = time.perf_counter(), time.process_time()
        result = step()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--schemas", type=Path, default=ROOT / "schemas")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    facts, lo, hi, d, sums = inputs(args.data, args.schemas)
    print(f"{len(facts):,} facts; values and member sums, median of {args.rounds} rounds")
    t0 = time.perf_counter()
    table, axes = arrow_input(facts, lo, hi, d), axes_table(d)
    print(f"  (Arrow input for DuckDB and polars built in {time.perf_counter() - t0:.2f} s)")
    rows = [
        ("numpy (engine)", lambda: numpy_engine(facts, lo, hi, d, sums)),
        ("DuckDB", lambda: duckdb_steps(table, axes)),
        ("polars", lambda: polars_steps(table, axes)),
    ]
    results = {}
    for name, step in rows:
        wall, cpu, (n, bad) = timed(step, args.rounds)
        results[name] = (n, bad)
        print(f"  {name:<15} {wall:7.3f} s wall {cpu:7.3f} s CPU   {n:,} sums, {bad:,} discrepant")
    if len(set(results.values())) != 1:
        print(f"  the three do not agree: {results}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
