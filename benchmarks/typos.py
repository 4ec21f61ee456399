"""Error localisation measured: consistent synthetic statements with one typo per entity.

    python benchmarks/typos.py                      (3,000 typos)
    python benchmarks/typos.py --entities 500 --years 3

Each entity states the figures of `benchmarks/generate.py` (correctly rounded, so consistent);
then one of its printed facts is mistyped by one slip (digit substitution, transposition, dropped
or doubled digit, sign flip, shifted decimal point, 万元/亿元 slip) and the true literal kept.
A typo is identifiable when some discrepancy shows in its entity at all. Printed:
- suspect accuracy: the typo'd fact is in one of the reported alternative sets (and alone);
- proposal accuracy: the true literal is among the proposals for the typo'd fact (and first);
- time per discrepancy group spent locating and proposing;
- printed ranges: for a typo'd figure that is only an operand, whether its true literal lies in
  the range of printed values the report gives for it.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import entity_year_rows  # noqa: E402
from validator.io.facts_schema import COLUMNS  # noqa: E402
from validator.review.typos import Slip, slips  # noqa: E402

VALUE, UNIT = COLUMNS.index("value"), COLUMNS.index("unit")
ENTITIES_PER_DOCUMENT = 100


@dataclass(frozen=True)
class Typo:
    entity: str
    file: str
    line: int
    true_literal: str
    true_unit: str
    printed: str
    unit: str
    slip: Slip


def _mistype(rng: np.random.Generator, literal: str, unit: str) -> tuple[str, str, Slip] | None:
    found = slips(literal, unit)
    if not found:
        return None
    kinds = sorted({s for *_, s in found}, key=list(Slip).index)
    kind = kinds[rng.integers(len(kinds))]
    mine = [x for x in found if x[2] is kind]
    return mine[rng.integers(len(mine))]


def generate_typos(out: Path, entities: int, years: int, seed: int = 11) -> list[Typo]:
    """A data folder of `entities` entities, one typo each; the typos with their true literal."""
    rng = np.random.default_rng(seed)
    if out.exists():
        shutil.rmtree(out)
    data = out / "data"
    data.mkdir(parents=True)
    names = [f"T{i:06d}" for i in range(entities)]
    with (data / "entities.yaml").open("w", encoding="utf-8") as fh:
        fh.write("entities:\n")
        for name in names:
            fh.write(f"  - {{id: {name}, name: 合成公司{name}, kind: company}}\n")
    span = list(range(2024 - years + 1, 2025))
    typos: list[Typo] = []
    for d in range(0, entities, ENTITIES_PER_DOCUMENT):
        folder = data / f"TYP{d // ENTITIES_PER_DOCUMENT:05d}" / f"typos-{d:06d}"
        folder.mkdir(parents=True)
        (folder / "document.yaml").write_text(
            f"id: typos-{d:06d}\nentity: {names[d]}\ntitle: 合成年报 {d}\n"
            f"publisher: benchmark\ndate: 2025-04-30\n",
            encoding="utf-8",
        )
        file = str(folder / "facts.csv")
        line = 1
        with (folder / "facts.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(COLUMNS)
            for name in names[d : d + ENTITIES_PER_DOCUMENT]:
                rows = entity_year_rows(rng, name, span)
                while True:
                    at = int(rng.integers(len(rows)))
                    row = rows[at]
                    slip = _mistype(rng, row[VALUE], row[UNIT])
                    if slip is not None:
                        break
                typos.append(
                    Typo(name, file, line + 1 + at, row[VALUE], row[UNIT], *slip)
                )
                row[VALUE], row[UNIT] = slip[0], slip[1]
                w.writerows(rows)
                line += len(rows)
    return typos


def measure(data: Path, typos: list[Typo]) -> dict[str, float]:
    from validator.io.project import load_project
    from validator.pipeline import evaluate
    from validator.rules.rulebook import load_rulebooks

    project = load_project([data], ROOT / "schemas")
    plan = load_rulebooks(list(project.rule_files), project.dictionary)
    timings: dict[str, float] = {}
    d = project.dictionary
    f = evaluate(project.facts, d, plan, project.documents, (), None, timings, False, 10**9)
    by_entity: dict[str, list] = {}
    groups: set[str] = set()
    for c in f.discrepancies:
        by_entity.setdefault(c.entity, []).append(c)
        groups.add(c.locate_note + repr([p.fact for p in c.proposals]) + c.entity)
    counts = dict.fromkeys(
        ["typos", "identifiable", "named", "alone", "proposed", "first", "not_localised",
         "ranged", "in_range"], 0
    )  # fmt: skip
    per_slip: dict[str, list[int]] = {}
    for t in typos:
        counts["typos"] += 1
        found = by_entity.get(t.entity, [])
        if not found:
            continue
        counts["identifiable"] += 1
        mine = [
            c for c in found if any((x.file, x.line) == (t.file, t.line) for x in c.facts)
        ] or found
        alts = {tuple((x.file, x.line) for x in a) for c in mine for a in c.suspects}
        named = any((t.file, t.line) in a for a in alts)
        alone = named and len(alts) == 1
        props = [p for p in mine[0].proposals if (p.file, p.line) == (t.file, t.line)]
        true = (t.true_literal, t.true_unit)
        proposed = any((p.corrected, p.corrected_unit) == true for p in props)
        first = bool(mine[0].proposals) and (
            (mine[0].proposals[0].file, mine[0].proposals[0].line) == (t.file, t.line)
            and (mine[0].proposals[0].corrected, mine[0].proposals[0].corrected_unit)
            == (t.true_literal, t.true_unit)
        )
        counts["named"] += named
        counts["alone"] += alone
        counts["proposed"] += proposed
        counts["first"] += first
        counts["not_localised"] += any(c.locate_note.startswith("not localised") for c in mine)
        ranges = [r for c in mine for r in c.ranges if (r.file, r.line) == (t.file, t.line)]
        if ranges and ranges[0].unit == t.true_unit:
            counts["ranged"] += 1
            counts["in_range"] += _within(t.true_literal, ranges[0].lo, ranges[0].hi)
        s = per_slip.setdefault(t.slip.value, [0, 0, 0])
        s[0] += 1
        s[1] += named
        s[2] += proposed
    return {
        **counts,
        "groups": len(groups),
        "locate_seconds": timings.get("locate", 0.0),
        "ranges_seconds": timings.get("ranges", 0.0),
        "checks_seconds": timings.get("checks", 0.0),
        "facts": f.facts,
        "per_slip": per_slip,  # type: ignore[dict-item]
    }


def _within(literal: str, lo: str, hi: str) -> bool:
    """Whether the true literal is one the range's printed values stand for (a range at fewer
    digits than the true literal covers it within their rounding)."""
    ends = [x for x in (lo, hi) if x not in ("−∞", "+∞")]
    digits = len(ends[0].split(".")[1]) if ends and "." in ends[0] else 0
    half, value = 0.5 * 10.0**-digits * (1 + 1e-9), float(literal)
    return (lo == "−∞" or float(lo) - half <= value) and (hi == "+∞" or value <= float(hi) + half)


def _pct(a: float, b: float) -> str:
    return f"{100 * a / b:.2f}%" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=3000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out-typos")
    args = parser.parse_args()
    t = time.perf_counter()
    typos = generate_typos(args.out, args.entities, args.years)
    made = time.perf_counter() - t
    t, cpu = time.perf_counter(), time.process_time()
    m = measure(args.out / "data", typos)
    ran, cpu = time.perf_counter() - t, time.process_time() - cpu
    n, ok = m["typos"], m["identifiable"]
    print(
        f"{n:,} typos ({m['facts']:,} facts) generated in {made:.1f} s, validated in {ran:.1f} s"
        f" (CPU {cpu:.1f} s)"
    )
    print(f"identifiable (some discrepancy shows): {ok:,} ({_pct(ok, n)})")
    print(
        f"suspect accuracy: {_pct(m['named'], ok)} named among the alternatives, "
        f"{_pct(m['alone'], ok)} named alone; {m['not_localised']} beyond the search bound"
    )
    print(
        f"proposal accuracy: {_pct(m['proposed'], ok)} true literal among the proposals, "
        f"{_pct(m['first'], ok)} as the first proposal"
    )
    print(
        f"time: {m['groups']:,} discrepancy groups located and corrected in "
        f"{m['locate_seconds']:.2f} s ({1000 * m['locate_seconds'] / max(1, m['groups']):.1f} ms"
        f" per group; evaluating all checks took {m['checks_seconds']:.2f} s)"
    )
    print(
        f"printed ranges: {m['ranged']:,} typo'd figures that are only operands got one, the true"
        f" literal within it for {_pct(m['in_range'], m['ranged'])}; {m['ranges_seconds']:.2f} s"
    )
    for slip, (k, named, proposed) in sorted(m["per_slip"].items()):
        print(f"  {slip:24s} {k:6,}  named {_pct(named, k):>8}  proposed {_pct(proposed, k):>8}")


if __name__ == "__main__":
    main()
