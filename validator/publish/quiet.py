"""Documents with nothing to review: published together, so the site grows with findings.

A document is quiet when it has no discrepancy (acknowledged or not), no stale waiver, and the
run it is compared with had no finding of it either (else its page says what was fixed). A GX
validation costs some 0.2 s whatever its size, and a source view some 30 ms. Up to
`PAGED_QUIET` quiet documents (a small corpus) are published like any other; beyond that, one
validation of the audit programme over an empty findings table stands for all of them, its
summary lists each with its counts, and they get no pages of their own: a site of many clean
documents costs what its findings cost. Its batch
`_quiet` can never be a document's (batch identifiers never begin with `_`), so the history
knows it without reading it, and a quiet document that gains findings later is compared as
usual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from validator.findings.model import DocumentSummary
from validator.model.document import Document
from validator.publish.findings import DocumentFindings, GroupCounts, findings_frame
from validator.publish.history import History
from validator.publish.programme import Programme

QUIET_RUN = "documents-without-findings"  # the run name of their validation
QUIET_BATCH = "_quiet"
PAGED_QUIET = 10  # up to this many quiet documents are published one by one


def is_quiet(d: DocumentFindings, history: History) -> bool:
    doc = d.summary.document.id
    return not d.findings and not d.stale and not history.before.get(doc)


def split_quiet(
    docs: list[DocumentFindings], history: History
) -> tuple[list[DocumentFindings], list[DocumentFindings]]:
    """(documents published one by one, quiet documents published together), each in the
    report's order; nothing is put together while there are at most PAGED_QUIET of them."""
    quiet = [d for d in docs if is_quiet(d, history)]
    if len(quiet) <= PAGED_QUIET:
        return docs, []
    names = {d.run_name for d in quiet}
    return [d for d in docs if d.run_name not in names], quiet


def _summed(groups: Iterable[GroupCounts]) -> GroupCounts:
    groups = list(groups)
    known = all(g.consistent is not None and g.not_checkable is not None for g in groups)
    return GroupCounts(
        discrepant=sum(g.discrepant for g in groups),
        acknowledged=sum(g.acknowledged for g in groups),
        consistent=sum(g.consistent or 0 for g in groups) if known else None,
        not_checkable=sum(g.not_checkable or 0 for g in groups) if known else None,
    )


def quiet_line(d: DocumentFindings) -> str:
    """One quiet document as its summary lists it."""
    s, doc = d.summary, d.summary.document
    c = s.counts
    return (
        f"{doc.id} · {doc.entity} · {doc.title}: {s.facts:,} facts, {c.get('checks', 0):,} "
        f"relations checked, {c.get('consistent', 0):,} consistent, "
        f"{c.get('not_checkable', 0):,} not checkable"
    )


def quiet_findings(quiet: list[DocumentFindings], programme: Programme) -> DocumentFindings:
    """The one validation that stands for every quiet document (`quiet` is not empty)."""
    keys = ("checks", "consistent", "discrepant", "not_checkable", "waived")
    counts = {k: sum(d.summary.counts.get(k, 0) for d in quiet) for k in keys}
    latest = max(d.run_time for d in quiet)
    document = Document(
        id=QUIET_RUN,
        entity=f"{len(quiet):,} documents",
        title="without findings",
        publisher="",
        date=latest.date().isoformat(),
        published_at="",
        source_file="",
        folder="",
        notes=tuple(quiet_line(d) for d in quiet),
    )
    return DocumentFindings(
        summary=DocumentSummary(document, sum(d.summary.facts for d in quiet), counts),
        run_time=dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC),
        findings=(),
        stale=(),
        groups={g.column: _summed(d.groups[g.column] for d in quiet) for g in programme.groups},
        full=all(d.full for d in quiet),
        frame=findings_frame([], [], programme),
        at=quiet[0].at,
    )
