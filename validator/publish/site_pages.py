"""The project's own pages of the site, written beside GX's: per document its source view and its
findings (listed, explained, pictured, compared with the previous run); across documents every
finding, and every check that is not checkable, grouped by why.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from validator.findings.model import Report
from validator.model.verdict import Verdict
from validator.publish.anchors import (
    FINDINGS_PAGE,
    NOT_CHECKABLE_PAGE,
    Where,
    document_page,
)
from validator.publish.findings import DocumentFindings
from validator.publish.history import History
from validator.publish.html import esc, finding_html, stale_html
from validator.publish.listing import Listed, findings_list
from validator.publish.not_checkable import not_checkable_html
from validator.publish.pages import heading, page, write_page
from validator.publish.source import source_view
from validator.publish.source_html import source_html

DOC_ROOT = "../../"  # documents/<id>/page.html


def history_line(history: History, d: DocumentFindings) -> str:
    doc = d.summary.document.id
    if not history.compared(doc):
        return (
            f"<div class='vf-history'>Run {history.run}: the first run kept for this document; "
            "nothing to compare with.</div>"
        )
    n = history.summary(doc, {c.id for c in d.findings})
    return (
        f"<div class='vf-history'>Run {history.run}, compared with run "
        f"{history.previous_of[doc]}: "
        f"<span class='vf-badge vf-bad'>{n['new']} new</span> "
        f"<span class='vf-badge vf-plain'>{n['open']} still open</span> "
        f"<span class='vf-badge vf-ok'>{n['fixed']} fixed</span></div>"
    )


def _fixed_html(history: History, d: DocumentFindings) -> str:
    doc = d.summary.document.id
    fixed = history.fixed(doc, {c.id for c in d.findings})
    if not fixed:
        return ""
    since = history.previous_of[doc]
    items = "".join(
        f"<li><span class='vf-id'>{esc(i)}</span> <span class='vf-muted'>"
        f"({'acknowledged' if ack else 'unacknowledged'} in run {since})</span></li>"
        for i, ack in fixed
    )
    return (
        f"<section class='vf-fixed'><h5>{esc(doc)}: fixed since run {since} · {len(fixed)}</h5>"
        f"<ul>{items}</ul></section>"
    )


def _listed(history: History, d: DocumentFindings) -> list[Listed]:
    doc = d.summary.document.id
    return [Listed(doc, c, history.status(doc, c.id)) for c in d.findings]


def document_findings_page(
    d: DocumentFindings, history: History, at: Where, gx_page: str, css: str
) -> str:
    doc = d.summary.document
    here = at.at(DOC_ROOT)
    cards = "".join(finding_html(c, here, anchor=True) for c in d.findings)
    stale = "".join(stale_html(w) for w in d.stale)
    links = (
        f"<a href='source.html'>source view</a> · <a href='{DOC_ROOT}{esc(gx_page)}'>audit "
        f"programme result</a> · <a href='{DOC_ROOT}{NOT_CHECKABLE_PAGE}'>not checkable</a>"
    )
    body = (
        heading(f"{esc(doc.entity)} · {esc(doc.title)}", f"{esc(doc.id)} · {links}")
        + history_line(history, d)
        + "<h5>Findings</h5>"
        + findings_list(_listed(history, d), here, with_document=False)
        + (f"<h5>Explained</h5><div class='vf-cards'>{cards}</div>" if cards else "")
        + (f"<h5>Stale waivers</h5>{stale}" if stale else "")
        + _fixed_html(history, d)
    )
    return page(f"Findings · {esc(doc.id)}", DOC_ROOT, body, css, script=bool(d.findings))


def source_page(d: DocumentFindings, facts: pd.DataFrame, css: str) -> str:
    doc = d.summary.document
    view = source_view(doc.id, facts, list(d.findings))
    links = f"<a href='{FINDINGS_PAGE}'>findings of this document</a>"
    sub = " · ".join(esc(x) for x in (doc.id, doc.publisher, doc.date, doc.source_file) if x)
    body = heading(f"Source view · {esc(doc.entity)} · {esc(doc.title)}", f"{sub} · {links}")
    body += source_html(view, list(d.findings))
    return page(f"Source · {esc(doc.id)}", DOC_ROOT, body, css)


def all_findings_page(docs: list[DocumentFindings], history: History, at: Where, css: str) -> str:
    rows = []
    for d in docs:
        doc = d.summary.document
        n = history.summary(doc.id, {c.id for c in d.findings})
        compared = history.compared(doc.id)
        since = history.previous_of.get(doc.id)
        rows.append(
            f"<tr><td><a href='{esc(document_page(doc.id, FINDINGS_PAGE))}'>{esc(doc.id)}</a>"
            f"</td><td>{esc(doc.entity)}</td><td>{since or '—'}</td><td>{len(d.findings)}</td>"
            f"<td>{n['new'] if compared else '—'}</td><td>{n['open'] if compared else '—'}</td>"
            f"<td>{n['fixed'] if compared else '—'}</td>"
            f"<td><a href='{esc(document_page(doc.id, 'source.html'))}'>source view</a></td></tr>"
        )
    since = (
        f"Run {history.run}, each document compared with the latest earlier run that had it"
        if history.previous
        else f"Run {history.run}: no earlier run kept"
    )
    table = (
        "<table class='vf-docs'><thead><tr><th>document</th><th>entity</th>"
        "<th>compared with run</th><th>findings</th>"
        "<th>new</th><th>still open</th><th>fixed</th><th></th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    listed = [r for d in docs for r in _listed(history, d)]
    fixed = "".join(_fixed_html(history, d) for d in docs)
    body = (
        heading("All findings", f"{esc(since)} (runs kept: {len(history.kept)})")
        + table
        + findings_list(listed, at, with_document=True)
        + fixed
    )
    return page("All findings", "", body, css, script=bool(listed))


def not_checkable_page(report: Report, at: Where, css: str) -> str:
    counted = int(report.totals.get(Verdict.NOT_CHECKABLE.value, 0))
    if counted:
        sub = f"{counted:,} checks could not be decided; each names what is missing."
        content = not_checkable_html(report, at)
    else:
        sub, content = "Every check could be decided.", ""
    return page("Not checkable", "", heading("Not checkable", esc(sub)) + content, css)


def write_pages(
    root: Path,
    report: Report,
    docs: list[DocumentFindings],
    history: History,
    at: Where,
    gx_pages: dict[str, str],
    css: str,
) -> None:
    """Every page of the project's own; the source views read the stated facts of the report."""
    facts = report.fact_table
    by_doc = {str(k): g for k, g in facts.groupby("document", observed=True, sort=False)}
    for d in docs:
        doc = d.summary.document.id
        doc_facts = by_doc.get(doc, facts.iloc[0:0])
        write_page(root, document_page(doc, "source.html"), source_page(d, doc_facts, css))
        html = document_findings_page(d, history, at, gx_pages.get(doc, "index.html"), css)
        write_page(root, document_page(doc, FINDINGS_PAGE), html)
    write_page(root, FINDINGS_PAGE, all_findings_page(docs, history, at, css))
    write_page(root, NOT_CHECKABLE_PAGE, not_checkable_page(report, at, css))
