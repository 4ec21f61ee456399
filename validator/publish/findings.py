"""The findings table of each source document: one row per discrepant relation, never the facts.

A row holds the finding's HTML explanation in the column of its group (or the literal
`acknowledged` there, and the explanation in the acknowledged column, when a reviewer waived it);
a stale waiver of the document is a row of its own. Every other cell is null, which GX column
expectations skip. Rows are sorted by check id, so the
values GX shows first (it keeps at most 200) are the first by id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from validator.findings.model import CheckResult, DocumentSummary, Report, StaleWaiver
from validator.model.verdict import Verdict
from validator.publish.anchors import Where
from validator.publish.errors import PublishError
from validator.publish.html import finding_html, stale_html
from validator.publish.programme import ACKNOWLEDGED, Programme

GX_SHOWN = 200  # great_expectations.constants.MAX_RESULT_RECORDS: unexpected values GX keeps
GX_PAGE_DEPTH = 4  # validations/<suite>/<run name>/<run time>/<batch>.html


@dataclass(frozen=True)
class GroupCounts:
    """Verdicts of one group in one document; consistent and not checkable need a full report."""

    discrepant: int = 0
    acknowledged: int = 0
    consistent: int | None = None
    not_checkable: int | None = None

    @property
    def unacknowledged(self) -> int:
        return self.discrepant - self.acknowledged


@dataclass(frozen=True)
class DocumentFindings:
    summary: DocumentSummary
    run_time: dt.datetime
    findings: tuple[CheckResult, ...]  # discrepant checks of this document, by id
    stale: tuple[StaleWaiver, ...]  # waivers of this document that acknowledge nothing
    groups: dict[str, GroupCounts]  # by findings column
    full: bool  # every check of the document is in the report (per-group counts known)
    frame: pd.DataFrame = field(repr=False)
    at: Where = field(default_factory=Where, repr=False)  # how its GX page links figures

    @property
    def run_name(self) -> str:
        return self.summary.document.id

    @property
    def waived(self) -> list[CheckResult]:
        return [c for c in self.findings if c.waived]

    @property
    def discrepant(self) -> int:
        """Discrepant relations, acknowledged or not (the counts keep waived ones apart)."""
        c = self.summary.counts
        return c.get("discrepant", 0) + c.get("waived", 0)

    @property
    def acknowledged(self) -> int:
        return self.summary.counts.get("waived", len(self.waived))

    @property
    def rows(self) -> int:
        """The findings the report counted: what the findings table must hold."""
        return self.discrepant + len(self.stale)


def run_time_of(summary: DocumentSummary) -> dt.datetime:
    """The run time of a document's validation: its publication date, 00:00 UTC (never now)."""
    doc = summary.document
    try:
        day = dt.date.fromisoformat(doc.date)
    except ValueError:
        raise PublishError(f"{doc.folder}: date {doc.date!r} is not YYYY-MM-DD") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def findings_frame(
    findings: list[CheckResult],
    stale: list[StaleWaiver],
    programme: Programme,
    at: Where | None = None,
) -> pd.DataFrame:
    n = len(findings) + len(stale)
    columns: dict[str, list[str | None]] = {c: [None] * n for c in programme.columns}
    for i, w in enumerate(stale, start=len(findings)):
        columns[programme.stale_column][i] = stale_html(w)
    for i, c in enumerate(findings):
        group = programme.group_of(c.kind).column
        if c.waived:
            columns[group][i] = ACKNOWLEDGED
            columns[programme.acknowledged_column][i] = finding_html(c, at)
        else:
            columns[group][i] = finding_html(c, at)
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})


def _group_counts(
    report: Report, rows: np.ndarray, programme: Programme, full: bool
) -> dict[str, GroupCounts]:
    """Verdicts per group of the programme among the checks `rows` of the table."""
    t = report.table.iloc[rows]
    group = t["kind"].astype(object).map(lambda k: programme.group_of(k).column)
    verdict = t["verdict"].astype(object)
    waived = t["waived"].to_numpy(dtype=bool)
    frame = pd.DataFrame({"group": group.to_numpy(), "verdict": verdict.to_numpy()})
    tally = frame.value_counts().to_dict()
    ack = frame[waived & (verdict == Verdict.DISCREPANT).to_numpy()]["group"].value_counts()
    return {
        g.column: GroupCounts(
            discrepant=int(tally.get((g.column, Verdict.DISCREPANT.value), 0)),
            acknowledged=int(ack.get(g.column, 0)),
            consistent=int(tally.get((g.column, Verdict.CONSISTENT.value), 0)) if full else None,
            not_checkable=int(tally.get((g.column, Verdict.NOT_CHECKABLE.value), 0))
            if full
            else None,
        )
        for g in programme.groups
    }


def stale_of(summary: DocumentSummary, report: Report) -> list[StaleWaiver]:
    """The stale waivers of a document: those of the waivers file in its folder (or, for a
    waiver file outside every document folder, of every document, so that none goes unseen)."""
    folders = [s.document.folder.rstrip("/") + "/" for s in report.documents]
    mine = summary.document.folder.rstrip("/") + "/"
    return [
        w
        for w in report.stale_waivers
        if w.file.startswith(mine) or not any(w.file.startswith(f) for f in folders)
    ]


def document_findings(
    report: Report, programme: Programme, at: Where | None = None
) -> list[DocumentFindings]:
    """The findings of every document of the report, in the report's order of documents.
    `at` links figures from the GX pages (its root is the site root)."""
    page_at = (at or Where()).at("../" * GX_PAGE_DEPTH)
    ids = [s.document.id for s in report.documents]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise PublishError(f"document ids must be unique to name their validations: {twice}")
    pairs = report.check_documents
    rows_of = (
        {doc: np.sort(group["check"].to_numpy()) for doc, group in pairs.groupby("document")}
        if len(pairs)
        else {}
    )
    verdict = report.table["verdict"].astype(object).to_numpy()
    out = []
    for s in report.documents:
        rows = rows_of.get(s.document.id, np.array([], dtype=np.int64))
        findings = list(report.select(rows[verdict[rows] == Verdict.DISCREPANT.value]))
        stale = stale_of(s, report)
        full = len(rows) == s.counts.get("checks", -1)
        out.append(
            DocumentFindings(
                summary=s,
                run_time=run_time_of(s),
                findings=tuple(findings),
                stale=tuple(stale),
                groups=_group_counts(report, rows, programme, full),
                full=full,
                frame=findings_frame(findings, stale, programme, page_at),
                at=page_at,
            )
        )
    return out
