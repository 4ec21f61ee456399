"""The words of a check: the relation with its values substituted, why it is not checkable, and
the one-line message. Pure functions of a check's data; nothing is re-parsed or re-evaluated."""

from __future__ import annotations

import math
import re
from typing import Any

from validator.findings.numbers import fmt, fmt_interval
from validator.findings.types import FactRef, RuleText
from validator.model.check_id import IdFormat
from validator.model.qualifiers import with_qualifier
from validator.model.verdict import Reason, Relation, Verdict

_SLOT = re.compile(r"\{([^{}]+)\}")
STATED_ROLES = ("stated", "total", "part")
UNDEFINED = "undefined: a denominator's interval contains zero or a base is not positive"


def stated_text(f: FactRef) -> str:
    return with_qualifier(f.qualifier, f.value, f.unit)


def figures_of(check: Any) -> tuple[str, ...]:
    """The pinned form of a discrepancy's figures: one `role [member] value+unit` per fact
    (sorted; equal figures of different facts each count), so that changing any one of them,
    even to the value of another, unpins the waiver."""
    return tuple(
        sorted(
            f"{f.role} {f.member + ' ' if f.member else ''}{stated_text(f)}" for f in check.facts
        )
    )


def _by_role(facts: tuple[FactRef, ...]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for f in facts:
        texts = values.setdefault(f.role, [])
        if stated_text(f) not in texts:
            texts.append(stated_text(f))
    return values


def substituted(
    rule: RuleText, relation: Relation, facts: tuple[FactRef, ...], expression: str
) -> str:
    """The relation with the printed figures in place of its operands."""
    by_role = _by_role(facts)
    stated = "|".join(by_role.get("stated", by_role.get("total", ["?"])))
    if rule.grouping == "statement":
        return " = ".join(stated_text(f) for f in facts)
    if rule.grouping == "whole":
        parts = {f.member: stated_text(f) for f in facts if f.role == "part"}
        shares = {f.member: stated_text(f) for f in facts if f.role == "share"}
        return "whole = " + " = ".join(
            f"{parts[m]} / {shares[m]}" for m in sorted(parts) if m in shares
        )
    if rule.family == "sum":
        members = [stated_text(f) for f in facts if f.role == "member"]
        return f"{stated} {relation.symbol} " + " + ".join(members)
    if rule.family == "composition":
        return _composition(rule, relation, facts, by_role)
    if not rule.values:
        return expression
    operands = {o.name: o for o in rule.operands}

    def fill(m: re.Match[str]) -> str:
        name = m[1]
        texts = by_role.get(name)
        if texts and name.startswith("avg("):  # the closing and opening balances
            return f"avg({', '.join(texts)})"
        if texts:
            return "|".join(texts)
        o = operands.get(name)
        return "(unstated ≥ 0)" if o is not None and o.optional else "(not stated)"

    return f"{stated} {relation.symbol} {_SLOT.sub(fill, rule.values)}"


def _composition(
    rule: RuleText, relation: Relation, facts: tuple[FactRef, ...], by_role: dict[str, list[str]]
) -> str:
    """Every slot as printed; a share list's whole is 100%."""
    if rule.grouping == "item":
        slots = [stated_text(f) for f in facts if f.role == "slot"]
        return f"{' + '.join(slots)} = {slots[0] if slots else '?'} (listed {len(slots)} times)"
    whole = "|".join(by_role.get("total", [])) or "100%"
    members = [stated_text(f) for f in facts if f.role == "member"]
    return f"{whole} {relation.symbol} " + " + ".join(members)


def reason_text(rule: RuleText, code: str, missing: tuple[str, ...], fields: dict[str, str]) -> str:
    """Why a check is not checkable, in words."""
    if code == Reason.UNDEFINED:
        return UNDEFINED
    if code != Reason.MISSING or not missing:
        return ""
    operands = {o.name: o for o in rule.operands}
    first = operands.get(missing[0])
    if first is not None and first.missing:
        return IdFormat.parse(first.missing).one(**fields)
    labels = [operands[m].label if m in operands else m for m in missing]
    return "not stated: " + ", ".join(labels)


def message(
    name: str,
    where: str,
    verdict: Verdict,
    relation: Relation,
    literal: str,
    unit: str,
    stated: tuple[float, float],
    derived: tuple[float, float],
    miss: float,
    decimals: int,
    values: str,
    reason: str,
) -> str:
    s_int = fmt_interval(*stated, decimals + 1)
    d_int = fmt_interval(*derived, decimals + 2)
    if verdict is Verdict.NOT_CHECKABLE:
        return f"{name}, {where}: not checkable — {reason or 'an operand is undefined'}"
    if verdict is Verdict.CONSISTENT:
        return (
            f"{name}, {where}: stated {literal} {s_int} {relation.symbol} derived {d_int} {unit}: "
            f"consistent"
        )
    shown = fmt(miss, decimals + 2) if not math.isnan(miss) else "undefined"
    return (
        f"{name}, {where}: stated {literal} is {s_int} {unit} but the relation gives "
        f"{d_int} {unit}; misses by {shown} {unit} ({values})"
    )
