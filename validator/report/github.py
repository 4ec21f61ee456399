"""GitHub Actions workflow commands: an error at the data line of each discrepancy's suspect
figure, notices at the other figures involved, an error at each stale waiver."""

from __future__ import annotations

from validator.findings.model import CheckResult, FactRef, Report
from validator.report.escape import github_data, github_property
from validator.report.text import result_line


def anchor_fact(c: CheckResult) -> FactRef | None:
    """Where to annotate: the suspect figure, else the stated figure, else any."""
    if c.suspect is not None:
        return c.suspect
    stated = [f for f in c.facts if f.role in ("stated", "total")]
    return (stated or list(c.facts))[0] if c.facts else None


def _command(kind: str, file: str | None, line: int | None, title: str, message: str) -> str:
    props = []
    if file:
        props.append(f"file={github_property(file)}")
        if line:
            props.append(f"line={line}")
    props.append(f"title={github_property(title)}")
    return f"::{kind} {','.join(props)}::{github_data(message)}"


def render_github(report: Report) -> str:
    lines = []
    for c in report.discrepancies:
        anchor = anchor_fact(c)
        message = c.message
        if c.suspect is not None:
            message += f"\nSuspect: {c.suspect_reason}"
        if c.proposals:
            message += f"\nProposal: {c.proposals[0].text}"
        lines.append(
            _command(
                "error",
                anchor.file if anchor else None,
                anchor.line if anchor else None,
                f"{c.name_zh}: {c.id}",
                message,
            )
        )
        for f in c.facts:
            if anchor is not None and (f.file, f.line) == (anchor.file, anchor.line):
                continue
            lines.append(
                _command(
                    "notice",
                    f.file,
                    f.line,
                    f"involved in {c.id}",
                    f"{f.concept_zh} {f.value}{f.unit} ({f.role})",
                )
            )
    for w in report.stale_waivers:
        lines.append(_command("error", w.file, w.line, f"stale waiver: {w.check_id}", w.why))
    lines.append(result_line(report))
    return "\n".join(lines) + "\n"
