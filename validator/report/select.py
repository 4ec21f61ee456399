"""Narrowing a Report to what an auditor asked for (`--only`, `--kind`, `--document`), before any
renderer sees it. The exit code stays the whole run's.

`kinds` and `documents` set the scope: the summary counts are recounted over it. `only` picks
which outcomes of that scope are listed; the counts still show all four.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from validator.errors import ExitCode, InputError
from validator.model.verdict import Kind
from validator.report.model import CheckResult, DocumentSummary, Report
from validator.report.style import category

CATEGORIES = ("consistent", "discrepant", "acknowledged", "not_checkable")
KINDS = tuple(k.value for k in Kind)


@dataclass(frozen=True)
class Selection:
    only: frozenset[str] = frozenset()  # empty: every outcome
    kinds: frozenset[str] = frozenset()  # empty: every kind
    documents: frozenset[str] = frozenset()  # empty: every document

    @property
    def scoped(self) -> bool:
        """Whether the counts must be recounted (and so every check be in the report)."""
        return bool(self.kinds or self.documents)

    @property
    def empty(self) -> bool:
        return not (self.only or self.scoped)

    def verdicts_needed(self, listed: Iterable[str]) -> frozenset[str] | None:
        """The verdicts a report must explain for this selection, given those the format lists
        anyway; None means every check."""
        if self.scoped or "consistent" in self.only:
            return None
        verdicts = {"not_checkable" if v == "not_checkable" else "discrepant" for v in self.only}
        return frozenset({*listed, *verdicts, "discrepant"})


@dataclass(frozen=True)
class Selected(Report):
    """A Report narrowed by a Selection. `exit_code` is the whole run's; `unlisted_failures`
    counts the failing discrepancies left out, so that no output claims a clean run."""

    selection: Selection = Selection()
    run_exit_code: ExitCode = ExitCode.OK
    unlisted_failures: int = 0

    @property
    def exit_code(self) -> ExitCode:
        return self.run_exit_code


def select(report: Report, selection: Selection) -> Report:
    """The report narrowed to `selection` (the report itself when nothing is selected)."""
    if selection.empty or not report.documents:  # nothing asked, or nothing was checked
        return report
    known = {s.document.id for s in report.documents}
    unknown = sorted(selection.documents - known)
    if unknown:
        raise InputError(
            f"--document {', '.join(unknown)}: no such document (known: {', '.join(sorted(known))})"
        )
    in_scope = [c for c in report.checks if _in_scope(c, selection)]
    listed = tuple(c for c in in_scope if not selection.only or category(c) in selection.only)
    documents = tuple(
        s
        for s in report.documents
        if not selection.documents or s.document.id in selection.documents
    )
    stale = tuple(
        w
        for w in report.stale_waivers
        if not selection.documents or any(_under(w.file, s.document.folder) for s in documents)
    )
    if selection.scoped:
        documents = tuple(_recount(s, in_scope) for s in documents)
        totals = _counts(in_scope)
        facts = sum(s.facts for s in documents)
    else:
        totals, facts = dict(report.totals), report.facts
    listed_ids = {c.id for c in listed}
    unlisted = sum(1 for c in report.discrepancies if c.id not in listed_ids)
    return Selected(documents, listed, facts, totals, stale, selection, report.exit_code, unlisted)


def _in_scope(c: CheckResult, s: Selection) -> bool:
    if s.kinds and str(c.kind) not in s.kinds:
        return False
    return not s.documents or bool(s.documents.intersection(c.documents))


def _counts(checks: Iterable[CheckResult]) -> dict[str, int]:
    counts = {"consistent": 0, "discrepant": 0, "not_checkable": 0, "waived": 0}
    for c in checks:
        outcome = category(c)
        counts["waived" if outcome == "acknowledged" else outcome] += 1
    counts["checks"] = sum(counts.values())
    return counts


def _recount(s: DocumentSummary, checks: list[CheckResult]) -> DocumentSummary:
    mine = [c for c in checks if s.document.id in c.documents]
    return DocumentSummary(s.document, s.facts, _counts(mine))


def _under(file: str, folder: str) -> bool:
    return file == folder or file.startswith(folder.rstrip("/") + "/")
