"""Markdown for a CI job summary ($GITHUB_STEP_SUMMARY): tables of the unacknowledged
discrepancies, the acknowledged ones and the stale waivers.

Every data string is escaped: it can neither break out of its table cell nor become markup,
a link, a mention or HTML in the rendered summary.
"""

from __future__ import annotations

import html
import re
import string

from validator.findings.model import CheckResult, Report
from validator.findings.numbers import fmt, fmt_interval
from validator.report.localised import alternative_text, localised
from validator.report.text import result_line

MAX_ROWS = 200  # a step summary holds at most 1 MiB; the JUnit report has everything
# Line breaks, C0/C1 controls and the bidirectional overrides that could reorder what is read.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
# ASCII punctuation is backslash-escaped (so no emphasis, link, autolink, mention or `|`
# cell break), except what the HTML escape turns into an entity instead.
_MARKDOWN = str.maketrans({c: "\\" + c for c in string.punctuation if c not in "&<>\"'"})


def escape(text: object) -> str:
    """A data string as inert text inside a markdown table cell."""
    flat = _CONTROLS.sub(" ", str(text)).strip()
    return html.escape(flat.translate(_MARKDOWN), quote=True)


def render_markdown(report: Report) -> str:
    t = report.totals
    out = [
        f"## validate\\: {escape(result_line(report).removeprefix('Result: '))}",
        "",
        escape(
            f"{report.facts} facts in {len(report.documents)} documents, {t.get('checks', 0)} "
            f"checks: {t.get('consistent', 0)} consistent, {t.get('discrepant', 0)} discrepant, "
            f"{t.get('waived', 0)} acknowledged, {t.get('not_checkable', 0)} not checkable"
        ),
    ]
    out += _table(
        f"Unacknowledged discrepancies ({len(report.discrepancies)})",
        ["check", "values", "stated", "derived", "misses by", "suspect figure"],
        [_discrepancy(c) for c in report.discrepancies],
    )
    out += _table(
        f"Acknowledged discrepancies ({len(report.waived)})",
        ["check", "values", "reason", "reviewer", "date"],
        [
            [c.id, c.substituted, c.waiver_reason, c.waiver_reviewer, c.waiver_date]
            for c in report.waived
        ],
    )
    out += _table(
        f"Stale waivers ({len(report.stale_waivers)})",
        ["check", "waiver", "why"],
        [
            [w.check_id, f"{w.file}:{w.line}" if w.line else w.file, w.why]
            for w in report.stale_waivers
        ],
    )
    return "\n".join(out) + "\n"


def _discrepancy(c: CheckResult) -> list[str]:
    """A row; the suspect cell lists every alternative (`one of: A | B`) and the proposals."""
    suspect = ""
    loc = localised(c)
    if loc.alternatives:
        texts = [alternative_text(a) for a in loc.alternatives]
        suspect = ("one of: " if loc.tie else "") + " | ".join(texts)
        proposals = [p.text for a in loc.alternatives for p in a.proposals]
        suspect += "".join(f"; proposal: {p}" for p in proposals)
        suspect += "".join(f"; range: {r.text}" for a in loc.alternatives for r in a.ranges)
        if loc.note:
            suspect += f"; located: {loc.note}"
    elif c.suspect is not None:
        f = c.suspect
        suspect = f"{f.concept_zh} {f.value}{f.unit} at {f.file}:{f.line} ({f.location})"
    return [
        c.id,
        c.substituted,
        f"{fmt_interval(*c.stated, c.decimals + 1)} {c.unit}",
        f"{fmt_interval(*c.derived, c.decimals + 2)} {c.unit}",
        f"{fmt(c.miss, c.decimals + 2)} {c.unit}",
        suspect,
    ]


def _table(title: str, header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return []
    out = ["", f"### {escape(title)}", ""]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    out += ["| " + " | ".join(escape(v) for v in row) + " |" for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        out += ["", escape(f"… and {len(rows) - MAX_ROWS} more: see the JUnit report.")]
    return out
