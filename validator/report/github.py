"""GitHub Actions workflow commands: an error at the data line of every alternative suspect figure
of each discrepancy (each saying it is one of N), notices at the other figures involved, an error
at each stale waiver. Without alternatives (localisation did not run), one error at the suspect."""

from __future__ import annotations

from validator.findings.model import CheckResult, FactRef, Report
from validator.report.escape import github_data, github_property
from validator.report.localised import Localised, SuspectFigure, alternative_text, localised
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
        loc = localised(c)
        annotated: set[tuple[str, int]] = set()
        if loc.alternatives:
            for i, a in enumerate(loc.alternatives):
                for f in a.figures:
                    at = f.first
                    annotated.add((at.file, at.line))
                    lines.append(
                        _command("error", at.file, at.line, _title(c, i, len(loc.alternatives)),
                                 _alternative_message(c, loc, i, f))
                    )  # fmt: skip
        else:
            anchor = anchor_fact(c)
            message = c.message
            if c.suspect is not None:
                message += f"\nSuspect: {c.suspect_reason}"
            if c.proposals:
                message += f"\nProposal: {c.proposals[0].text}"
            if loc.note:
                message += f"\nLocated: {loc.note}"
            lines.append(
                _command(
                    "error",
                    anchor.file if anchor else None,
                    anchor.line if anchor else None,
                    f"{c.name_zh}: {c.id}",
                    message,
                )
            )
            if anchor is not None:
                annotated.add((anchor.file, anchor.line))
        for f in c.facts:
            if (f.file, f.line) in annotated:
                continue
            annotated.add((f.file, f.line))
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


def _title(c: CheckResult, i: int, n: int) -> str:
    which = f"suspect {i + 1} of {n}" if n > 1 else "suspect"
    return f"{c.name_zh}: {c.id} ({which})"


def _alternative_message(c: CheckResult, loc: Localised, i: int, f: SuspectFigure) -> str:
    """The discrepancy, then why this line: one of N alternatives (the others named), the
    proposals for this alternative with their evidence, its printed range, the search's note."""
    n = len(loc.alternatives)
    mine = loc.alternatives[i]
    lines = [c.message]
    also = f.places[1:]
    printed = f" (also printed at {', '.join(also)})" if also else ""
    if n > 1:
        others = " | ".join(alternative_text(a) for j, a in enumerate(loc.alternatives) if j != i)
        lines.append(
            f"Suspect: {f.name} {f.literal}{printed} is one of {n} alternatives that no other "
            f"relation tells apart; the others: {others}"
        )
    else:
        lines.append(f"Suspect: {f.name} {f.literal}{printed}, the only alternative")
    if len(mine.figures) > 1:
        lines.append(f"This alternative changes {mine.name} together")
    lines += [f"Proposal: {p.text}" for p in mine.proposals]
    lines += [f"Range: {r.text}" for r in mine.ranges]
    if loc.note:
        lines.append(f"Located: {loc.note}")
    return "\n".join(lines)
