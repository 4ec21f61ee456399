"""The explanation of one check: substituted formula, intervals in the stated unit, the miss."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from validator.io.dictionary import Dictionary
from validator.report.numbers import fmt, fmt_interval, in_unit
from validator.rules.ast import Ref, Transform, render
from validator.rules.parser import parse_formula
from validator.rules.rulebook import Rule

if TYPE_CHECKING:
    from validator.report.model import CheckResult, FactRef

_MEASURE_TEMPLATES = {
    "growth": "({current} − {base}) / |{base}|",
    "narrowing": "(|{base}| − |{current}|) / |{base}|",
    "pp_change": "{current} − {base}",
    "abs_change": "{current} − {base}",
    "cagr": "({current} / {base})^(1/n) − 1",
    "share": "{current} / {whole}",
    "growth_from_change": "{change} / |{current} − {change}|",
}
_RELATION_TEXT = {"=": "=", "<=": "≤", ">=": "≥"}


def stated_text(f: FactRef) -> str:
    prefix = {"about": "约", "over": "超过", "under": "低于", "nearly": "近"}.get(f.qualifier, "")
    return f"{prefix}{f.value}{f.unit}"


def explain_check(
    row: Any, refs: tuple[FactRef, ...], d: Dictionary, rules: dict[str, Rule]
) -> CheckResult:
    from validator.report.model import CheckResult, literal_decimals

    stated_facts = [f for f in refs if f.role in ("stated", "total", "part")] or list(refs)
    unit_name = stated_facts[0].unit if stated_facts else ""
    unit = d.units.get(unit_name)
    decimals = literal_decimals([f.value for f in stated_facts]) if stated_facts else 2

    def show(x: float) -> float:
        return in_unit(x, unit.scale) if unit else x

    stated = (show(row.stated_lo), show(row.stated_hi))
    derived = (show(row.derived_lo), show(row.derived_hi))
    miss = show(row.miss) if row.miss == row.miss else float("nan")
    substituted = _substituted(row, refs, rules)
    reason = reason_text(row)
    message = _message(
        row, stated_facts, unit_name, stated, derived, miss, decimals, substituted, reason
    )
    documents = tuple(sorted({f.document for f in refs}))
    return CheckResult(
        id=row.check_id,
        rule=row.rule,
        name_zh=row.name_zh,
        name_en=row.name_en,
        kind=row.kind,
        relation=row.relation,
        verdict=row.verdict,
        entity=row.entity,
        scope=row.scope,
        period=row.period,
        concept=row.concept,
        member=row.member,
        unit=unit_name,
        stated=stated,
        derived=derived,
        miss=miss,
        expression=row.expression,
        substituted=substituted,
        message=message,
        reason=reason,
        facts=refs,
        documents=documents,
        decimals=decimals,
    )


def _first_by_role(refs: tuple[FactRef, ...]) -> dict[str, str]:
    values: dict[str, list[str]] = {}
    for f in refs:
        texts = values.setdefault(f.role, [])
        if stated_text(f) not in texts:
            texts.append(stated_text(f))
    return {role: "|".join(texts) for role, texts in values.items()}


def _substituted(row: Any, refs: tuple[FactRef, ...], rules: dict[str, Rule]) -> str:
    by_role = _first_by_role(refs)
    stated = by_role.get("stated", by_role.get("total", "?"))
    relation = _RELATION_TEXT.get(row.relation, row.relation)
    if row.kind == "duplicate":
        return " = ".join(f"{stated_text(f)}" for f in refs)
    if row.rule in _MEASURE_TEMPLATES:
        text = _MEASURE_TEMPLATES[row.rule].format(
            current=by_role.get("current", "(not stated)"),
            base=by_role.get("base", "(not stated)"),
            whole=by_role.get("whole", "(not stated)"),
            change=by_role.get("change", "(not stated)"),
        )
        return f"{stated} = {text}"
    if row.rule == "shares_imply_one_whole":
        parts = {f.member: stated_text(f) for f in refs if f.role == "part"}
        shares = {f.member: stated_text(f) for f in refs if f.role == "share"}
        return "whole = " + " = ".join(
            f"{parts[m]} / {shares[m]}" for m in sorted(parts) if m in shares
        )
    if row.rule in ("members_sum", "partial_list"):
        members = [stated_text(f) for f in refs if f.role == "member"]
        return f"{stated} {relation} " + " + ".join(members)
    rule = rules.get(row.rule)
    if rule is None:
        return row.expression
    formula = parse_formula(rule.formula.text)
    values = {}
    for key in _refs_of(formula.expression):
        values[key] = by_role.get(
            key.label(), "(not stated)" if not key.optional else "(unstated ≥ 0)"
        )
        if key.transform is Transform.AVG and key.label() in by_role:
            values[key] = f"avg({by_role[key.label()].replace('|', ', ')})"
    return f"{stated} {relation} {render(formula.expression, values)}"


def _refs_of(expr: Any) -> list[Ref]:
    from validator.rules.ast import refs

    return refs(expr)


def reason_text(row: Any) -> str:
    """Why a check is not checkable, in words (measure checks store a short code)."""
    reason = row.reason or ""
    member = f" {row.member}" if row.member else ""
    if reason == "missing:current":
        return f"no stated level of {row.concept}{member} for {row.period}"
    if reason == "missing:base":
        return f"no stated level of {row.concept}{member} for the base {row.base}"
    if reason == "missing:whole":
        return f"no stated level of the whole {row.whole} for {row.period}"
    return reason


def _message(
    row: Any,
    stated_facts: list[FactRef],
    unit: str,
    stated: tuple[float, float],
    derived: tuple[float, float],
    miss: float,
    decimals: int,
    substituted: str,
    reason: str,
) -> str:
    name = f"{row.name_zh} ({row.name_en})"
    where = f"{row.entity} {row.scope} {row.period}" + (f" {row.member}" if row.member else "")
    literal = "|".join(dict.fromkeys(stated_text(f) for f in stated_facts))
    s_int = fmt_interval(*stated, decimals + 1)
    d_int = fmt_interval(*derived, decimals + 2)
    if row.verdict == "not_checkable":
        return f"{name}, {where}: not checkable — {reason or 'an operand is undefined'}"
    relation = _RELATION_TEXT.get(row.relation, "=")
    if row.verdict == "consistent":
        return (
            f"{name}, {where}: stated {literal} {s_int} {relation} derived {d_int} {unit}: "
            f"consistent"
        )
    return (
        f"{name}, {where}: stated {literal} is {s_int} {unit} but the relation gives "
        f"{d_int} {unit}; misses by {fmt(miss, decimals + 2)} {unit} ({substituted})"
    )
