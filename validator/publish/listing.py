"""The findings list: one row per finding, sortable and filterable offline.

The rows are plain HTML (every finding is listed without JavaScript); the inline script of
listing_script only reorders and hides rows. Each row links to the finding explained in full and
shows where its stated and suspect figures are printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from validator.findings.model import CheckResult, FactRef
from validator.findings.numbers import fmt
from validator.publish.anchors import Where
from validator.publish.html import esc, literal, printed_at
from validator.report.localised import localised


@dataclass(frozen=True)
class Listed:
    document: str
    check: CheckResult
    status: str  # new, open, or "" when there is no earlier run to compare with


def stated_fact(c: CheckResult) -> FactRef | None:
    for role in ("stated", "total"):
        for f in c.facts:
            if f.role == role:
                return f
    return c.facts[0] if c.facts else None


def _figure_cell(f: FactRef | None, at: Where) -> str:
    if f is None:
        return "<td></td>"
    return f"<td data-v='{esc(literal(f))}'><b>{esc(literal(f))}</b><br>{printed_at(f, at)}</td>"


def _suspect_cell(c: CheckResult, at: Where) -> str:
    """Every alternative's first figure (`one of 2`), or the single suspect."""
    alternatives = localised(c).alternatives
    if not alternatives:
        return _figure_cell(c.suspect, at)
    figures = [f.first for a in alternatives for f in a.figures]
    n = len(alternatives)
    head = f"<span class='vf-muted'>one of {n}</span><br>" if n > 1 else ""
    cells = "<br>".join(f"<b>{esc(literal(f))}</b> {printed_at(f, at)}" for f in figures)
    return f"<td data-v='{esc(literal(figures[0]))}'>{head}{cells}</td>"


def _options(name: str, label: str, values: list[str]) -> str:
    opts = "".join(f"<option value='{esc(v)}'>{esc(v)}</option>" for v in values)
    all_ = "<option value=''>all</option>"
    return f"<label>{label} <select name='{name}'>{all_}{opts}</select></label>"


def findings_list(rows: list[Listed], at: Where, with_document: bool) -> str:
    """The list as an HTML block (controls hidden until the script shows them)."""
    if not rows:
        return "<div class='vf-muted'>No findings.</div>"
    heads = ["status", *(["document"] if with_document else []), "check", "kind"]
    heads += ["stated figure", "misses by", "suspect figure", "acknowledged"]
    numeric = {"misses by"}
    head = "".join(
        f"<th data-sort='{'num' if h in numeric else 'text'}'>{esc(h)}</th>" for h in heads
    )
    body = []
    for r in rows:
        c = r.check
        ack = "acknowledged" if c.waived else "unacknowledged"
        status = r.status or "—"
        cells = [f"<td class='vf-status vf-status-{esc(status)}'>{esc(status)}</td>"]
        if with_document:
            cells.append(f"<td>{esc(r.document)}</td>")
        cells += [
            f"<td class='vf-id'><a href='{esc(at.finding_href(r.document, c.id))}'>"
            f"{esc(c.id)}</a></td>",
            f"<td>{esc(c.kind)}</td>",
            _figure_cell(stated_fact(c), at),
            f"<td data-v='{c.miss!r}'>{esc(fmt(c.miss, c.decimals + 2))} {esc(c.unit)}</td>",
            _suspect_cell(c, at),
            f"<td>{ack}</td>",
        ]
        body.append(
            f"<tr data-kind='{esc(c.kind)}' data-status='{esc(status)}' data-ack='{ack}'>"
            f"{''.join(cells)}</tr>"
        )
    kinds = sorted({r.check.kind for r in rows})
    statuses = sorted({r.status or "—" for r in rows})
    documents = sorted({r.document for r in rows})
    selects = [
        _options("kind", "kind", kinds),
        _options("status", "status", statuses),
        _options("ack", "acknowledged", ["acknowledged", "unacknowledged"]),
    ]
    if with_document:
        selects.insert(0, _options("document", "document", documents))
        body = [
            b.replace("<tr ", f"<tr data-document='{esc(r.document)}' ", 1)
            for b, r in zip(body, rows, strict=True)
        ]
    controls = (
        "<div class='vf-controls' hidden><label>filter <input name='q' type='search'></label> "
        f"{' '.join(selects)} <span class='vf-count'></span></div>"
    )
    return (
        f"<div class='vf-list'>{controls}<table class='vf-list-table'><thead><tr>{head}</tr>"
        f"</thead><tbody>{''.join(body)}</tbody></table></div>"
    )
