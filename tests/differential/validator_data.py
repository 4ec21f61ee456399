"""The same cases as the validator's own input: a data folder and a schemas/ copy.

Each case is one instant (its own period) of one entity. A formula over unreported items is not
checkable, whereas Calculations 1.1 leaves unreported items out; so each case is written with
the concepts of the shape of the items it does report, and every shape has its rule
(`diff_s3pmp: s3pmp_total = s3pmp_i1 - s3pmp_i2 + s3pmp_i3`).
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from tests.differential.cases import SHAPES, Case
from validator.cli.main import validate
from validator.io.facts_schema import COLUMNS

ENTITY = "差分公司"
FIRST_DAY = date(1900, 1, 1)


def period_of(index: int) -> str:
    return (FIRST_DAY + timedelta(days=index)).isoformat()


def write_schemas(root: Path, source: Path) -> Path:
    schemas = root / "schemas"
    shutil.copytree(source, schemas)
    concepts = [c for s in SHAPES for c in (s.total, *s.items)]
    (schemas / "concepts" / "differential.yaml").write_text(
        "concepts:\n"
        + "".join(
            f"  - {{id: {c}, zh: 差分{c}, en: Differential {c}, period: instant, "
            f"dimension: money}}\n"
            for c in concepts
        ),
        encoding="utf-8",
    )
    (schemas / "rulebooks" / "differential.yaml").write_text(
        "rulebook: differential\ntitle: Calculations 1.1 differential shapes\nsource: generated\n"
        "rules:\n"
        + "".join(
            f"  - {{id: diff_{s.id}, zh: 差分{s.id}, en: Shape {s.id}, formula: '{s.formula()}'}}\n"
            for s in SHAPES
        ),
        encoding="utf-8",
    )
    return schemas


def rule_of(case: Case) -> str:
    return f"diff_{(case.reported_shape or case.shape).id}"


def write_data(root: Path, cases: list[tuple[int, Case]], with_decimals: bool) -> Path:
    """A data folder with one document; `with_decimals` adds the declared-decimals column."""
    data = root / "data"
    folder = data / "DIFF" / "differential"
    folder.mkdir(parents=True)
    (data / "entities.yaml").write_text(
        f"entities:\n  - {{id: {ENTITY}, name: {ENTITY}, kind: company}}\n", encoding="utf-8"
    )
    (folder / "document.yaml").write_text(
        f"id: differential\nentity: {ENTITY}\ntitle: 差分测试\npublisher: 生成\ndate: 2026-12-01\n",
        encoding="utf-8",
    )
    header = [*COLUMNS, "decimals"] if with_decimals else list(COLUMNS)
    with (folder / "facts.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for index, case in cases:
            shape = case.reported_shape or case.shape
            reported = [c for c in case.shape.items if case.facts_of(c)]
            rename = dict(zip(reported, shape.items, strict=False))
            rename[case.shape.total] = shape.total
            for f in case.facts:
                row = {c: "" for c in COLUMNS}
                row |= {
                    "entity": ENTITY,
                    "scope": "合并",
                    "period": period_of(index),
                    "concept": rename[f.concept],
                    "measure": "level",
                    "value": f.value,
                    "unit": "元",
                    "location": case.id,
                }
                values = [row[c] for c in COLUMNS]
                writer.writerow([*values, str(f.decimals)] if with_decimals else values)
    return data


def run_validator(data: Path, schemas: Path) -> tuple[int, list[dict], str]:
    """Exit code, the JSON report's checks, and the output (for a failure message)."""
    result = CliRunner().invoke(
        validate, [str(data), "--schemas", str(schemas), "--format", "json", "--no-docs"]
    )
    if result.exit_code not in (0, 1):
        return result.exit_code, [], result.output
    return result.exit_code, json.loads(result.output)["checks"], result.output


def verdicts_by_case(checks: list[dict], cases: list[tuple[int, Case]]) -> dict[str, str]:
    """The verdict of each case's own rule ("absent" when there is no such check)."""
    wanted = {(rule_of(c), period_of(i)): c.id for i, c in cases}
    found = {
        wanted[(k["rule"], k["period"])]: k["verdict"]
        for k in checks
        if (k["rule"], k["period"]) in wanted
    }
    return {c.id: found.get(c.id, "absent") for _, c in cases}
