"""HTML fragments of the published findings: every data string escaped, nothing else trusted.

GX renders an unexpected value and an expectation description as raw HTML, so each string that
comes from the data (labels, locations, file names, reasons) is escaped here, once. A `$` is
escaped too: GX substitutes `$name` in description templates.
"""

from __future__ import annotations

from validator.findings.model import CheckResult, FactRef, StaleWaiver
from validator.findings.numbers import fmt, fmt_interval
from validator.model.qualifiers import with_qualifier
from validator.publish.anchors import Where, check_anchor
from validator.publish.svg import miss_svg
from validator.report.escape import html_text
from validator.report.localised import localised


def esc(value: object) -> str:
    """Text as HTML: `<`, `>`, `&`, quotes and `$` escaped, line breaks as spaces, other
    controls and bidi characters as visible escapes."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    return html_text(text).replace("$", "&#36;")


def figure(f: FactRef) -> str:
    """What a fact is a figure of: 研发费用 segment:云安全产品 growth 2024 vs 2023."""
    member = f" {f.member}" if f.member else ""
    measure = "" if f.measure == "level" else f" {f.measure}"
    extra = f" vs {f.base}" if f.base else (f" of {f.whole}" if f.whole else "")
    return f"{f.concept_zh}{member}{measure} {f.period}{extra}"


def literal(f: FactRef) -> str:
    """The printed literal with its qualifier and unit, e.g. 约20%."""
    return with_qualifier(f.qualifier, f.value, f.unit)


def where(f: FactRef) -> str:
    return f"{f.file}:{f.line}"


def printed_at(f: FactRef, at: Where) -> str:
    """Where a figure is printed, linked to its cell in the source view: the document location,
    the line of the source text and the data file and line."""
    src = str(f.src_line or "")
    src_html = f" <span class='vf-src'>source line {esc(src)}</span>" if src else ""
    href = at.source_href(f.document, f.file, f.line)
    location = esc(f.location)
    if href:
        location = f"<a class='vf-at' href='{esc(href)}'>{location}</a>"
    return f"{location}{src_html} <code>{esc(where(f))}</code>"


def stated_literal(c: CheckResult) -> str:
    for role in ("stated", "total"):
        for f in c.facts:
            if f.role == role:
                return literal(f)
    return ""


def _row(label: str, value_html: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<tr{attr}><th>{esc(label)}</th><td>{value_html}</td></tr>"


def _figures_rows(c: CheckResult) -> list[str]:
    d = c.decimals
    unit = esc(c.unit)
    stated = esc(fmt_interval(*c.stated, d + 1))
    lit = stated_literal(c)
    stated_html = f"<b>{esc(lit)}</b> → {stated} {unit}" if lit else f"{stated} {unit}"
    return [
        _row("relation", f"{esc(c.expression)} <span class='vf-muted'>({esc(c.relation)})</span>"),
        _row("values", esc(c.substituted)),
        _row("stated", stated_html),
        _row("derived", f"{esc(fmt_interval(*c.derived, d + 2))} {unit}"),
        _row("misses by", f"<b>{esc(fmt(c.miss, d + 2))} {unit}</b>", "vf-miss"),
    ]


def suspect_html(c: CheckResult, at: Where | None = None) -> str:
    s = c.suspect
    if s is None:
        return ""
    reason = f"; {esc(c.suspect_reason)}" if c.suspect_reason else ""
    return f"<b>{esc(figure(s))}: {esc(literal(s))}</b> — {printed_at(s, at or Where())}{reason}"


def alternatives_html(c: CheckResult, at: Where | None = None) -> str:
    """Every alternative suspect set (never one picked by a tie-break), each figure with every
    place it is printed, and under it the corrections proposed with their evidence and, for a
    figure only ever an operand, the printed values that make its relations consistent."""
    at = at or Where()
    loc = localised(c)
    items = []
    for a in loc.alternatives:
        figures = []
        for f in a.figures:
            first, *also = f.printings
            more = "".join(f"<br>also {printed_at(p, at)}" for p in also)
            figures.append(
                f"<b>{esc(f.name)}: {esc(literal(first))}</b> — {printed_at(first, at)}{more}"
            )
        proposals = "".join(
            f"<div class='vf-proposal'>proposal: {esc(p.text)}</div>" for p in a.proposals
        )
        ranges = "".join(
            f"<div class='vf-proposal'>printed range: {esc(r.text)}</div>" for r in a.ranges
        )
        items.append(f"<li>{' <i>and</i> '.join(figures)}{proposals}{ranges}</li>")
    n = len(loc.alternatives)
    head = f"<div>one of {n}: no other relation tells them apart</div>" if n > 1 else ""
    return f"{head}<ol class='vf-alternatives'>{''.join(items)}</ol>"


def waiver_html(c: CheckResult) -> str:
    who = ", ".join(x for x in (c.waiver_reviewer, c.waiver_date) if x)
    by = f" <span class='vf-muted'>— {esc(who)}</span>" if who else ""
    return f"<b>{esc(c.waiver_reason or '(no reason given)')}</b>{by}"


def facts_table(c: CheckResult, at: Where | None = None) -> str:
    at = at or Where()
    head = "".join(f"<th>{h}</th>" for h in ("role", "figure", "value", "printed at"))
    rows = "".join(
        f"<tr><td>{esc(f.role)}</td><td>{esc(figure(f))}</td><td><b>{esc(literal(f))}</b></td>"
        f"<td>{printed_at(f, at)}</td></tr>"
        for f in c.facts
    )
    return f"<table class='vf-facts'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def finding_html(c: CheckResult, at: Where | None = None, anchor: bool = False) -> str:
    """One discrepancy explained in full, with the picture of its miss; starts with the check
    id so values sort by id. `anchor`: the card is the target of links to this finding."""
    at = at or Where()
    rows = _figures_rows(c)
    loc = localised(c)
    if loc.alternatives:
        label = "suspect figures" if loc.tie else "suspect figure"
        rows.append(_row(label, alternatives_html(c, at), "vf-suspect"))
        if loc.note:
            rows.append(_row("located", f"<span class='vf-muted'>{esc(loc.note)}</span>"))
    elif c.suspect is not None:
        rows.append(_row("suspect figure", suspect_html(c, at), "vf-suspect"))
    if c.waived:
        rows.append(_row("acknowledged", waiver_html(c), "vf-waiver"))
    mark = "vf-finding vf-acknowledged" if c.waived else "vf-finding"
    ident = f" id='{check_anchor(c.id)}'" if anchor else ""
    picture = miss_svg(c)
    picture_html = f"<div class='vf-picture'>{picture}</div>" if picture else ""
    return (
        f"<div class='{mark}'{ident}><div class='vf-id'>{esc(c.id)}</div>"
        f"<div class='vf-name'>{esc(c.name_zh)} · {esc(c.name_en)} "
        f"<span class='vf-kind'>{esc(c.kind)}</span></div>"
        f"<table class='vf-kv'>{''.join(rows)}</table>{picture_html}{facts_table(c, at)}</div>"
    )


def stale_html(w: StaleWaiver) -> str:
    """A waiver that acknowledges nothing: which check, why it is stale, where it is written."""
    line = f":{w.line}" if w.line is not None else ""
    return (
        f"<div class='vf-finding vf-stale'><div class='vf-id'>{esc(w.check_id)}</div>"
        f"<div class='vf-name'>stale waiver: {esc(w.why)}</div><table class='vf-kv'>"
        f"{_row('waiver reason', esc(w.reason))}"
        f"{_row('written in', f'<code>{esc(w.file)}{esc(line)}</code>')}</table></div>"
    )
