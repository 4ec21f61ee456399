"""Plain-text report: a summary per document, then every discrepancy explained in full."""

from __future__ import annotations

from validator.report.model import CheckResult, Report
from validator.report.numbers import fmt, fmt_interval


def render_text(report: Report, verbose: bool = False) -> str:
    out: list[str] = []
    t = report.totals
    out.append(
        f"validate: {report.facts} facts in {len(report.documents)} documents, "
        f"{t['checks']} checks: {t['consistent']} consistent, {t['discrepant']} "
        f"discrepant, {t['not_checkable']} not checkable"
    )
    out.append("")
    for s in report.documents:
        doc, c = s.document, s.counts
        out.append(f"{doc.entity} · {doc.title}")
        out.append(f"  {doc.publisher}, {doc.date} · {doc.folder}")
        out.append(
            f"  {s.facts} facts, {c['checks']} checks: {c['consistent']} consistent, "
            f"{c['discrepant']} discrepant, {c['not_checkable']} not checkable"
        )
        out.append("")
    shown = [c for c in report.checks if c.verdict == "discrepant"]
    if verbose:
        shown = list(report.checks)
    if shown:
        out.append(f"Discrepancies ({len(report.discrepancies)})" if not verbose else "Checks")
        out.append("")
        for check in shown:
            out.extend(explain_lines(check))
            out.append("")
    n = len(report.discrepancies)
    out.append(
        "Result: no discrepancies"
        if n == 0
        else f"Result: {n} discrepanc{'y' if n == 1 else 'ies'}"
    )
    return "\n".join(out) + "\n"


def explain_lines(c: CheckResult) -> list[str]:
    mark = {"discrepant": "✗", "consistent": "✓", "not_checkable": "?"}[c.verdict]
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
