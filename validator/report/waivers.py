"""Applying waivers to a report: acknowledge exactly the discrepancies they pin, and list every
waiver that no longer matches one as stale."""

from __future__ import annotations

from dataclasses import replace

from validator.io.waivers import (
    PLACEHOLDER,
    PLACEHOLDER_DATE,
    PLACEHOLDER_REASON,
    Waiver,
)
from validator.report.explain import stated_text
from validator.report.model import CheckResult, StaleWaiver


def figures_of(check: CheckResult) -> tuple[str, ...]:
    """The pinned form of a discrepancy's figures: sorted `role value+unit` strings."""
    return tuple(sorted({f"{f.role} {stated_text(f)}" for f in check.facts}))


def apply_waivers(
    checks: list[CheckResult], waivers: list[Waiver]
) -> tuple[list[CheckResult], list[StaleWaiver]]:
    by_id = {w.check: w for w in waivers}
    used: set[str] = set()
    stale: list[StaleWaiver] = []
    out = []
    for check in checks:
        waiver = by_id.get(check.id)
        if waiver is None or check.verdict != "discrepant":
            out.append(check)
            continue
        used.add(check.id)
        now = figures_of(check)
        if tuple(sorted(set(waiver.figures))) != now:
            stale.append(
                StaleWaiver(
                    check.id,
                    waiver.reason,
                    waiver.file,
                    waiver.line,
                    "the figures changed: the waiver pins "
                    + "; ".join(sorted(set(waiver.figures)))
                    + " but the discrepancy now involves "
                    + "; ".join(now),
                )
            )
            out.append(check)
            continue
        out.append(
            replace(
                check,
                waived=True,
                waiver_reason=waiver.reason,
                waiver_reviewer=waiver.reviewer,
                waiver_date=waiver.date,
            )
        )
    for waiver in waivers:
        if waiver.check not in used:
            stale.append(
                StaleWaiver(
                    waiver.check,
                    waiver.reason,
                    waiver.file,
                    waiver.line,
                    "no discrepancy has this id any more (the relation is consistent now, or the "
                    "check no longer exists): remove the waiver",
                )
            )
    return out, sorted(stale, key=lambda s: (s.file, s.line or 0, s.check_id))


def waiver_template(checks: list[CheckResult], reviewer: str = "", date: str = "") -> str:
    """YAML entries for unacknowledged discrepancies, for a reviewer to complete."""
    lines = ["waivers:"]
    for c in checks:
        if c.verdict != "discrepant" or c.waived:
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
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
