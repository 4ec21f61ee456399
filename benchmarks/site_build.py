"""How long the data-docs site takes to build, by number of findings and of facts.

    python benchmarks/site_build.py [--findings 10 1000 10000] [--facts 10000 1000000]
                                    [--documents 10] [--with-findings K]

Builds a site from synthetic findings (documents of equal size, each finding a growth that
misses, with three figures among the stated facts; the fact table holds every fact) for every
pair of sizes, in a fresh GX context, after one warm-up build (GX is imported once per process,
about 1.5 s, not counted). Prints a Markdown table: findings, facts, wall and CPU seconds of the
build, and the size of the site.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from validator.findings.from_checks import findings_from_checks  # noqa: E402
from validator.findings.model import (  # noqa: E402
    FACT_COLUMNS,
    CheckResult,
    DocumentSummary,
    FactRef,
    Report,
)
from validator.model.document import Document  # noqa: E402
from validator.publish import build_site  # noqa: E402

DOCUMENTS = 10  # set by --documents
WITH_FINDINGS = 0  # --with-findings: the findings go to the first K documents (0: all of them)


def _document(i: int) -> Document:
    return Document(
        id=f"doc-{i:02d}",
        entity=f"实体{i:02d}",
        title=f"实体{i:02d} 年报",
        publisher="基准",
        date="2025-04-30",
        published_at="",
        source_file="",
        folder=f"data/{600000 + i}.SH/doc-{i:02d}",
    )  # type: ignore[call-arg]


def _facts(n: int) -> pd.DataFrame:
    """n facts over the documents: one table per 300 figures, 10 periods a row."""
    per_doc = n // DOCUMENTS
    doc = np.repeat(np.arange(DOCUMENTS), per_doc)
    k = np.tile(np.arange(per_doc), DOCUMENTS)
    period = (2015 + k % 10).astype(str)
    row = k // 10
    table = k // 300
    return pd.DataFrame(
        {
            "entity": np.char.add("实体", np.char.zfill(doc.astype(str), 2)),
            "scope": "合并",
            "period": period,
            "concept": np.char.add("concept_", (row % 30).astype(str)),
            "member": np.char.add("segment:", (row // 30).astype(str)),
            "measure": "level",
            "base": "",
            "whole": "",
            "qualifier": "",
            "value": np.char.add((k % 97).astype(str), ".00"),
            "unit": "亿元",
            "location": np.char.add(
                np.char.add("表", table.astype(str)), np.char.add(" 行 ", period)
            ),
            "src_line": (row + 1).astype(str),
            "file": np.char.add(
                np.char.add("data/doc-", np.char.zfill(doc.astype(str), 2)), "/facts.csv"
            ),
            "line": k + 2,
            "document": np.char.add("doc-", np.char.zfill(doc.astype(str), 2)),
        }
    )


def _finding(j: int, doc: int, facts_per_doc: int) -> CheckResult:
    line = 2 + (j * 7) % max(facts_per_doc - 1, 1)
    doc_id = f"doc-{doc:02d}"

    def ref(role: str, value: str, unit: str, at: int) -> FactRef:
        return FactRef(
            entity=f"实体{doc:02d}",
            scope="合并",
            period="2024",
            concept="revenue",
            concept_zh="营业收入",
            member="",
            measure="growth" if role == "stated" else "level",
            base="2023" if role == "stated" else "",
            whole="",
            qualifier="",
            value=value,
            unit=unit,
            document=doc_id,
            location="表0 行 2024",
            file=f"data/doc-{doc:02d}/facts.csv",
            line=at,
            role=role,
        )

    facts = (ref("base", "3.43", "亿元", line), ref("current", "3.60", "亿元", line + 1))
    facts += (ref("stated", "25.84", "%", line + 2),)
    return CheckResult(
        id=f"growth:实体{doc:02d}/合并/2024/revenue_{j:06d} vs 2023",
        rule="growth",
        name_zh="增长率",
        name_en="Growth",
        kind="growth",
        relation="=",
        verdict="discrepant",
        entity=f"实体{doc:02d}",
        scope="合并",
        period="2024",
        concept="revenue",
        member="",
        unit="%",
        stated=(25.835, 25.845),
        derived=(4.6579, 5.2555),
        miss=20.5795,
        expression="(current − base) / |base|",
        substituted="25.84% = (3.60亿元 − 3.43亿元) / |3.43亿元|",
        message="",
        reason="",
        facts=facts,
        documents=(doc_id,),
        decimals=2,
        suspect=facts[2],
        suspect_reason="least corroborated figure",
    )


def report_of(findings: int, facts: int) -> Report:
    """The findings, with the synthetic facts appended to the fact table (the findings' own
    figures stay the first rows, where their links point)."""
    per_doc = facts // DOCUMENTS
    spread = min(WITH_FINDINGS or DOCUMENTS, DOCUMENTS)
    checks = [_finding(j, j % spread, per_doc) for j in range(findings)]
    summaries = []
    for i in range(DOCUMENTS):
        mine = sum(1 for c in checks if c.documents[0] == f"doc-{i:02d}")
        counts = {"consistent": 0, "discrepant": mine, "not_checkable": 0, "waived": 0}
        counts["checks"] = mine
        summaries.append(DocumentSummary(_document(i), per_doc, counts))
    report = findings_from_checks(tuple(summaries), checks)
    extra = _facts(facts).assign(concept_zh="", key=-1)[FACT_COLUMNS]
    table = pd.concat([report.fact_table, extra], ignore_index=True)
    return replace(report, fact_table=table)


def build(findings: int, facts: int, work: Path) -> tuple[float, float, int]:
    context = work / "expectations"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(ROOT / "expectations", context, ignore=shutil.ignore_patterns("uncommitted"))
    report = report_of(findings, facts)
    start, cpu = time.perf_counter(), time.process_time()
    build_site(report, work / "site", context)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    size = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file())
    return seconds, cpu, size


def main() -> None:
    global DOCUMENTS, WITH_FINDINGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--findings", type=int, nargs="+", default=[10, 1000, 10000])
    parser.add_argument("--facts", type=int, nargs="+", default=[10000, 1000000])
    parser.add_argument("--documents", type=int, nargs="+", default=[DOCUMENTS])
    parser.add_argument(
        "--with-findings", type=int, default=0, help="documents that hold the findings (0: all)"
    )
    args = parser.parse_args()
    WITH_FINDINGS = args.with_findings
    with tempfile.TemporaryDirectory() as tmp:
        build(10, 10000, Path(tmp) / "warm-up")
        print("| documents | findings | facts | site build (wall) | CPU | site size |")
        print("|---:|---:|---:|---:|---:|---:|")
        for documents in args.documents:
            DOCUMENTS = documents
            for facts in args.facts:
                for findings in args.findings:
                    seconds, cpu, size = build(findings, facts, Path(tmp) / "run")
                    print(
                        f"| {documents:,} | {findings:,} | {facts:,} | {seconds:.1f} s "
                        f"| {cpu:.1f} s | {size / 1e6:.1f} MB |"
                    )


if __name__ == "__main__":
    main()
