"""Formula rules: bind each operand by a join on (entity, scope, member, period) and evaluate
the expression over interval columns for every instance of the rule at once."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import numpy as np
import pandas as pd

from validator.engine.checks import Checks, make_checks
from validator.engine.keys import KeySpace, move
from validator.engine.lookup import Binder
from validator.io.dictionary import Dictionary
from validator.model.intervals import Intervals
from validator.model.periods import Period, PeriodType, parse_period
from validator.model.verdict import Kind, Relation
from validator.rules.ast import Abs, BinOp, Expr, Neg, Num, Ref, Transform, is_additive, refs
from validator.rules.rulebook import Rule


class UnknownNode(TypeError):
    """An expression node the evaluator has no rule for (a programming error, never data)."""


def formula_checks(
    rules: list[Rule],
    values: pd.DataFrame,
    d: Dictionary,
    binder: Binder,
    document_keys: dict[str, np.ndarray],
) -> Checks:
    is_level = (values["measure"] == "level").to_numpy()
    levels = values.loc[is_level, ["key_id", "e_c", "s_c", "m_c", "c_c", "p_c", "lo", "hi"]]
    by_concept = dict(tuple(levels.groupby("c_c", sort=False)))
    moves = _PeriodMoves(binder.space)
    parts = []
    for rule in rules:
        code = binder.space.code("concept", np.array([rule.formula.subject.concept], object))[0]
        subject = by_concept.get(code)
        if subject is None or subject.empty:
            continue
        if rule.document is not None:
            subject = subject[subject["key_id"].isin(document_keys.get(rule.document, []))]
        part = _evaluate_rule(rule, subject.reset_index(drop=True), binder, moves, d)
        if part is not None:
            parts.append(part)
    return Checks.concat(parts)


class _PeriodMoves:
    """Period transforms as code-to-code tables, computed once per distinct period."""

    def __init__(self, space: KeySpace):
        self.space = space
        self.cache: dict[tuple[Transform, bool, bool], np.ndarray] = {}

    def table(
        self, ref: Ref, operand: PeriodType, subject: PeriodType, closing: bool
    ) -> np.ndarray:
        to_instant = operand is PeriodType.INSTANT and subject is PeriodType.DURATION
        key = (ref.transform, to_instant, closing)
        if key not in self.cache:
            self.cache[key] = self.space.period_map(
                lambda k: _move(parse_period(k), ref.transform, to_instant, closing).key
            )
        return self.cache[key]


def _move(p: Period, transform: Transform, to_instant: bool, closing: bool) -> Period:
    if transform is Transform.PRIOR:
        p = p.prior()
    if transform is Transform.OPENING or (transform is Transform.AVG and not closing):
        return p.opening_instant()
    return p.end_instant() if to_instant else p


def _evaluate_rule(
    rule: Rule, inst: pd.DataFrame, binder: Binder, moves: _PeriodMoves, d: Dictionary
) -> Checks | None:
    f = rule.formula
    subject_type = d.concepts[f.subject.concept].period
    n = len(inst)
    e, sc, m, p = (inst[k].to_numpy() for k in ("e_c", "s_c", "m_c", "p_c"))
    env: dict[Ref, Intervals] = {}
    stated_any = np.zeros(n, dtype=bool)
    missing: list[tuple[Ref, np.ndarray]] = []
    link_parts = []
    for ref in refs(f.expression):
        concept = d.concepts[ref.concept]
        c = binder.space.code("concept", np.array([ref.concept], dtype=object))[0]
        dims = [
            binder.space.code("dimension", np.array([x], dtype=object))[0]
            for x in concept.dimensions
        ]
        sides = [True, False] if ref.transform is Transform.AVG else [True]
        found = []
        for closing in sides:
            period = move(p, moves.table(ref, concept.period, subject_type, closing))
            hit = binder.find(
                e, sc, m, np.full(n, c, dtype=np.int64), period, [np.int64(x) for x in dims]
            )
            found.append(hit)
            link_parts.append((ref.label(), hit.key_id))
        if len(found) > 1:  # the average of the closing and opening balances
            both = Intervals.of(found[0].lo, found[0].hi) + Intervals.of(found[1].lo, found[1].hi)
            half = both * Intervals.constant(0.5, n)
            lo, hi = half.lo, half.hi
        else:
            lo, hi = found[0].lo, found[0].hi
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
    rows = np.flatnonzero(keep)
    inst = inst.iloc[rows].reset_index(drop=True)
    env = {r: iv.take(rows) for r, iv in env.items()}
    missing = [(r, mask[rows]) for r, mask in missing]
    link_parts = [(label, key[rows]) for label, key in link_parts]

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
    reason = np.where((reason == "") & derived.undefined, UNDEFINED, reason).astype(object)
    base_kind = Kind.SUM if is_additive(f.expression) else Kind.FORMULA
    is_bound = (f.relation != Relation.EQ.value) | derived.unbounded
    anchor = inst["key_id"].to_numpy()
    return make_checks(
        family="formula",
        rule=rule.id,
        kind=np.where(is_bound, Kind.BOUND.value, base_kind.value).astype(object),
        relation=f.relation,
        anchor=anchor,
        stated=Intervals.of(inst["lo"], inst["hi"]),
        derived=derived,
        reason=reason,
        roles=[("stated", anchor.astype(float)), *link_parts],
    )


UNDEFINED = "undefined: a denominator's interval contains zero or a base is not positive"


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
