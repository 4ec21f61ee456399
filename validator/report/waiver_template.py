"""`--waiver-template`: waivers.yaml entries for the unacknowledged discrepancies, for a reviewer
to verify against the source and complete."""

from __future__ import annotations

from validator.findings.explain import figures_of
from validator.findings.model import Check
from validator.io.waivers import PLACEHOLDER, PLACEHOLDER_DATE, PLACEHOLDER_REASON
from validator.model.verdict import Verdict
from validator.report.escape import needs_escape


def waiver_template(checks: list[Check], reviewer: str = "", date: str = "") -> str:
    """YAML entries for unacknowledged discrepancies, for a reviewer to complete."""
    lines = ["waivers:"]
    for c in checks:
        if c.verdict != Verdict.DISCREPANT or c.waived:
            continue
        lines.append(f"  - check: {_quote(c.id)}")
        lines.append("    reason: >-")
        lines.append(f"      {PLACEHOLDER_REASON}")
        lines.append(f"    reviewer: {_quote(reviewer or PLACEHOLDER)}")
        lines.append(f"    date: {_quote(date or PLACEHOLDER_DATE)}")
        lines.append("    figures:")
        lines += [f"      - {_quote(x)}" for x in figures_of(c)]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """A YAML double-quoted scalar: backslash, quote and every control escaped."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(f"\\u{ord(ch):04x}" if needs_escape(ch) else ch for ch in body) + '"'
