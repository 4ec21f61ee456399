"""Plain-text report: a summary per document, then every discrepancy explained in full."""

from __future__ import annotations

from validator.findings.model import CheckResult, Report
from validator.findings.numbers import fmt, fmt_interval
from validator.report.escape import no_command_lines, terminal


def render_text(report: Report, verbose: bool = False, quiet: bool = False) -> str:
    """`quiet`: only what fails (discrepancies, stale waivers) and the result line."""
    out: list[str] = []
    if not report.documents:
        return "validate: no document to check (none changed)\n"
    # Each line is built from fixed text and data; terminal() shows any control, escape
    # sequence, bidi or zero-width character in the data (and any newline) as a visible
    # escape, so that data can neither drive the terminal nor start a line (`::error`).
    if not quiet:
        out.extend(_summary(report))
    shown = list(report.checks) if verbose else report.discrepancies
    if shown:
        out.append("Checks" if verbose else f"Discrepancies ({len(report.discrepancies)})")
        out.append("")
        for check in shown:
            out.extend(explain_lines(check))
            out.append("")
    if report.waived and not verbose and not quiet:
        out.append(f"Acknowledged discrepancies ({len(report.waived)})")
        out.append("")
        for c in report.waived:
            out.append(f"≈ {c.id}")
            out.append(f"  {c.message}")
            out.append(
                f"  acknowledged by {c.waiver_reviewer} on {c.waiver_date}: {c.waiver_reason}"
            )
            out.append("")
    if report.stale_waivers:
        out.append(f"Stale waivers ({len(report.stale_waivers)})")
        out.append("")
        for w in report.stale_waivers:
            where = f"{w.file}:{w.line}" if w.line else w.file
            out.append(f"✗ {where}: waiver for {w.check_id}")
            out.append(f"  {w.why}")
            out.append("")
    out.append(result_line(report))
    return no_command_lines("\n".join(terminal(line) for line in out)) + "\n"


def _summary(report: Report) -> list[str]:
    t = report.totals
    out = [
        f"validate: {report.facts} facts in {len(report.documents)} documents, "
        f"{t['checks']} checks: {t['consistent']} consistent, {t['discrepant']} discrepant, "
        f"{t.get('waived', 0)} acknowledged, {t['not_checkable']} not checkable",
        "",
    ]
    for s in report.documents:
        doc, c = s.document, s.counts
        out.append(f"{doc.entity} · {doc.title}")
        out.append(f"  {doc.publisher}, {doc.date} · {doc.folder}")
        out.append(
            f"  {s.facts} facts, {c['checks']} checks: {c['consistent']} consistent, "
            f"{c['discrepant']} discrepant, {c.get('waived', 0)} acknowledged, "
            f"{c['not_checkable']} not checkable"
        )
        out.append("")
    return out


def result_line(report: Report) -> str:
    n, s, w = len(report.discrepancies), len(report.stale_waivers), len(report.waived)
    parts = []
    if n:
        parts.append(f"{n} discrepanc{'y' if n == 1 else 'ies'}")
    if s:
        parts.append(f"{s} stale waiver{'s' if s != 1 else ''}")
    acknowledged = f" ({w} acknowledged)" if w else ""
    if not parts:
        return f"Result: no unacknowledged discrepancies{acknowledged}"
    return "Result: " + ", ".join(parts) + acknowledged


def explain_lines(c: CheckResult) -> list[str]:
    """The explanation of a check, one line per item, with data not yet escaped (each
    renderer escapes for its format)."""
    mark = {"discrepant": "✗", "consistent": "✓", "not_checkable": "?"}[c.verdict]
    if c.waived:
        mark = "≈"
    lines = [f"{mark} {c.id}", f"  {c.name_zh} · {c.name_en}  [{c.kind}]"]
    lines.append(f"  relation:  {c.expression}")
    lines.append(f"  values:    {c.substituted}")
    if c.verdict == "not_checkable":
        lines.append(f"  not checkable: {c.reason}")
    else:
        lines.append(f"  stated:    {fmt_interval(*c.stated, c.decimals + 1)} {c.unit}")
        lines.append(f"  derived:   {fmt_interval(*c.derived, c.decimals + 2)} {c.unit}")
        if c.verdict == "discrepant":
            lines.append(f"  misses by: {fmt(c.miss, c.decimals + 2)} {c.unit}")
    if c.printings:
        lines.append(f"  printings: {c.printings}")
    if c.suspect is not None:
        f = c.suspect
        lines.append(
            f"  suspect:   {f.concept_zh} {f.value}{f.unit} at {f.file}:{f.line} ({f.location})"
        )
        lines.append(f"             {c.suspect_reason}")
    if c.waived:
        lines.append(f"  acknowledged by {c.waiver_reviewer} on {c.waiver_date}: {c.waiver_reason}")
    lines.append("  facts:")
    for f in c.facts:
        member = f" {f.member}" if f.member else ""
        extra = f" vs {f.base}" if f.base else (f" of {f.whole}" if f.whole else "")
        measure = "" if f.measure == "level" else f" {f.measure}"
        lines.append(
            f"    {f.role:<10} {f.concept_zh}{member}{measure} {f.period}{extra}: "
            f"{f.value}{f.unit} — {f.location} ({f.file}:{f.line})"
        )
    return lines
