"""What the localisation found for one discrepancy, shaped for the renderers: the alternative
figure sets (each figure with every place it is printed), the corrections proposed for each,
and the note of the search when it fell back or stopped short.

Every renderer (text, GitHub, markdown, the site) reads this, so that all of them show the same
alternatives, in the same order, and none of them picks one as "the" suspect.
"""

from __future__ import annotations

from dataclasses import dataclass

from validator.findings.types import Check, FactRef, PrintedRange, Proposal

# How a figure is told apart from another: its printings share these fields.
_FIGURE_FIELDS = ("entity", "scope", "period", "concept", "member", "measure", "base", "whole")
_CORROBORATION = "least corroborated figure — "


@dataclass(frozen=True)
class SuspectFigure:
    """One figure of an alternative: its printings, the one to point at first."""

    printings: tuple[FactRef, ...]

    @property
    def first(self) -> FactRef:
        return self.printings[0]

    @property
    def name(self) -> str:
        """`应收账款 2024`, with the member, measure and base or whole when there is one."""
        f = self.first
        member = f" {f.member}" if f.member else ""
        measure = "" if f.measure == "level" else f" {f.measure}"
        extra = f" vs {f.base}" if f.base else (f" of {f.whole}" if f.whole else "")
        return f"{f.concept_zh}{member}{measure} {f.period}{extra}"

    @property
    def literal(self) -> str:
        return f"{self.first.value}{self.first.unit}"

    @property
    def places(self) -> tuple[str, ...]:
        return tuple(f"{p.file}:{p.line}" for p in self.printings)


@dataclass(frozen=True)
class Alternative:
    """One minimal set of figures whose change can repair the discrepancy's group."""

    figures: tuple[SuspectFigure, ...]
    proposals: tuple[Proposal, ...]
    ranges: tuple[PrintedRange, ...] = ()  # for a figure only ever an operand

    @property
    def name(self) -> str:
        return " and ".join(f.name for f in self.figures)


@dataclass(frozen=True)
class Localised:
    alternatives: tuple[Alternative, ...]
    note: str  # the search's note when it fell back, stopped short or was bounded; else ""
    full_note: str  # the search's note as recorded
    corroboration: str  # the evidence of the least corroborated figure, if recorded

    @property
    def tie(self) -> bool:
        return len(self.alternatives) > 1


def _figures(printings: tuple[FactRef, ...], own: set[tuple[str, int]]) -> list[SuspectFigure]:
    """Printings grouped by figure, in order of first appearance; within a figure the printings
    the check itself links come first (that is where a reader of the check looks)."""
    groups: dict[tuple[str, ...], list[FactRef]] = {}
    for p in printings:
        groups.setdefault(tuple(str(getattr(p, k)) for k in _FIGURE_FIELDS), []).append(p)
    return [
        SuspectFigure(tuple(sorted(g, key=lambda p: (p.file, p.line) not in own)))
        for g in groups.values()
    ]


def localised(c: Check) -> Localised:
    own = {(f.file, f.line) for f in c.facts}
    alternatives = []
    for alt in c.suspects:
        places = {(p.file, p.line) for p in alt}
        props = tuple(p for p in c.proposals if (p.file, p.line) in places)
        ranges = tuple(r for r in c.ranges if (r.file, r.line) in places)
        alternatives.append(Alternative(tuple(_figures(alt, own)), props, ranges))
    reason = c.suspect_reason
    at = reason.find(_CORROBORATION)
    corroboration = reason[at:] if at >= 0 else ("" if c.suspects else reason)
    note = fallback_note(c.locate_note)
    return Localised(tuple(alternatives), note, c.locate_note, corroboration)


def fallback_note(note: str) -> str:
    """The note worth showing beside the alternatives: anything but a plain exact search (its
    count of alternatives is shown by the alternatives themselves)."""
    clauses = [x.strip() for x in note.split(";") if x.strip()]
    if clauses and clauses[-1].split(" ", 1)[0].isdigit() and "alternative" in clauses[-1]:
        clauses = clauses[:-1]
    if len(clauses) == 1 and clauses[0].startswith("exact"):
        return ""
    return "; ".join(clauses)


def figure_text(f: SuspectFigure, full: bool = False) -> str:
    """`应收账款 2024 6.31亿元 (data/…/facts.csv:12)`; a figure printed several times names its
    other places (all of them when `full`, else how many)."""
    places = f.places
    if full or len(places) <= 2:
        where = ", ".join(places)
    else:
        more = len(places) - 1
        where = f"{places[0]} and {more} more printing{'s' if more > 1 else ''}"
    return f"{f.name} {f.literal} ({where})"


def alternative_text(a: Alternative, full: bool = False) -> str:
    return " and ".join(figure_text(f, full) for f in a.figures)
