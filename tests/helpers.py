"""Building small fact tables and data folders for tests."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pandas as pd

from validator.findings.model import Findings
from validator.io.dictionary import Dictionary, load_dictionary, load_entities
from validator.io.facts_schema import COLUMNS, OPTIONAL_COLUMNS, STR
from validator.io.facts_table import typed_facts
from validator.pipeline import evaluate
from validator.rules.plan import Plan, Template
from validator.rules.rulebook import load_rulebooks

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"

ENTITIES = """entities:
  - {id: 甲公司, name: 甲股份有限公司, code: 600000.SH, kind: company}
  - {id: 乙公司, name: 乙股份有限公司, kind: company}
"""

DOCUMENT = """id: {id}
entity: 甲公司
title: 甲公司2024年报摘要
publisher: 测试出版社
date: 2025-04-30
"""


@cache
def dictionary() -> Dictionary:
    d = load_dictionary(SCHEMAS, ROOT)
    from dataclasses import replace

    path = ROOT / "data" / "entities.yaml"
    entities = load_entities(path, "data/entities.yaml")
    extra = {"甲公司", "乙公司"}
    from validator.io.dictionary import Entity

    entities |= {e: Entity(e, e, "", "company") for e in extra}
    return replace(d, entities=entities)


@cache
def plan() -> Plan:
    paths = [(p, p.name) for p in sorted((SCHEMAS / "rulebooks").glob("*.yaml"))]
    return load_rulebooks(paths, dictionary())


def fact(
    concept: str,
    period: str,
    value: str,
    unit: str = "亿元",
    *,
    entity: str = "甲公司",
    scope: str = "合并",
    member: str = "",
    measure: str = "level",
    base: str = "",
    whole: str = "",
    qualifier: str = "",
    location: str = "表1",
) -> dict[str, str]:
    return {
        "entity": entity,
        "scope": scope,
        "period": period,
        "concept": concept,
        "member": member,
        "measure": measure,
        "base": base,
        "whole": whole,
        "qualifier": qualifier,
        "value": value,
        "unit": unit,
        "location": location,
        "src_line": "",
        "note": "",
    }


def frame(rows: list[dict[str, str]], document: str = "doc") -> pd.DataFrame:
    rows = [{**dict.fromkeys(OPTIONAL_COLUMNS, ""), **r} for r in rows]
    f = pd.DataFrame(rows, columns=COLUMNS + OPTIONAL_COLUMNS).astype(STR)
    f["file"] = pd.array(["facts.csv"] * len(f), dtype=STR)
    f["line"] = range(2, len(f) + 2)
    f["document"] = pd.array([document] * len(f), dtype=STR)
    return f


def run(rows: list[dict[str, str]], extra_rules: tuple[Template, ...] = ()) -> Findings:
    """The finished findings of a few facts under the standard rulebooks (plus `extra_rules`)."""
    facts = typed_facts(frame(rows), dictionary())
    return evaluate(facts, dictionary(), Plan(plan().templates + tuple(extra_rules)))


def judge(rows: list[dict[str, str]]) -> Findings:
    """The backend's verdicts alone (no suspects, localisation or proposals): what properties of
    the interval method need, at a fraction of the cost of a finished run."""
    from validator.engine.run import NumpyBackend

    return NumpyBackend().run(plan(), typed_facts(frame(rows), dictionary()), dictionary())


def verdicts(f: Findings) -> dict[str, str]:
    """check id → verdict: the flattened report the specifications assert on."""
    table = f.table
    return dict(zip(table["check_id"], table["verdict"], strict=True))


def checks(f: Findings) -> pd.DataFrame:
    """All checks with readable ids, indexed by id (intervals in the stated unit)."""
    return f.table.set_index("check_id")


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        header = COLUMNS + [c for c in OPTIONAL_COLUMNS if any(c in r for r in rows)]
        writer.writerow(header)
        writer.writerows([r.get(c, "") for c in header] for r in rows)


def make_data(root: Path, rows: list[dict[str, str]], doc_id: str = "jia-2024-annual") -> Path:
    """A data folder with one document; returns the data folder."""
    data = root / "data"
    folder = data / "600000.SH" / doc_id
    folder.mkdir(parents=True)
    (data / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (folder / "document.yaml").write_text(DOCUMENT.format(id=doc_id), encoding="utf-8")
    write_csv(folder / "facts.csv", rows)
    return data
