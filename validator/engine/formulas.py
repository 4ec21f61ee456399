"""Formula rules: bind each operand by a join on (entity, scope, member, period) and evaluate
the expression over interval columns for every instance of the rule at once."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import numpy as np
import pandas as pd

from validator.engine.checks import STR, Checks, judge
from validator.io.dictionary import Dictionary
from validator.model.intervals import Intervals
from validator.model.periods import PeriodType, parse_period
from validator.model.verdict import Kind, Relation
from validator.rules.ast import Abs, BinOp, Expr, Neg, Num, Ref, Transform, is_additive, refs
from validator.rules.rulebook import Rule

_INSTANCE = ["entity", "scope", "member", "period_key"]


class UnknownNode(TypeError):
    """An expression node the evaluator has no rule for (a programming error, never data)."""


def formula_checks(
    rules: list[Rule], values: pd.DataFrame, d: Dictionary, document_keys: dict[str, np.ndarray]
) -> Checks:
    levels = values[values["measure"] == "level"]
    by_concept = {c: g for c, g in levels.groupby("concept", sort=False, observed=True)}
    parts = []
    for rule in rules:
        subject = by_concept.get(rule.formula.subject.concept)
        if subject is None or subject.empty:
            continue
        if rule.document is not None:
            subject = subject[subject["key_id"].isin(document_keys.get(rule.document, []))]
        part = _evaluate_rule(rule, subject.reset_index(drop=True), by_concept, d)
        if part is not None:
            parts.append(part)
    return Checks.concat(parts)


def _target_keys(period_keys: pd.Series, move: Callable[[str], str | None]) -> pd.Series:
    """Apply a period transform to each distinct period key (a loop over distinct periods)."""
    mapping = {p: move(p) for p in pd.unique(period_keys)}
    return period_keys.map(mapping)


def _mover(
    ref: Ref, operand_type: PeriodType, subject_type: PeriodType, closing: bool = True
) -> Callable[[str], str | None]:
    def move(key: str) -> str | None:
        p = parse_period(key)
        if ref.transform is Transform.PRIOR:
            p = p.prior()
        if ref.transform is Transform.OPENING or (ref.transform is Transform.AVG and not closing):
            return p.opening_instant().key
        if operand_type is PeriodType.INSTANT and subject_type is PeriodType.DURATION:
            return p.end_instant().key
        return p.key

    return move


def _lookup(
    inst: pd.DataFrame,
    operand: pd.DataFrame | None,
    target: pd.Series,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """lo, hi, key_id of `operand` at each instance's target period (NaN when not stated)."""
    if operand is None or operand.empty:
        nan = np.full(len(inst), np.nan)
        return nan, nan.copy(), nan.copy()
    left = inst[["entity", "scope", "member"]].assign(
        period_key=target.to_numpy(), _row=np.arange(len(inst))
    )
    right = operand[[*_INSTANCE, "lo", "hi", "key_id"]].drop_duplicates(subset=_INSTANCE)
    merged = left.merge(right, how="left", on=_INSTANCE).sort_values("_row")
    return (
        merged["lo"].to_numpy(float),
        merged["hi"].to_numpy(float),
        merged["key_id"].to_numpy(float),
    )


def _evaluate_rule(
    rule: Rule, inst: pd.DataFrame, by_concept: dict[str, pd.DataFrame], d: Dictionary
) -> Checks | None:
    f = rule.formula
    subject_type = d.concepts[f.subject.concept].period
    n = len(inst)
    env: dict[Ref, Intervals] = {}
    stated_any = np.zeros(n, dtype=bool)
    missing: list[tuple[Ref, np.ndarray]] = []
    link_parts = []
    for ref in refs(f.expression):
        concept = d.concepts[ref.concept]
        operand = by_concept.get(ref.concept)
        sides = [True, False] if ref.transform is Transform.AVG else [True]
        found = []
        for closing in sides:
            target = _target_keys(
                inst["period_key"], _mover(ref, concept.period, subject_type, closing)
            )
            lo, hi, key = _lookup(inst, operand, target)
            found.append((lo, hi, key))
            link_parts.append((ref.label(), key))
        if len(found) > 1:  # the average of the closing and opening balances
            both = Intervals.of(found[0][0], found[0][1]) + Intervals.of(found[1][0], found[1][1])
            half = both * Intervals.constant(0.5, n)
            lo, hi = half.lo, half.hi
        else:
            lo, hi = found[0][0], found[0][1]
        present = ~np.isnan(lo)
        stated_any |= present
        if ref.optional:
            domain_lo = 0.0 if concept.nonnegative else -np.inf
            lo = np.where(present, lo, domain_lo)
            hi = np.where(present, hi, np.inf)
        else:
            missing.append((ref, ~present))
        env[ref] = Intervals.of(lo, hi)
    keep = stated_any
    if not keep.any():
        return None
    inst = inst[keep].reset_index(drop=True)
    env = {r: iv.take(np.flatnonzero(keep)) for r, iv in env.items()}
    missing = [(r, m[keep]) for r, m in missing]
    link_parts = [(label, key[keep]) for label, key in link_parts]

    derived = evaluate(f.expression, env, len(inst))
    reason = np.full(len(inst), "", dtype=object)
    for ref, miss_mask in missing:
        derived = Intervals(
            np.where(miss_mask, np.nan, derived.lo), np.where(miss_mask, np.nan, derived.hi)
        )
        reason = np.where(
            miss_mask & (reason == ""),
            f"not stated: {ref.label()}",
            np.where(miss_mask, reason + f", {ref.label()}", reason),
        )
    stated = Intervals.of(inst["lo"], inst["hi"])
    relation = np.full(len(inst), f.relation, dtype=object)
    verdict, miss = judge(stated, derived, relation)
    undefined_reason = "undefined: a denominator's interval contains zero or a base is not positive"
    reason = np.where((reason == "") & derived.undefined, undefined_reason, reason)
    base_kind = Kind.SUM if is_additive(f.expression) else Kind.FORMULA
    is_bound = (f.relation != Relation.EQ.value) | derived.unbounded
    kind = np.where(is_bound, Kind.BOUND.value, base_kind.value)
    member = ("/" + inst["member"]).where(inst["member"] != "", "")
    check_id = (
        rule.id + ":" + inst["entity"] + "/" + inst["scope"] + "/" + inst["period_label"] + member
    ).astype(STR)
    table = pd.DataFrame(
        {
            "check_id": check_id.to_numpy(),
            "rule": rule.id,
            "name_zh": rule.zh,
            "name_en": rule.en,
            "kind": kind,
            "relation": relation,
            "expression": f.text,
            "entity": inst["entity"].to_numpy(),
            "scope": inst["scope"].to_numpy(),
            "period": inst["period_label"].to_numpy(),
            "concept": f.subject.concept,
            "member": inst["member"].to_numpy(),
            "dimension": inst["dimension"].to_numpy(),
            "stated_lo": stated.lo,
            "stated_hi": stated.hi,
            "derived_lo": derived.lo,
            "derived_hi": derived.hi,
            "verdict": verdict,
            "miss": miss,
            "reason": reason,
        }
    )
    links = [
        pd.DataFrame(
            {"check_id": check_id.to_numpy(), "key_id": inst["key_id"].to_numpy(), "role": "stated"}
        )
    ]
    for label, key in link_parts:
        links.append(pd.DataFrame({"check_id": check_id.to_numpy(), "key_id": key, "role": label}))
    link = pd.concat(links, ignore_index=True).dropna(subset=["key_id"])
    link["key_id"] = link["key_id"].astype("int64")
    return Checks(table, link)


def evaluate(node: Expr, env: dict[Ref, Intervals], n: int) -> Intervals:
    """Evaluate an expression column-wise, dispatching on the node's type."""
    handler = _HANDLERS.get(type(node))
    if handler is None:
        raise UnknownNode(f"no evaluation rule for {type(node).__name__}")
    return handler(node, env, n)


def _num(node: Num, env: dict[Ref, Intervals], n: int) -> Intervals:
    value = Decimal(node.text)
    x = float(value)
    lo = x if Decimal(x) <= value else float(np.nextafter(x, -np.inf))
    hi = x if Decimal(x) >= value else float(np.nextafter(x, np.inf))
    return Intervals(np.full(n, lo), np.full(n, hi))


def _ref(node: Ref, env: dict[Ref, Intervals], n: int) -> Intervals:
    return env[node]


def _neg(node: Neg, env: dict[Ref, Intervals], n: int) -> Intervals:
    return -evaluate(node.operand, env, n)


def _abs(node: Abs, env: dict[Ref, Intervals], n: int) -> Intervals:
    return evaluate(node.operand, env, n).abs()


def _binop(node: BinOp, env: dict[Ref, Intervals], n: int) -> Intervals:
    left, right = evaluate(node.left, env, n), evaluate(node.right, env, n)
    ops = {
        "+": Intervals.__add__,
        "-": Intervals.__sub__,
        "*": Intervals.__mul__,
        "/": Intervals.__truediv__,
        "^": Intervals.__pow__,
    }
    return ops[node.op](left, right)


_HANDLERS: dict[type, Callable[..., Intervals]] = {
    Num: _num,
    Ref: _ref,
    Neg: _neg,
    Abs: _abs,
    BinOp: _binop,
}
