"""Narrowing findings to what an auditor asked for (`--only`, `--kind`, `--document`), before any
renderer sees them. The exit code stays the whole run's.

`kinds` and `documents` set the scope: the summary counts are recounted over it. `only` picks
which outcomes of that scope are listed; the counts still show all four.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from validator.errors import ExitCode, InputError
from validator.findings.model import Findings
from validator.findings.summary import summarise
from validator.model.verdict import Kind, Verdict

CATEGORIES = ("consistent", "discrepant", "acknowledged", "not_checkable")
KINDS = tuple(k.value for k in Kind)


@dataclass(frozen=True)
class Selection:
    only: frozenset[str] = frozenset()  # empty: every outcome
    kinds: frozenset[str] = frozenset()  # empty: every kind
    documents: frozenset[str] = frozenset()  # empty: every document

    @property
    def scoped(self) -> bool:
        return bool(self.kinds or self.documents)

    @property
    def empty(self) -> bool:
        return not (self.only or self.scoped)


@dataclass(frozen=True)
class Selected(Findings):
    """Findings narrowed by a Selection: the checks listed, with the counts of their scope.
    `exit_code` is the whole run's; `unlisted_failures` counts the failing discrepancies left
    out, so that no output claims a clean run."""

    selection: Selection = Selection()
    run_exit_code: ExitCode = ExitCode.OK
    unlisted_failures: int = 0
    scope_totals: dict[str, int] = field(default_factory=dict)
    scope_facts: int = 0

    @property
    def exit_code(self) -> ExitCode:
        return self.run_exit_code

    @property
    def totals(self) -> dict[str, int]:
        return self.scope_totals

    @property
    def facts(self) -> int:
        return self.scope_facts


def outcomes(f: Findings) -> np.ndarray:
    """Each check's outcome: an acknowledged discrepancy is its own."""
    verdict = f.table["verdict"].astype(object).to_numpy()
    waived = f.table["waived"].to_numpy(dtype=bool) & (verdict == Verdict.DISCREPANT.value)
    return np.where(waived, "acknowledged", verdict)


def select(report: Findings, selection: Selection) -> Findings:
    """The findings narrowed to `selection` (the findings themselves when nothing is selected)."""
    if selection.empty or not report.documents:  # nothing asked, or nothing was checked
        return report
    known = {s.document.id for s in report.documents}
    unknown = sorted(selection.documents - known)
    if unknown:
        raise InputError(
            f"--document {', '.join(unknown)}: no such document (known: {', '.join(sorted(known))})"
        )
    n = len(report.table)
    scope = np.ones(n, dtype=bool)
    if selection.kinds:
        scope &= report.table["kind"].astype(object).isin(list(selection.kinds)).to_numpy()
    if selection.documents:
        pairs = report.check_documents
        in_docs = np.zeros(n, dtype=bool)
        if len(pairs):
            mine = pairs["document"].astype(object).isin(list(selection.documents)).to_numpy()
            in_docs[pairs["check"].to_numpy()[mine]] = True
        scope &= in_docs
    kept = tuple(
        s
        for s in report.documents
        if not selection.documents or s.document.id in selection.documents
    )
    scoped = report.subset(np.flatnonzero(scope))
    if selection.scoped:
        scoped = summarise(scoped, tuple(s.document for s in kept))
        documents, facts = scoped.documents, sum(s.facts for s in scoped.documents)
    else:
        documents, facts = kept, report.facts
    outcome = outcomes(scoped)
    listed = (
        np.isin(outcome, list(selection.only)) if selection.only else np.ones(len(outcome), bool)
    )
    shown = scoped.subset(np.flatnonzero(listed))
    failing = (outcomes(report) == Verdict.DISCREPANT.value).sum()
    unlisted = int(failing - (outcomes(shown) == Verdict.DISCREPANT.value).sum())
    stale = tuple(
        w
        for w in report.stale_waivers
        if not selection.documents or any(_under(w.file, s.document.folder) for s in kept)
    )
    base = {f.name: getattr(shown, f.name) for f in fields(Findings)}
    base.update(documents=documents, stale_waivers=stale)
    return Selected(
        **base,
        selection=selection,
        run_exit_code=report.exit_code,
        unlisted_failures=unlisted,
        scope_totals=scoped.totals,
        scope_facts=facts,
    )


def _under(file: str, folder: str) -> bool:
    return file == folder or file.startswith(folder.rstrip("/") + "/")
