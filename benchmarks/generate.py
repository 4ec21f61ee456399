"""Generate a synthetic corpus of consistent, correctly rounded facts (plus a few slips).

    python benchmarks/generate.py OUT_DIR --facts 1000000

Every entity-year states a balance sheet, an income statement, cash flows, segment revenues,
ratios, growths and shares, each rounded to the digits it is printed with, so that the
standard rulebooks apply to all of them. One fact in ten thousand is then mistyped.
"""

from __future__ import annotations

import argparse
import csv
import shutil
from pathlib import Path

import numpy as np

from validator.io.facts_schema import COLUMNS

YEARS = list(range(2015, 2025))
ENTITIES_PER_DOCUMENT = 100


def _fmt(values: np.ndarray, decimals: int) -> list[str]:
    return [f"{v:.{decimals}f}" for v in values]


def entity_year_rows(
    rng: np.random.Generator, entity: str, years: list[int] = YEARS
) -> list[list[str]]:
    rows: list[list[str]] = []
    n = len(years)
    ca = rng.uniform(5, 50, n)
    nca = rng.uniform(2, 30, n)
    ta = ca + nca
    cl = ca * rng.uniform(0.3, 0.8, n)
    ncl = nca * rng.uniform(0.1, 0.4, n)
    tl = cl + ncl
    eq = ta - tl
    inv = ca * rng.uniform(0.05, 0.2, n)
    rev = ta * rng.uniform(0.4, 1.2, n)
    cost = rev * rng.uniform(0.2, 0.6, n)
    seg = rev[:, None] * rng.dirichlet(np.ones(4), n)
    cin = rev * rng.uniform(1.0, 1.2, n)
    cout = cin * rng.uniform(0.9, 1.1, n)

    def add(
        concept, period, value, unit="亿元", member="", measure="level", base="", whole="", loc="表"
    ):
        rows.append(
            [
                entity,
                "合并",
                period,
                concept,
                member,
                measure,
                base,
                whole,
                "",
                value,
                unit,
                loc,
                "",
                "",
            ]
        )

    for i, y in enumerate(years):
        end = f"{y}-12-31"
        for concept, arr in (
            ("current_assets", ca),
            ("noncurrent_assets", nca),
            ("total_assets", ta),
            ("current_liabilities", cl),
            ("noncurrent_liabilities", ncl),
            ("total_liabilities", tl),
            ("total_equity", eq),
            ("inventory", inv),
        ):
            add(concept, end, f"{arr[i]:.2f}")
        add("total_assets", end, f"{ta[i] * 10000:.2f}", "万元", loc="附注")
        add("total_operating_revenue", str(y), f"{rev[i]:.2f}")
        add("operating_revenue", str(y), f"{rev[i]:.2f}")
        add("operating_cost", str(y), f"{cost[i]:.2f}")
        for k, name in enumerate(("甲", "乙", "丙", "丁")):
            add("total_operating_revenue", str(y), f"{seg[i, k]:.2f}", member=f"segment:{name}")
            add(
                "total_operating_revenue",
                str(y),
                f"{seg[i, k] / rev[i] * 100:.2f}",
                "%",
                member=f"segment:{name}",
                measure="share",
                whole="total_operating_revenue",
            )
        add("operating_cash_inflow", str(y), f"{cin[i]:.2f}")
        add("operating_cash_outflow", str(y), f"{cout[i]:.2f}")
        add("operating_cash_flow_net", str(y), f"{cin[i] - cout[i]:.2f}")
        add("debt_to_asset_ratio", end, f"{tl[i] / ta[i] * 100:.2f}", "%")
        add("current_ratio", end, f"{ca[i] / cl[i] * 100:.2f}", "%")
        add("quick_ratio", end, f"{(ca[i] - inv[i]) / cl[i] * 100:.2f}", "%")
        add("gross_margin", str(y), f"{(rev[i] - cost[i]) / rev[i] * 100:.2f}", "%")
        add("operating_profit_margin", str(y), f"{(rev[i] - cost[i]) / rev[i] * 100 - 1:.2f}", "%")
        add(
            "inventory",
            end,
            f"{inv[i] / ca[i] * 100:.2f}",
            "%",
            measure="share",
            whole="current_assets",
        )
        if i > 0:
            prev = str(y - 1)
            add(
                "total_operating_revenue",
                str(y),
                f"{(rev[i] / rev[i - 1] - 1) * 100:.2f}",
                "%",
                measure="growth",
                base=prev,
            )
            add(
                "total_assets",
                end,
                f"{(ta[i] / ta[i - 1] - 1) * 100:.2f}",
                "%",
                measure="growth",
                base=f"{y - 1}-12-31",
            )
            margin = (rev[i] - cost[i]) / rev[i]
            prior_margin = (rev[i - 1] - cost[i - 1]) / rev[i - 1]
            add(
                "gross_margin",
                str(y),
                f"{(margin - prior_margin) * 100:.2f}",
                "个百分点",
                measure="pp_change",
                base=prev,
            )
            add("total_asset_turnover", str(y), f"{rev[i] / ((ta[i] + ta[i - 1]) / 2):.2f}", "次")
            add("inventory_turnover", str(y), f"{cost[i] / ((inv[i] + inv[i - 1]) / 2):.2f}", "次")
    return rows


def generate(out: Path, facts: int, seed: int = 7) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    if out.exists():
        shutil.rmtree(out)
    data = out / "data"
    data.mkdir(parents=True)
    sample = entity_year_rows(rng, "E0")
    per_entity = len(sample)
    n_entities = max(1, facts // per_entity)
    names = [f"E{i:06d}" for i in range(n_entities)]
    with (data / "entities.yaml").open("w", encoding="utf-8") as fh:
        fh.write("entities:\n")
        for name in names:
            fh.write(f"  - {{id: {name}, name: 合成公司{name}, kind: company}}\n")
    total = slips = 0
    for d in range(0, n_entities, ENTITIES_PER_DOCUMENT):
        folder = data / f"SYN{d // ENTITIES_PER_DOCUMENT:05d}" / f"synthetic-{d:06d}"
        folder.mkdir(parents=True)
        (folder / "document.yaml").write_text(
            f"id: synthetic-{d:06d}\nentity: {names[d]}\ntitle: 合成年报 {d}\n"
            f"publisher: benchmark\ndate: 2025-04-30\n",
            encoding="utf-8",
        )
        with (folder / "facts.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(COLUMNS)
            for name in names[d : d + ENTITIES_PER_DOCUMENT]:
                rows = entity_year_rows(rng, name)
                for row in rows:
                    if rng.random() < 1e-4 and row[5] == "level" and row[10] == "亿元":
                        row[9] = f"{float(row[9]) * 1.05:.2f}"  # a mistyped figure
                        slips += 1
                w.writerows(rows)
                total += len(rows)
    return {"facts": total, "entities": n_entities, "slips": slips}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--facts", type=int, default=1_000_000)
    args = parser.parse_args()
    print(generate(args.out, args.facts))


if __name__ == "__main__":
    main()
