"""Findings: every check of a run, typed, immutable and complete.

The backend fills a columnar table (one row per check, sorted by id), the facts it read and the
links between them (which fact plays which role in which check); review steps add suspects and
waivers. Renderers read only this: `Findings.checks` gives `Check` objects, built on demand from
the table so that a report of ten million checks never holds them all in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import overload

import numpy as np
import pandas as pd

from validator.errors import ExitCode
from validator.findings.build import build_checks
from validator.findings.types import (
    CHECK_COLUMNS,
    FACT_COLUMNS,
    VERDICTS,
    Check,
    CheckResult,
    DocumentSummary,
    FactRef,
    Operand,
    RuleText,
    StaleWaiver,
)
from validator.model.verdict import Verdict

__all__ = [
    "CHECK_COLUMNS",
    "FACT_COLUMNS",
    "VERDICTS",
    "Check",
    "CheckList",
    "CheckResult",
    "DocumentSummary",
    "FactRef",
    "Findings",
    "Operand",
    "Report",
    "RuleText",
    "StaleWaiver",
]


class CheckList(Sequence[Check]):
    """The checks of a Findings, built on demand (and kept) when read."""

    def __init__(self, findings: Findings, rows: np.ndarray):
        self._f, self._rows = findings, np.asarray(rows, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> Check: ...
    @overload
    def __getitem__(self, i: slice) -> list[Check]: ...
    def __getitem__(self, i: int | slice) -> Check | list[Check]:
        if isinstance(i, slice):
            return [self._f.check(int(r)) for r in self._rows[i]]
        return self._f.check(int(self._rows[i]))

    def __iter__(self) -> Iterator[Check]:
        if self._f.prebuilt:
            yield from (self._f.prebuilt[int(r)] for r in self._rows)
            return
        for start in range(0, len(self._rows), 4096):
            f = self._f
            yield from build_checks(
                f.table, f.fact_table, f.links, f.rules, self._rows[start : start + 4096]
            )


@dataclass(frozen=True)
class Findings:
    """The finished result: `table` (CHECK_COLUMNS, sorted by check id), `fact_table`
    (FACT_COLUMNS, one row per stated fact), `links` (check row, fact row, role; in the order a
    check lists its facts), the rules' texts, and a summary per document."""

    table: pd.DataFrame
    fact_table: pd.DataFrame
    links: pd.DataFrame
    rules: Mapping[str, RuleText]
    documents: tuple[DocumentSummary, ...]
    stale_waivers: tuple[StaleWaiver, ...] = ()
    check_documents: pd.DataFrame = field(default_factory=pd.DataFrame)  # check, document
    prebuilt: tuple[Check, ...] = ()  # checks given as objects (findings_from_checks)

    @property
    def facts(self) -> int:
        return len(self.fact_table)

    @property
    def checks(self) -> CheckList:
        return CheckList(self, np.arange(len(self.table)))

    def rows(
        self,
        verdicts: Sequence[str] | None = None,
        waived: bool | None = None,
        kinds: Sequence[str] | None = None,
    ) -> np.ndarray:
        mask = np.ones(len(self.table), dtype=bool)
        if verdicts is not None:
            mask &= self.table["verdict"].isin(list(verdicts)).to_numpy()
        if waived is not None:
            mask &= self.table["waived"].to_numpy() == waived
        if kinds is not None:
            mask &= self.table["kind"].isin(list(kinds)).to_numpy()
        return np.flatnonzero(mask)

    def select(self, rows: np.ndarray) -> CheckList:
        return CheckList(self, rows)

    @property
    def discrepancies(self) -> list[Check]:
        return list(self.select(self.rows([Verdict.DISCREPANT], waived=False)))

    @property
    def waived(self) -> list[Check]:
        return list(self.select(self.rows([Verdict.DISCREPANT], waived=True)))

    def check(self, row: int) -> Check:
        if self.prebuilt:
            return self.prebuilt[row]
        return build_checks(self.table, self.fact_table, self.links, self.rules, np.array([row]))[0]

    def row_of(self, check_id: str) -> int | None:
        pos = np.flatnonzero(self.table["check_id"].to_numpy() == check_id)
        return int(pos[0]) if len(pos) else None

    def to_frame(self) -> pd.DataFrame:
        """One row per check (a copy of the table, verdicts and kinds as strings)."""
        frame = self.table.copy()
        for column in ("kind", "relation", "verdict", "reason"):
            frame[column] = frame[column].astype(str)
        return frame

    def subset(self, rows: np.ndarray) -> Findings:
        """The same findings restricted to some checks (rows kept in order)."""
        rows = np.asarray(rows, dtype=np.int64)
        new = np.full(len(self.table), -1, dtype=np.int64)
        new[rows] = np.arange(len(rows))
        links = self.links[new[self.links["check"].to_numpy()] >= 0]
        links = links.assign(check=new[links["check"].to_numpy()])
        pairs = self.check_documents
        if len(pairs):
            pairs = pairs[new[pairs["check"].to_numpy()] >= 0]
            pairs = pairs.assign(check=new[pairs["check"].to_numpy()])
        return replace(
            self,
            prebuilt=tuple(self.prebuilt[int(r)] for r in rows) if self.prebuilt else (),
            table=self.table.iloc[rows].reset_index(drop=True),
            links=links.sort_values("check", kind="stable").reset_index(drop=True),
            check_documents=pairs,
        )

    @property
    def totals(self) -> dict[str, int]:
        verdict = self.table["verdict"].astype(object).to_numpy()
        waived = self.table["waived"].to_numpy(dtype=bool)
        totals = {v.value: int((verdict == v.value).sum()) for v in VERDICTS}
        totals["waived"] = int((waived & (verdict == Verdict.DISCREPANT.value)).sum())
        totals["discrepant"] -= totals["waived"]
        totals["checks"] = len(verdict)
        return totals

    @property
    def exit_code(self) -> ExitCode:
        verdict = self.table["verdict"].astype(object).to_numpy()
        waived = self.table["waived"].to_numpy(bool)
        failing = ((verdict == Verdict.DISCREPANT.value) & ~waived).any()
        return ExitCode.DISCREPANT if failing or self.stale_waivers else ExitCode.OK


Report = Findings  # the name renderers used before the check plan
