"""The check plan: relation templates compiled against the concept dictionary, immutable.

A template says which stated figures it applies to (`stated`), how each operand is found
relative to a stated figure (`operands`), and what must hold between them (`relation`,
`derived`). The compiler (validator/rules/compile.py) builds these from the rulebooks; a backend
(validator/engine/) evaluates them. Nothing here knows about pandas or numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from validator.model.check_id import IdFormat
from validator.model.verdict import Family, Kind, Relation
from validator.rules.ast import Expr, Transform


class MemberRule(StrEnum):
    """Which figures a pattern takes by their member, or how an operand's member is found."""

    ANY = "any"  # pattern: whatever the member
    NONE = "none"  # the figure without member (the whole of an axis)
    MEMBER = "member"  # pattern: a member of an axis, not its printed total
    TOTAL = "total"  # pattern: the printed total of an axis (axis:合计)
    SAME = "same"  # operand: the stated figure's member
    WHOLE = "whole"  # operand: the member named in the stated figure's whole


class Presence(StrEnum):
    ANY = "any"
    EMPTY = "empty"
    PRESENT = "present"


class PeriodRule(StrEnum):
    SAME = "same"  # the stated figure's period
    BASE = "base"  # the period the stated figure compares with


class DimensionRule(StrEnum):
    CONCEPT = "concept"  # the operand concept's dimensions, tried in dictionary order
    STATED = "stated"  # the stated figure's own dimension
    OPERAND = "operand"  # the dimension another operand was found in


class AxisRule(StrEnum):
    COMPLETE = "complete"  # members of an axis whose members partition the whole
    PARTIAL = "partial"  # members of an axis that lists only some of the whole
    SAME = "same"  # members of the axis of the stated printed total


@dataclass(frozen=True)
class Source:
    """Where a template was written: errors and the documentation point here."""

    file: str
    line: int | None
    rulebook: str
    citation: str


@dataclass(frozen=True)
class Pattern:
    """Conditions on a stated figure; None or ANY means no condition."""

    measures: frozenset[str] | None = None
    concepts: frozenset[str] | None = None
    member: MemberRule = MemberRule.ANY
    whole: Presence = Presence.ANY
    dimensions: frozenset[str] | None = None
    nonnegative: bool | None = None  # the concept cannot be negative
    negative: bool | None = None  # the printed literal is negative


@dataclass(frozen=True)
class Binding:
    """How one operand is found for a stated figure: same entity always; the other key fields
    as the rules below say."""

    name: str  # the operand's name in `derived` and its role in the findings
    label: str  # how the relation's text names it
    measure: str = "level"
    concept: str | None = None  # None: the stated concept; WHOLE_CONCEPT: the stated whole's
    scope: MemberRule = MemberRule.SAME  # SAME or WHOLE
    member: MemberRule = MemberRule.SAME  # SAME, WHOLE or NONE
    period: PeriodRule = PeriodRule.SAME
    transform: Transform = Transform.SAME  # formula operands: avg, opening, prior
    keep_base: bool = False  # the operand compares with the same base as the stated figure
    keep_whole: bool = False  # the operand is a share of the same whole
    dimension: DimensionRule = DimensionRule.CONCEPT
    dimension_of: str = ""  # for DimensionRule.OPERAND
    optional: bool = False  # may be unstated: then it ranges over its concept's domain
    nonnegative: bool = False  # the domain of an unstated optional operand is [0, ∞)
    missing: str = ""  # the reason text when it is not stated (fields in braces)


WHOLE_CONCEPT = "@whole"


@dataclass(frozen=True)
class Implication:
    """The inverse of a relation: the interval one operand (`figure`) must lie in, given the
    stated figure and the other operands. A chain (`family: agree`, `grouping: implied`) groups
    the implied intervals of one figure key from every implication and requires a common point."""

    id: str
    inverts: str  # the relation it inverts, named in a chain's explanation
    stated: tuple[Pattern, ...]
    operands: tuple[Binding, ...]
    figure: str  # the operand whose interval is implied
    element: Expr  # the implied interval, over `stated` and the other operands
    positive: tuple[str, ...] = ()  # operands (or `stated`) whose interval must lie above 0
    role: str = ""  # the role of the stated figure in a chain's links
    covered_by: str = ""  # a template that already checks its elements alone (no stated figure)
    line: int | None = None

    def operand(self, name: str) -> Binding:
        for b in self.operands:
            if b.name == name:
                return b
        raise KeyError(name)


@dataclass(frozen=True)
class Template:
    id: str
    zh: str
    en: str
    kind: Kind
    family: Family
    relation: Relation
    stated: tuple[Pattern, ...]
    id_format: IdFormat
    source: Source
    reads: str  # the relation in words, fields in braces ({axis})
    values: str = ""  # the relation with operand values: operand names in braces
    operands: tuple[Binding, ...] = ()
    derived: Expr | None = None
    require: tuple[str, ...] = ()  # operands that must be stated for an instance to exist
    require_any: bool = False  # at least one operand must be stated (formula rules)
    absent: tuple[str, ...] = ()  # operands that must NOT be stated (an unstated whole)
    element: Expr | None = None  # agree family: the value each element implies
    grouping: str = ""  # agree family: statement | whole | implied
    implies: tuple[Implication, ...] = ()  # agree family, grouping implied
    positive: tuple[str, ...] = ()  # operands whose interval must lie above zero
    axis: AxisRule = AxisRule.COMPLETE  # sum family
    bound_when_unbounded: bool = False  # formula rules: an unbounded derived side is a bound
    document: str | None = None  # a document's own rules apply to its figures only
    note: str = ""
    operand_names: tuple[str, ...] = field(default=())

    def operand(self, name: str) -> Binding:
        for b in self.operands:
            if b.name == name:
                return b
        raise KeyError(name)


@dataclass(frozen=True)
class Plan:
    """Every template to evaluate, in a fixed order; ids are unique."""

    templates: tuple[Template, ...]

    def template(self, rule: str) -> Template:
        for t in self.templates:
            if t.id == rule:
                return t
        raise KeyError(rule)
