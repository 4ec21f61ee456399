"""Reports to publish: small synthetic ones built field by field, and helpers on built sites."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from validator.findings.from_checks import findings_from_checks
from validator.findings.model import CheckResult, DocumentSummary, FactRef, Report, StaleWaiver
from validator.model.document import Document

ROOT = Path(__file__).resolve().parents[2]
CONTEXT = ROOT / "expectations"


def copy_context(target: Path) -> Path:
    """The committed GX context without its uncommitted area (tests never write to the repo)."""
    shutil.copytree(CONTEXT, target, ignore=shutil.ignore_patterns("uncommitted"))
    return target


def document(doc_id: str = "jia-2024-annual", **fields: str) -> Document:
    values = {
        "id": doc_id,
        "entity": "甲公司",
        "title": "甲公司2024年报摘要",
        "publisher": "测试出版社",
        "date": "2025-04-30",
        "published_at": "",
        "source_file": "seeds/x.txt",
        "folder": f"data/600000.SH/{doc_id}",
    }
    values.update(fields)
    return Document(**values)  # type: ignore[arg-type]


def fact(role: str, value: str, unit: str = "亿元", doc: str = "jia-2024-annual", **kw) -> FactRef:
    values = {
        "entity": "甲公司",
        "scope": "合并",
        "period": "2024",
        "concept": "rd_expenses",
        "concept_zh": "研发费用",
        "member": "",
        "measure": "level",
        "base": "",
        "whole": "",
        "qualifier": "",
        "value": value,
        "unit": unit,
        "document": doc,
        "location": "表1 研发费用",
        "file": f"data/600000.SH/{doc}/facts.csv",
        "line": 2,
        "role": role,
    }
    values.update(kw)
    return FactRef(**values)  # type: ignore[arg-type]


def growth_check(n: int = 0, doc: str = "jia-2024-annual", **kw) -> CheckResult:
    """A discrepant growth: 25.84% stated, 3.43 → 3.60 亿元 printed."""
    facts = (
        fact("base", "3.43", doc=doc, period="2023", line=10 + n),
        fact("current", "3.60", doc=doc, line=11 + n),
        fact("stated", "25.84", "%", doc=doc, measure="growth", base="2023", line=12 + n),
    )
    values = {
        "id": f"growth:甲公司/合并/2024/rd_expenses_{n:04d} vs 2023",
        "rule": "growth",
        "name_zh": "增长率 = (本期 − 基期) / |基期|",
        "name_en": "Growth = (current − base) / |base|",
        "kind": "growth",
        "relation": "=",
        "verdict": "discrepant",
        "entity": "甲公司",
        "scope": "合并",
        "period": "2024",
        "concept": "rd_expenses",
        "member": "",
        "unit": "%",
        "stated": (25.835, 25.845),
        "derived": (4.6579, 5.2555),
        "miss": 20.5795,
        "expression": "(current − base) / |base|",
        "substituted": "25.84% = (3.60亿元 − 3.43亿元) / |3.43亿元|",
        "message": "",
        "reason": "",
        "facts": facts,
        "documents": (doc,),
        "decimals": 2,
    }
    values.update(kw)
    return CheckResult(**values)  # type: ignore[arg-type]


def consistent(check: CheckResult, n: int, kind: str = "sum") -> CheckResult:
    return replace(check, id=f"{kind}:ok/{n:04d}", kind=kind, verdict="consistent", miss=0.0)


def report_of(
    docs: list[tuple[Document, list[CheckResult]]],
    full: bool = True,
    extra_counts: dict[str, dict[str, int]] | None = None,
    stale: tuple[StaleWaiver, ...] = (),
) -> Report:
    """A Report as build_report makes it: counts per document, waived counted apart."""
    summaries, checks = [], []
    totals = {"consistent": 0, "discrepant": 0, "not_checkable": 0, "waived": 0}
    for doc, doc_checks in docs:
        counts = {"consistent": 0, "discrepant": 0, "not_checkable": 0, "waived": 0}
        for c in doc_checks:
            counts["waived" if c.waived else c.verdict] += 1
        for k, v in (extra_counts or {}).get(doc.id, {}).items():
            counts[k] += v
        counts["checks"] = sum(counts.values())
        for k in totals:
            totals[k] += counts[k]
        summaries.append(DocumentSummary(doc, 40, counts))
        checks += [c for c in doc_checks if full or c.verdict == "discrepant"]
    totals["checks"] = sum(totals.values())
    checks.sort(key=lambda c: c.id)
    return findings_from_checks(tuple(summaries), checks, stale)


def tree(root: Path) -> dict[str, bytes]:
    """Every file below root, by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def page_of(site: Path, doc_id: str) -> str:
    pages = sorted((site / "validations").glob(f"*/{doc_id}/*/*.html"))
    assert len(pages) == 1, pages
    return pages[0].read_text(encoding="utf-8")
