"""The descriptions GX renders above each expectation of a document's page (trusted HTML).

The committed suite holds each expectation's plain description; for a document's validation it
is extended with the counts, the acknowledged discrepancies and, when GX would cut the list of
failing values, a note that says so and links to the complete findings file.
"""

from __future__ import annotations

from validator.publish.anchors import FINDINGS_PAGE, NOT_CHECKABLE_PAGE, document_page
from validator.publish.findings import GX_PAGE_DEPTH, GX_SHOWN, DocumentFindings, GroupCounts
from validator.publish.history import History
from validator.publish.html import esc, finding_html
from validator.publish.programme import Group
from validator.publish.quiet import QUIET_RUN

FINDINGS_FILE = "findings.json"
PAGE_DEPTH = GX_PAGE_DEPTH


def findings_link() -> str:
    href = "../" * PAGE_DEPTH + FINDINGS_FILE
    return f"<a href='{href}'>{FINDINGS_FILE}</a>"


def _badge(n: int, label: str, cls: str) -> str:
    return f"<span class='vf-badge {cls}'>{n} {esc(label)}</span>"


def review_links(d: DocumentFindings, history: History | None) -> str:
    """Links from a document's GX page to its source view and findings, and what changed."""
    root = "../" * PAGE_DEPTH
    doc = d.summary.document.id
    if doc == QUIET_RUN:
        return (
            f"<div class='vf-review'><a href='{root}{FINDINGS_PAGE}'>all findings</a> · "
            f"<a href='{root}{NOT_CHECKABLE_PAGE}'>not checkable, explained</a></div>"
        )
    links = " · ".join(
        f"<a href='{root}{esc(href)}'>{label}</a>"
        for href, label in (
            (document_page(doc, "source.html"), "source view"),
            (document_page(doc, FINDINGS_PAGE), "findings list and pictures"),
            (NOT_CHECKABLE_PAGE, "not checkable, explained"),
        )
    )
    if history is None:
        return f"<div class='vf-review'>{links}</div>"
    if history.compared(doc):
        n = history.summary(doc, {c.id for c in d.findings})
        since = (
            f"Run {history.run}, since run {history.previous_of[doc]}: {n['new']} new, "
            f"{n['open']} still open, {n['fixed']} fixed."
        )
    else:
        since = f"Run {history.run}: the first run kept for this document."
    return f"<div class='vf-review'>{links}</div><div class='vf-history'>{esc(since)}</div>"


def summary_description(d: DocumentFindings, base: str, history: History | None = None) -> str:
    s, doc = d.summary, d.summary.document
    c = s.counts
    where = " · ".join(
        esc(x)
        for x in (doc.publisher, doc.date, doc.published_at, doc.folder, doc.source_file)
        if x
    )
    badges = " ".join(
        [
            _badge(s.facts, "facts", "vf-plain"),
            _badge(c.get("checks", 0), "relations checked", "vf-plain"),
            _badge(c.get("consistent", 0), "consistent", "vf-ok"),
            _badge(d.discrepant - d.acknowledged, "unacknowledged discrepancies", "vf-bad"),
            _badge(d.acknowledged, "acknowledged", "vf-ack"),
            _badge(c.get("not_checkable", 0), "not checkable", "vf-nc"),
        ]
        + ([_badge(len(d.stale), "stale waivers", "vf-bad")] if d.stale else [])
    )
    notes = "".join(f"<li>{esc(n)}</li>" for n in doc.notes)
    label = (
        "Nothing to review in these documents (no findings, so no pages of their own):"
        if doc.id == QUIET_RUN
        else "Notes of the document:"
    )
    notes_html = f"<div class='vf-notes'>{label}<ul>{notes}</ul></div>" if notes else ""
    return (
        f"<div class='vf-desc'><div class='vf-doc-title'>{esc(doc.entity)} · {esc(doc.title)}</div>"
        f"<div class='vf-muted'>{where}</div><div class='vf-counts'>{badges}</div>"
        f"<div>{esc(base)} Every finding is explained in full in {findings_link()}.</div>"
        f"{review_links(d, history)}{notes_html}</div>"
    )


def _counts_html(g: GroupCounts, full: bool) -> str:
    parts = [
        _badge(g.unacknowledged, "unacknowledged", "vf-bad" if g.unacknowledged else "vf-plain"),
        _badge(g.acknowledged, "acknowledged", "vf-ack" if g.acknowledged else "vf-plain"),
    ]
    if full and g.consistent is not None and g.not_checkable is not None:
        parts += [
            _badge(g.consistent, "consistent", "vf-ok"),
            _badge(g.not_checkable, "not checkable", "vf-nc"),
        ]
        return f"<div class='vf-counts'>{' '.join(parts)}</div>"
    return (
        f"<div class='vf-counts'>{' '.join(parts)} <span class='vf-muted'>consistent and not "
        "checkable relations of this document are counted in the summary above (the report "
        "explains discrepancies only)</span></div>"
    )


def truncation_note(unacknowledged: int) -> str:
    """Say so when GX shows only part of the failing values; empty when it shows them all."""
    if unacknowledged <= GX_SHOWN:
        return ""
    return (
        f"<div class='vf-truncated'>⚠ {unacknowledged} unacknowledged discrepancies: Great "
        f"Expectations lists only the first {GX_SHOWN} (by check id) below; the other "
        f"{unacknowledged - GX_SHOWN} are not on this page. All of them are in "
        f"{findings_link()} and in <code>validate --format json</code>.</div>"
    )


def group_description(group: Group, d: DocumentFindings) -> str:
    g = d.groups[group.column]
    return (
        f"<div class='vf-desc'><div>{esc(group.description)}</div>{_counts_html(g, d.full)}"
        f"{truncation_note(g.unacknowledged)}</div>"
    )


def acknowledged_description(base: str, d: DocumentFindings) -> str:
    waived = d.waived
    listing = "".join(finding_html(c, d.at) for c in waived) or (
        "<div class='vf-muted'>None in this document.</div>"
    )
    return (
        f"<div class='vf-desc'><div>{esc(base)}</div><div class='vf-counts'>"
        f"{_badge(len(waived), 'acknowledged', 'vf-ack' if waived else 'vf-plain')}</div>"
        f"<div class='vf-ack-list'>{listing}</div></div>"
    )


def stale_description(base: str, d: DocumentFindings) -> str:
    n = len(d.stale)
    return (
        f"<div class='vf-desc'><div>{esc(base)}</div><div class='vf-counts'>"
        f"{_badge(n, 'stale waivers', 'vf-bad' if n else 'vf-plain')}</div>"
        f"{truncation_note(n)}</div>"
    )
