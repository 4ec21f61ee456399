"""The types a check is made of: figures with their roles, rule texts, checks, summaries."""

from __future__ import annotations

from dataclasses import dataclass

from validator.model.document import Document
from validator.model.verdict import Kind, Reason, Relation, Verdict

VERDICTS = (Verdict.CONSISTENT, Verdict.DISCREPANT, Verdict.NOT_CHECKABLE)
# The columns of Findings.table, in order (see docs/architecture.md).
CHECK_COLUMNS = [
    "check_id", "rule", "kind", "relation", "verdict", "reason", "missing", "entity", "scope",
    "period", "concept", "member", "base", "whole", "whole_concept", "axis", "target", "unit",
    "decimals", "stated_lo", "stated_hi", "derived_lo", "derived_hi", "miss", "expression",
    "waived", "waiver_reason", "waiver_reviewer", "waiver_date", "suspect", "suspect_reason",
    "printings",
]  # fmt: skip
# Columns a review step adds to Findings.table (absent until it runs; readers use defaults):
# `suspects` (a tuple of alternative figure sets, each a tuple of fact rows), `proposals` (a
# tuple of Proposal), `locate_note` (how the sets were found, or why they were not), `ranges`
# (a tuple of PrintedRange: for a suspect figure that is only an operand, the printed values
# that make all its relations consistent).
REVIEW_COLUMNS = ["suspects", "proposals", "locate_note", "ranges"]
FACT_COLUMNS = [
    "entity", "scope", "period", "concept", "concept_zh", "member", "measure", "base", "whole",
    "qualifier", "value", "unit", "document", "location", "src_line", "file", "line", "key",
]  # fmt: skip


@dataclass(frozen=True)
class FactRef:
    """One stated figure as a check shows it, with the role it plays there."""

    entity: str
    scope: str
    period: str
    concept: str
    concept_zh: str
    member: str
    measure: str
    base: str
    whole: str
    qualifier: str
    value: str  # the literal as printed
    unit: str
    document: str
    location: str
    file: str
    line: int
    role: str
    src_line: str = ""
    fact: int = -1  # row of Findings.fact_table


@dataclass(frozen=True)
class Proposal:
    """A correction of one printed literal at typographic distance one, with its evidence."""

    fact: int  # row of Findings.fact_table whose literal it replaces
    literal: str  # as printed
    unit: str
    corrected: str  # the proposed literal
    corrected_unit: str
    slip: str  # which slip it undoes (review.typos.Slip)
    evidence: str  # what holds once it is applied
    file: str = ""
    line: int = 0

    @property
    def text(self) -> str:
        unit = f" {self.corrected_unit}" if self.corrected_unit != self.unit else ""
        return (
            f"{self.literal} → {self.corrected}{unit} ({self.slip}) at {self.file}:{self.line}: "
            f"{self.evidence}"
        )


@dataclass(frozen=True)
class PrintedRange:
    """The printed values (at the figure's digits, in its unit) that would make every relation
    of a suspect figure consistent, each end verified by evaluating the relations again."""

    fact: int  # row of Findings.fact_table: the printing the range is given for
    literal: str  # as printed
    unit: str
    lo: str  # the smallest printed literal that makes every relation hold
    hi: str  # the largest
    file: str = ""
    line: int = 0
    figure: str = ""  # the figure's name, e.g. 研发费用 2023

    @property
    def text(self) -> str:
        span = self.lo if self.lo == self.hi else f"[{self.lo}, {self.hi}]"
        only = "only " if self.lo == self.hi else ""
        return (
            f"{self.figure} {self.literal}{self.unit} at {self.file}:{self.line}: {only}printed "
            f"{span} {self.unit} makes every relation of it consistent"
        )


@dataclass(frozen=True)
class Operand:
    """How a rule's text names one operand, and what to say when it is not stated."""

    name: str
    label: str
    optional: bool = False
    missing: str = ""


@dataclass(frozen=True)
class RuleText:
    """What the findings say about a rule: names, the relation in words, the relation with
    values (operand names in braces), its family and its source."""

    id: str
    zh: str
    en: str
    family: str
    reads: str
    values: str
    operands: tuple[Operand, ...] = ()
    source: str = ""
    grouping: str = ""


@dataclass(frozen=True)
class Check:
    """One relation instance with its verdict, explained."""

    id: str
    rule: str
    name_zh: str
    name_en: str
    kind: Kind
    relation: Relation
    verdict: Verdict
    entity: str
    scope: str
    period: str
    concept: str
    member: str
    unit: str
    stated: tuple[float, float]
    derived: tuple[float, float]
    miss: float
    expression: str
    substituted: str
    message: str
    reason: str  # why it is not checkable, in words
    facts: tuple[FactRef, ...]
    documents: tuple[str, ...]
    decimals: int
    waived: bool = False
    waiver_reason: str = ""
    waiver_reviewer: str = ""
    waiver_date: str = ""
    suspect: FactRef | None = None
    suspect_reason: str = ""
    reason_code: Reason = Reason.NONE
    missing: tuple[str, ...] = ()  # the operands not stated (their labels)
    base: str = ""
    whole: str = ""
    row: int = -1  # row of Findings.table
    printings: str = ""  # for a figure printed differently: which printing the relation fits
    # Error localisation: every minimal set of figures whose change can make the discrepancy's
    # group of relations consistent (each figure by its printed facts), the corrections found,
    # and how the sets were found (or why not).
    suspects: tuple[tuple[FactRef, ...], ...] = ()
    proposals: tuple[Proposal, ...] = ()
    locate_note: str = ""
    ranges: tuple[PrintedRange, ...] = ()


CheckResult = Check  # the name renderers used before the check plan


@dataclass(frozen=True)
class DocumentSummary:
    document: Document
    facts: int
    counts: dict[str, int]


@dataclass(frozen=True)
class StaleWaiver:
    """A waiver that no longer matches a discrepancy: it fails validation."""

    check_id: str
    reason: str
    file: str
    line: int | None
    why: str
