"""Findings from Check objects built field by field: for renderers' tests and for backends that
produce checks one by one. The checks are kept as given."""

from __future__ import annotations

from dataclasses import asdict, replace

import pandas as pd

from validator.findings.model import (
    CHECK_COLUMNS,
    FACT_COLUMNS,
    Check,
    DocumentSummary,
    Findings,
    RuleText,
    StaleWaiver,
)


def findings_from_checks(
    documents: tuple[DocumentSummary, ...],
    checks: list[Check],
    stale: tuple[StaleWaiver, ...] = (),
) -> Findings:
    checks = [replace(c, row=i) for i, c in enumerate(sorted(checks, key=lambda c: c.id))]
    facts, links, rows = [], [], []
    for i, c in enumerate(checks):
        rows.append(
            {
                "check_id": c.id, "rule": c.rule, "kind": str(c.kind), "relation": str(c.relation),
                "verdict": str(c.verdict), "reason": str(c.reason_code),
                "missing": ", ".join(c.missing),
                "entity": c.entity, "scope": c.scope, "period": c.period, "concept": c.concept,
                "member": c.member, "base": c.base, "whole": c.whole, "whole_concept": "",
                "axis": "", "target": "", "unit": c.unit, "decimals": c.decimals,
                "stated_lo": c.stated[0], "stated_hi": c.stated[1], "derived_lo": c.derived[0],
                "derived_hi": c.derived[1], "miss": c.miss, "expression": c.expression,
                "waived": c.waived, "waiver_reason": c.waiver_reason,
                "waiver_reviewer": c.waiver_reviewer, "waiver_date": c.waiver_date,
                "suspect": -1, "suspect_reason": c.suspect_reason, "printings": c.printings,
            }
        )  # fmt: skip
        for f in c.facts:
            links.append({"check": i, "fact": len(facts), "key": len(facts), "role": f.role})
            facts.append(
                {k: v for k, v in asdict(f).items() if k in FACT_COLUMNS} | {"key": len(facts)}
            )
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    fact_table = pd.DataFrame(facts, columns=FACT_COLUMNS)
    link_table = pd.DataFrame(links, columns=["check", "fact", "key", "role"])
    link_table = link_table.astype({"check": "int64", "fact": "int64", "key": "int64"})
    pairs = pd.DataFrame(
        [{"check": i, "document": d} for i, c in enumerate(checks) for d in c.documents],
        columns=["check", "document"],
    ).astype({"check": "int64"})
    rules = {
        c.rule: RuleText(c.rule, c.name_zh, c.name_en, "formula", c.expression, "") for c in checks
    }
    return Findings(
        table=table,
        fact_table=fact_table,
        links=link_table,
        rules=rules,
        documents=tuple(documents),
        stale_waivers=tuple(stale),
        check_documents=pairs,
        prebuilt=tuple(checks),
    )
