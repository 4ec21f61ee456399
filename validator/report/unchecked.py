"""Why checks could not be checked, and what would unlock them: the missing operand of each
not-checkable check, and the checks grouped by it ("营业总收入 2023 is not stated: 14 relations
wait for it").

Today a check's reason is free text; `missing_operands` is the one place that reads it, so a
structured reason code can replace the parsing here without touching any renderer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from validator.findings.model import CheckResult
from validator.model.periods import Period, PeriodType, parse_period
from validator.model.verdict import Verdict

_NO_LEVEL = re.compile(
    r"^no stated level of (?P<whole>the whole )?(?P<concept>\S+)(?: (?P<member>\S.*?))?"
    r" for (?P<base>the base )?(?P<period>\S+)$"
)
_OPERAND = re.compile(r"^(?:(?P<transform>avg|opening|prior)\()?(?P<concept>[^()?]+)\??\)?$")
NOT_STATED = "an operand is not stated"


@dataclass(frozen=True, order=True)
class Operand:
    """A figure that is not stated and that a check needs."""

    entity: str
    scope: str
    concept: str
    member: str
    period: str
    note: str = ""  # e.g. "opening balance", when the period alone does not say why

    def label(self, names: dict[str, str]) -> str:
        member = f" {self.member}" if self.member else ""
        note = f" ({self.note})" if self.note else ""
        return f"{names.get(self.concept, self.concept)}{member} {self.period}{note}"


@dataclass(frozen=True)
class Hints:
    """What the report's own facts tell about concepts: their Chinese names, and which are
    balances (stated at an instant)."""

    names: dict[str, str] = field(default_factory=dict)
    instants: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Wait:
    """Checks that wait for one missing operand (or, with `operand` None, share one reason)."""

    cause: str
    operand: Operand | None
    checks: tuple[CheckResult, ...]


def hints_of(checks: Iterable[CheckResult], names: dict[str, str] | None = None) -> Hints:
    """`names`: the dictionary's names of concepts, for those no stated figure names."""
    names = dict(names or {})
    instants: set[str] = set()
    for c in checks:
        for f in c.facts:
            names[f.concept] = f.concept_zh
            if _is_instant(f.period):
                instants.add(f.concept)
    return Hints(names, frozenset(instants))


def missing_operands(c: CheckResult, hints: Hints = Hints()) -> tuple[Operand, ...]:
    """The operands a not-checkable check lacks, read from its reason and its facts."""
    reason = c.reason or ""
    if m := _NO_LEVEL.match(reason):
        concept, _, scope = m["concept"].partition("@")
        member = "" if m["whole"] else (m["member"] or "")
        return (Operand(c.entity, scope or c.scope, concept, member, m["period"]),)
    if reason.startswith("not stated: "):
        labels = [x.strip() for x in reason.removeprefix("not stated: ").split(",")]
        found = [_formula_operand(c, label, hints) for label in labels]
        return tuple(op for ops in found for op in ops)
    return ()


def cause_of(c: CheckResult) -> str:
    """The reason a check is grouped under when no operand is named."""
    return c.reason or "an operand is undefined"


def waits(checks: Iterable[CheckResult], hints: Hints | None = None) -> list[Wait]:
    """Not-checkable checks grouped: first by missing operand (most waiting first), then the
    checks with another reason, grouped by it."""
    unchecked = [c for c in checks if c.verdict == Verdict.NOT_CHECKABLE]
    hints = hints or hints_of(unchecked)
    by_operand: dict[Operand, list[CheckResult]] = {}
    by_reason: dict[str, list[CheckResult]] = {}
    for c in unchecked:
        operands = missing_operands(c, hints)
        for op in operands:
            by_operand.setdefault(op, []).append(c)
        if not operands:
            by_reason.setdefault(cause_of(c), []).append(c)
    groups = [Wait(NOT_STATED, op, tuple(cs)) for op, cs in by_operand.items()]
    groups.sort(key=lambda w: (-len(w.checks), w.operand))
    others = [Wait(r, None, tuple(cs)) for r, cs in by_reason.items()]
    others.sort(key=lambda w: (-len(w.checks), w.cause))
    return groups + others


def _formula_operand(c: CheckResult, label: str, hints: Hints) -> tuple[Operand, ...]:
    m = _OPERAND.match(label)
    if not m:
        return (Operand(c.entity, c.scope, label, c.member, c.period),)
    concept, transform = m["concept"], m["transform"]
    period = _period(c.period)
    if period is None:
        return (Operand(c.entity, c.scope, concept, c.member, c.period),)

    def op(p: Period, note: str = "") -> Operand:
        return Operand(c.entity, c.scope, concept, c.member, p.label(), note)

    if transform == "prior":
        return (op(period.prior()),)
    if transform == "opening":
        return (op(period.opening_instant(), "opening balance"),)
    if transform == "avg":
        closing, opening = period.end_instant(), period.opening_instant()
        stated = {f.period for f in c.facts if f.concept == concept}
        wanted = [(closing, "closing balance"), (opening, "opening balance")]
        return tuple(op(p, note) for p, note in wanted if p.label() not in stated)
    if period.type is PeriodType.DURATION and concept in hints.instants:
        return (op(period.end_instant()),)
    return (op(period),)


def _period(text: str) -> Period | None:
    try:
        return parse_period(text)
    except ValueError:
        return None


def _is_instant(text: str) -> bool:
    p = _period(text)
    return p is not None and p.type is PeriodType.INSTANT
