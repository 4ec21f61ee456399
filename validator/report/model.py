"""The Report: every check with its verdict, explanation and facts, and a summary per document.

Renderers only format a Report; everything an auditor reads is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from validator.engine.run import Evaluation
from validator.engine.suspects import rank_suspects
from validator.errors import ExitCode
from validator.io.dictionary import Dictionary
from validator.io.documents import Document
from validator.io.waivers import Waiver
from validator.model.literals import decimals_of
from validator.report.explain import explain_check
from validator.rules.rulebook import Rule

VERDICTS = ("consistent", "discrepant", "not_checkable")


@dataclass(frozen=True)
class FactRef:
    entity: str
    scope: str
    period: str
    concept: str
    concept_zh: str
    member: str
    measure: str
    base: str
    whole: str
    qualifier: str
    value: str
    unit: str
    document: str
    location: str
    file: str
    line: int
    role: str


@dataclass(frozen=True)
class CheckResult:
    id: str
    rule: str
    name_zh: str
    name_en: str
    kind: str
    relation: str
    verdict: str
    entity: str
    scope: str
    period: str
    concept: str
    member: str
    unit: str
    stated: tuple[float, float]
    derived: tuple[float, float]
    miss: float
    expression: str
    substituted: str
    message: str
    reason: str
    facts: tuple[FactRef, ...]
    documents: tuple[str, ...]
    decimals: int
    waived: bool = False
    waiver_reason: str = ""
    waiver_reviewer: str = ""
    waiver_date: str = ""
    suspect: FactRef | None = None
    suspect_reason: str = ""


@dataclass(frozen=True)
class DocumentSummary:
    document: Document
    facts: int
    counts: dict[str, int]


@dataclass(frozen=True)
class StaleWaiver:
    """A waiver that no longer matches a discrepancy: it fails validation."""

    check_id: str
    reason: str
    file: str
    line: int | None
    why: str


@dataclass(frozen=True)
class Report:
    documents: tuple[DocumentSummary, ...]
    checks: tuple[CheckResult, ...]
    facts: int
    totals: dict[str, int] = field(default_factory=dict)
    stale_waivers: tuple[StaleWaiver, ...] = ()

    @property
    def discrepancies(self) -> list[CheckResult]:
        return [c for c in self.checks if c.verdict == "discrepant" and not c.waived]

    @property
    def waived(self) -> list[CheckResult]:
        return [c for c in self.checks if c.verdict == "discrepant" and c.waived]

    @property
    def exit_code(self) -> ExitCode:
        failing = self.discrepancies or self.stale_waivers
        return ExitCode.DISCREPANT if failing else ExitCode.OK


def build_report(
    ev: Evaluation,
    documents: tuple[Document, ...],
    d: Dictionary,
    rules: tuple[Rule, ...],
    only: set[str] | None = None,
    waivers: tuple[Waiver, ...] = (),
) -> Report:
    """`only`: the verdicts whose checks are explained in full (all when None). Discrepancies
    are always explained, so that waivers and suspects apply to every one of them."""
    verdict = ev.checks["verdict"].to_numpy(dtype=object)
    wanted = None if only is None else {*only, "discrepant"}
    rows = (
        np.arange(len(verdict))
        if wanted is None
        else np.flatnonzero(np.isin(verdict, list(wanted)))
    )
    shown = ev.materialize(rows).sort_values("check_id", kind="stable")
    linked = ev.fact_links(rows).merge(ev.facts, on="fact_id", how="left", suffixes=("", "_f"))
    linked = linked.sort_values(["check", "file", "line", "role"], kind="stable")
    by_check = {c: g for c, g in linked.groupby("check", sort=False)}
    evidence = rank_suspects(ev.checks, ev.links)
    evidence_by_check = {c: g for c, g in evidence.groupby("check", sort=False)}
    rule_map = {r.id: r for r in rules}
    empty = linked.iloc[0:0]
    checks = []
    for row in shown.itertuples(index=False):
        group = by_check.get(row.check, empty)
        refs = tuple(_fact_ref(r, d) for r in group.itertuples(index=False))
        result = explain_check(row, refs, d, rule_map)
        if row.check in evidence_by_check:
            result = with_suspect(result, evidence_by_check[row.check], group, refs)
        checks.append(result)
    from validator.report.waivers import apply_waivers  # it builds on this module's types

    checks, stale = apply_waivers(checks, list(waivers))
    waived_rows = {c.id for c in checks if c.waived}
    waived_check = np.zeros(len(verdict), dtype=bool)
    if waived_rows:
        ids = shown.set_index("check_id")["check"]
        waived_check[ids.loc[sorted(waived_rows)].to_numpy()] = True

    per_check = ev.documents_of_checks()
    names = np.asarray(ev.facts["document"].cat.categories.astype(object))
    check_idx = per_check["check"].to_numpy()
    labels = np.where(waived_check[check_idx], "waived", verdict[check_idx])
    per_doc = (
        pd.Series(
            1, index=pd.MultiIndex.from_arrays([names[per_check["document"].to_numpy()], labels])
        )
        .groupby(level=[0, 1])
        .size()
    )
    fact_counts = ev.facts.groupby("document", observed=True).size()
    summaries = []
    for doc in documents:
        counts = {v: int(per_doc.get((doc.id, v), 0)) for v in (*VERDICTS, "waived")}
        counts["checks"] = sum(counts.values())
        summaries.append(DocumentSummary(doc, int(fact_counts.get(doc.id, 0)), counts))
    totals = {v: int((verdict == v).sum()) for v in VERDICTS}
    totals["waived"] = int(waived_check.sum())
    totals["discrepant"] -= totals["waived"]
    totals["checks"] = len(verdict)
    return Report(tuple(summaries), tuple(checks), len(ev.facts), totals, tuple(stale))


def with_suspect(
    result: CheckResult, evidence: pd.DataFrame, group: pd.DataFrame, refs: tuple[FactRef, ...]
) -> CheckResult:
    """Name the suspect figure of a discrepancy and the evidence for it."""
    keys = group["key_id"].to_numpy()
    parts = []
    suspect_ref = None
    for row in evidence.itertuples(index=False):
        at = np.flatnonzero(keys == row.key_id)
        if not len(at):
            continue
        ref = refs[int(at[0])]
        text = (
            f"{ref.concept_zh} {ref.value}{ref.unit} ({row.role}): agrees with "
            f"{row.agree} other relation{'s' if row.agree != 1 else ''}, disagrees with "
            f"{row.disagree}"
        )
        if row.suspect:
            suspect_ref = ref
            parts.insert(0, text)
        else:
            parts.append(text)
    if suspect_ref is None:
        return result
    reason = "least corroborated figure — " + "; ".join(parts)
    return replace(result, suspect=suspect_ref, suspect_reason=reason)


def _fact_ref(r: object, d: Dictionary) -> FactRef:
    concept = d.concepts.get(r.concept)  # type: ignore[attr-defined]
    return FactRef(
        entity=r.entity,
        scope=r.scope,
        period=r.period,
        concept=r.concept,  # type: ignore[attr-defined]
        concept_zh=concept.zh if concept else r.concept,  # type: ignore[attr-defined]
        member=r.member,
        measure=r.measure,
        base=r.base,
        whole=r.whole,  # type: ignore[attr-defined]
        qualifier=r.qualifier,
        value=getattr(r, "printed", r.value),
        unit=r.unit,
        document=r.document,  # type: ignore[attr-defined]
        location=r.location,
        file=r.file,
        line=int(r.line),
        role=r.role,  # type: ignore[attr-defined]
    )


def literal_decimals(values: list[str]) -> int:
    if not values:
        return 2
    return int(decimals_of(pd.Series(values, dtype="string")).max())
