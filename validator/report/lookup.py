"""Finding what an auditor asks about in a Report: a check by its id, a figure by its data line
or by concept and period, and every check a figure takes part in."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from validator.errors import InputError
from validator.findings.model import CheckResult, FactRef, Report


@dataclass(frozen=True)
class Involvement:
    """One check a figure takes part in, and the role it plays there."""

    check: CheckResult
    role: str


def find_check(report: Report, check_id: str) -> CheckResult:
    for c in report.checks:
        if c.id == check_id:
            return c
    ids = [c.id for c in report.checks]
    close = difflib.get_close_matches(check_id, ids, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(x) for x in close)}?" if close else ""
    raise InputError(f"no check has the id {check_id!r}{hint}")


def figures_at(report: Report, file: str, line: int) -> list[FactRef]:
    """The figure stated at FILE:LINE (FILE as shown in the report, or any path to it)."""
    target = Path(file).resolve()
    files = {f.file for c in report.checks for f in c.facts}
    if not any(Path(x).resolve() == target for x in files):
        raise InputError(f"{file}: not a facts file of a checked document")
    return _distinct(
        f
        for c in report.checks
        for f in c.facts
        if f.line == line and Path(f.file).resolve() == target
    )


def figures_named(
    report: Report, concept: str, period: str, entity: str | None = None
) -> list[FactRef]:
    """Figures of a concept (its id or its Chinese name) in a period, of one entity if given."""
    return _distinct(
        f
        for c in report.checks
        for f in c.facts
        if concept in (f.concept, f.concept_zh)
        and f.period == period
        and (entity is None or f.entity == entity)
    )


def involvements(report: Report, figure: FactRef) -> list[Involvement]:
    """Every check the figure (the same data line) takes part in, in id order."""
    found = []
    for c in report.checks:
        roles = [f.role for f in c.facts if (f.file, f.line) == (figure.file, figure.line)]
        if roles:
            found.append(Involvement(c, "/".join(dict.fromkeys(roles))))
    return found


def _distinct(facts) -> list[FactRef]:
    seen: dict[tuple[str, int], FactRef] = {}
    for f in facts:
        seen.setdefault((f.file, f.line), f)
    return sorted(seen.values(), key=lambda f: (f.file, f.line))
