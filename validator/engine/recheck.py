"""Exact re-decision of the close calls.

Float bounds are widened outward, so a float `discrepant` is certain, but a float `consistent`
whose overlap is within float error of nothing might be a real miss hidden by the widening (a
total printed to four decimals against two 11-digit members). Those checks — few: their slack
is below 2^-40 of the largest magnitude involved — are re-decided here in exact rational
arithmetic from the printed literals (validator/model/exact.py), batch by batch.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

import numpy as np
import pandas as pd

from validator.engine.checks import VERDICTS, Checks
from validator.io.dictionary import Dictionary
from validator.model.exact import UNDEFINED, ExactInterval, Undefined, ge_miss, le_miss
from validator.model.exact import overlap_miss as exact_overlap_miss
from validator.model.exact import power as exact_power
from validator.model.exact_literals import literal_interval
from validator.model.verdict import Family, Relation, Verdict
from validator.rules.ast import Abs, BinOp, Expr, Neg, Num, Ref, Sign, refs
from validator.rules.plan import Plan, Template

# The same statements recur in every re-evaluation of the review (each candidate copies the
# facts around it) and within a corpus ("0.00", the same total printed twice): the exact
# interval of a literal is a pure function of what is printed, computed once a process.
_interval = lru_cache(maxsize=1 << 14)(literal_interval)


@lru_cache(maxsize=256)
def _scale(mantissa: int, exponent: int) -> Fraction:
    return Fraction(mantissa) * Fraction(10) ** exponent

SIDES = ("stated_lo", "stated_hi", "derived_lo", "derived_hi")
TIGHT = 2.0**-40  # slack, relative to the largest magnitude, under which a check is re-decided
Exact = ExactInterval | Undefined


def close_calls(lean: Checks, values: pd.DataFrame) -> np.ndarray:
    """Rows of consistent checks whose slack is within float error of a miss."""
    t = lean.table
    if t.empty:
        return np.array([], dtype=np.int64)
    s_lo, s_hi = t["stated_lo"].to_numpy(float), t["stated_hi"].to_numpy(float)
    d_lo, d_hi = t["derived_lo"].to_numpy(float), t["derived_hi"].to_numpy(float)
    relation = t["relation"]
    with np.errstate(invalid="ignore"):
        overlap = np.minimum(s_hi, d_hi) - np.maximum(s_lo, d_lo)
        slack = np.select(
            [_is(relation, Relation.GE.value), _is(relation, Relation.LE.value)],
            [s_hi - d_lo, d_hi - s_lo],
            overlap,
        )
    bounds = np.stack([s_lo, s_hi, d_lo, d_hi])
    magnitude = np.nanmax(np.where(np.isfinite(bounds), np.abs(bounds), 0.0), axis=0)
    links = lean.links
    if len(links):
        lo, hi = values["lo"].to_numpy(), values["hi"].to_numpy()
        k = links["key_id"].to_numpy()
        mag = np.maximum(
            np.where(np.isfinite(lo[k]), np.abs(lo[k]), 0.0),
            np.where(np.isfinite(hi[k]), np.abs(hi[k]), 0.0),
        )
        per_check = np.zeros(len(t))
        np.add.at(per_check, links["check"].to_numpy(), mag)  # Σ|operands| bounds a sum's error
        # Only a sum compares in its operands' unit; a ratio's operands are in another unit.
        additive = _is(t["kind"], "sum") | _is(t["kind"], "partial_sum")
        magnitude = np.where(additive, np.maximum(magnitude, per_check), magnitude)
    consistent = _is(t["verdict"], Verdict.CONSISTENT.value)
    tight = np.isfinite(slack) & (slack <= TIGHT * np.maximum(magnitude, np.finfo(float).tiny))
    return np.flatnonzero(consistent & tight)


def _is(column: pd.Series, value: str) -> np.ndarray:
    """Rows of a categorical (or plain) column equal to `value`, compared by code."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories
        if value not in categories:
            return np.zeros(len(column), dtype=bool)
        return column.cat.codes.to_numpy() == categories.get_loc(value)
    return column.astype(object).to_numpy() == value


class ExactValues:
    """The exact interval of each value key, from the literals of its facts."""

    def __init__(self, facts: pd.DataFrame, d: Dictionary):
        self.facts, self.d = facts, d
        columns = ["unit", "concept", "value", "qualifier", "measure", "printed", "file"]
        self.col = {c: facts[c].to_numpy(dtype=object) for c in columns}
        self.col["line"] = facts["line"].to_numpy()
        self.col["declared"] = (
            facts["declared"].to_numpy(dtype=float) if "declared" in facts else None
        )
        order = np.argsort(facts["key_id"].to_numpy(), kind="stable")
        self.order, self.sorted_keys = order, facts["key_id"].to_numpy()[order]
        self.cache: dict[int, Exact] = {}

    def facts_of(self, key: int) -> np.ndarray:
        a = np.searchsorted(self.sorted_keys, key)
        b = np.searchsorted(self.sorted_keys, key, side="right")
        return self.order[a:b]

    def statement(self, row: int) -> ExactInterval:
        c = self.col
        unit = self.d.units[c["unit"][row]]
        concept = self.d.concepts.get(c["concept"][row])
        declared = c["declared"][row] if c["declared"] is not None else np.nan
        decimals = None if np.isnan(declared) else ("INF" if np.isinf(declared) else int(declared))
        return _interval(
            str(c["value"][row]),
            decimals,
            str(c["qualifier"][row]),
            _scale(unit.scale.mantissa, unit.scale.exponent),
            unit.discrete,
            nonnegative=bool(concept and concept.nonnegative and c["measure"][row] == "level"),
        )

    def alternatives(self, key: int) -> list[tuple[ExactInterval, list[int]]]:
        """The distinct printed intervals of a figure whose statements disagree, each with the
        facts that print it (Calculations 1.1: every printing is judged on its own)."""
        found: list[tuple[ExactInterval, list[int]]] = []
        for r in self.facts_of(key).tolist():
            interval = self.statement(int(r))
            for known, rows in found:
                if known == interval:
                    rows.append(int(r))
                    break
            else:
                found.append((interval, [int(r)]))
        return found

    def where(self, rows: list[int]) -> str:
        c = self.col
        first = rows[0]
        text = f"{c['printed'][first]}{c['unit'][first]}"
        places = ", ".join(f"{c['file'][r]}:{int(c['line'][r])}" for r in rows)
        return f"{text} ({places})"

    def value(self, key: int, overrides: dict[int, ExactInterval] | None = None) -> Exact:
        """The statements intersected when they agree, spanned when they do not (as the float
        values table does); an override stands for one printing of a disagreeing figure."""
        if overrides and key in overrides:
            return overrides[key]
        if key not in self.cache:
            parts = [self.statement(int(r)) for r in self.facts_of(key)]
            common: ExactInterval | None = parts[0]
            for p in parts[1:]:
                common = common.intersect(p) if common is not None else None
            if common is None:
                los = [p.lo for p in parts]
                his = [p.hi for p in parts]
                lo = None if None in los else min(los)
                hi = None if None in his else max(his)
                common = ExactInterval(lo, hi)
            self.cache[key] = common
        return self.cache[key]


def recheck(
    lean: Checks, values: pd.DataFrame, facts: pd.DataFrame, plan: Plan, d: Dictionary
) -> tuple[Checks, dict[int, str]]:
    """The lean checks with every close call re-decided exactly (verdict and miss), and every
    check over a figure whose printings disagree judged for each printing: it holds when one of
    them satisfies it (never against the span of all). The notes say which printing does."""
    rows = close_calls(lean, values)
    disagreeing = values["key_id"].to_numpy()[~values["agree"].to_numpy(dtype=bool)]
    links = lean.links
    not_dup = ~_is(lean.table["kind"], "duplicate")
    touched = links["check"].to_numpy()[np.isin(links["key_id"].to_numpy(), disagreeing)]
    touched = np.unique(touched[not_dup[touched]]) if len(touched) else touched
    rows = np.union1d(rows, touched).astype(np.int64)
    if not len(rows):
        return lean, {}
    table = lean.table
    links = lean.links[lean.links["check"].isin(rows)]
    by_check = _links_by_check(links)
    anchors = table["anchor"].to_numpy().astype(np.int64)
    # Only the facts of the re-decided checks' figures are read exactly.
    needed = np.union1d(links["key_id"].to_numpy(), anchors[rows])
    exact = ExactValues(facts[np.isin(facts["key_id"].to_numpy(), needed)], d)
    split = set(disagreeing.tolist())
    notes: dict[int, str] = {}
    templates = {t.id: t for t in plan.templates}
    verdict = table["verdict"].astype(object).to_numpy().copy()
    miss = table["miss"].to_numpy(float).copy()
    rule = table["rule"].astype(object).to_numpy()
    relation = table["relation"].astype(object).to_numpy()
    sides = {c: table[c].to_numpy(float).copy() for c in SIDES}
    for row in rows.tolist():
        t = templates[rule[row]]
        group = by_check.get(row)
        if group is None:
            continue
        anchor = int(anchors[row])
        found = _exact_gap(t, group, exact, anchor, relation[row])
        if found is None:
            continue
        gap, stated, derived = found
        keys = sorted(split.intersection(k for k, _ in group))
        if keys:
            judged = _per_printing(t, group, exact, anchor, relation[row], keys)
            if judged is not None:
                gap, stated, derived, notes[row] = judged
                if isinstance(gap, Undefined):
                    continue
                if gap <= 0:
                    verdict[row] = Verdict.CONSISTENT.value
                    miss[row] = 0.0
                    continue
        if isinstance(gap, Undefined) or gap <= 0:
            continue
        verdict[row] = Verdict.DISCREPANT.value
        miss[row] = float(gap)
        # Show the exact intervals: the widened float ones would seem to overlap.
        for name, x in (("stated", stated), ("derived", derived)):
            if isinstance(x, ExactInterval):
                sides[f"{name}_lo"][row] = -np.inf if x.lo is None else float(x.lo)
                sides[f"{name}_hi"][row] = np.inf if x.hi is None else float(x.hi)
    codes = pd.Categorical(verdict, categories=VERDICTS)
    return Checks(table.assign(verdict=codes, miss=miss, **sides), lean.links), notes


MAX_PRINTINGS = 64  # combinations of printings judged one by one for one check


def _links_by_check(links: pd.DataFrame) -> dict[int, list[tuple[int, str]]]:
    """(key, role) of each check's links, in link order, without a frame per check."""
    check = links["check"].to_numpy()
    order = np.argsort(check, kind="stable")
    keys = links["key_id"].to_numpy()[order].tolist()
    roles = links["role"].astype(object).to_numpy()[order].tolist()
    out: dict[int, list[tuple[int, str]]] = {}
    for c, k, r in zip(check[order].tolist(), keys, roles, strict=True):
        out.setdefault(c, []).append((int(k), r))
    return out


def _per_printing(
    t: Template,
    group: list[tuple[int, str]],
    exact: ExactValues,
    anchor: int,
    relation: str,
    keys: list[int],
) -> tuple[Fraction | Undefined, Exact | None, Exact | None, str] | None:
    """Judge one check for every combination of the printings of its disagreeing figures."""
    import itertools

    options = [exact.alternatives(k) for k in keys]
    combos = list(itertools.islice(itertools.product(*options), MAX_PRINTINGS + 1))
    if len(combos) > MAX_PRINTINGS:
        return None
    best: tuple | None = None
    parts = []
    for combo in combos:
        overrides = {k: interval for k, (interval, _) in zip(keys, combo, strict=True)}
        found = _exact_gap(t, group, exact, anchor, relation, overrides)
        if found is None or isinstance(found[0], Undefined):
            return None
        gap = found[0]
        printed = " and ".join(exact.where(rows) for _, rows in combo)
        parts.append(
            f"holds for {printed}"
            if gap <= 0
            else f"fails for {printed} (misses by {float(gap):.6g})"
        )
        if best is None or gap < best[0]:
            best = found
    assert best is not None
    return best[0], best[1], best[2], "; ".join(parts)


def _exact_gap(
    t: Template,
    links: list[tuple[int, str]],
    exact: ExactValues,
    anchor: int,
    relation: str,
    overrides: dict[int, ExactInterval] | None = None,
) -> tuple[Fraction | Undefined, Exact | None, Exact | None] | None:
    """The exact miss of one check with its exact stated and derived intervals (None when the
    float verdict must stand)."""
    roles: dict[str, list[int]] = {}
    for key, role in links:
        roles.setdefault(role, []).append(key)
    if t.family is Family.AGREE:
        if t.grouping != "statement":
            return None  # implied wholes: the float verdict stands
        parts = [exact.statement(int(r)) for r in exact.facts_of(anchor)]
        lo = max((p.lo for p in parts if p.lo is not None), default=None)
        hi = min((p.hi for p in parts if p.hi is not None), default=None)
        gap = Fraction(0) if lo is None or hi is None or lo <= hi else lo - hi
        return gap, None, None
    if t.family is Family.SUM:
        stated = exact.value(roles["total"][0], overrides)
        derived: Exact = ExactInterval.point(0)
        for key in roles.get("member", []):
            derived = derived + exact.value(key, overrides)
    else:
        stated = exact.value(anchor, overrides)
        env: dict[str, Exact] = {"stated": stated}
        for b in t.operands:
            keys = roles.get(b.name, [])
            if len(keys) == 2:  # the average of the closing and opening balances
                pair = exact.value(keys[0], overrides) + exact.value(keys[1], overrides)
                env[b.name] = pair * Fraction(1, 2)
            elif keys:
                env[b.name] = exact.value(keys[0], overrides)
            elif b.optional:
                env[b.name] = ExactInterval(Fraction(0) if b.nonnegative else None, None)
            else:
                return None
        if t.derived is None:
            return None
        if "years" in {r.concept for r in refs(t.derived)}:
            return None  # a CAGR's fractional power: the float verdict stands
        derived = _evaluate(t.derived, env)
    if isinstance(derived, Undefined) or isinstance(stated, Undefined):
        return UNDEFINED, None, None
    if relation == Relation.GE.value:
        return ge_miss(stated, derived), stated, derived
    if relation == Relation.LE.value:
        return le_miss(stated, derived), stated, derived
    return exact_overlap_miss(stated, derived), stated, derived


def _evaluate(node: Expr, env: dict[str, Exact]) -> Exact:
    handler = _HANDLERS.get(type(node))
    if handler is None:
        raise TypeError(f"no exact evaluation rule for {type(node).__name__}")
    return handler(node, env)


def _sign(node: Sign, env: dict[str, Exact]) -> Exact:
    x = _evaluate(node.operand, env)
    if isinstance(x, Undefined):
        return UNDEFINED
    s = x.sign()
    return s if s.lo == s.hi and s.lo != 0 else UNDEFINED


def _binop(node: BinOp, env: dict[str, Exact]) -> Exact:
    left, right = _evaluate(node.left, env), _evaluate(node.right, env)
    if isinstance(left, Undefined) or isinstance(right, Undefined):
        return UNDEFINED
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if node.op == "/":
        return left / right
    if right.lo is None or right.lo != right.hi:
        return UNDEFINED  # a power over an interval of exponents: the float verdict stands
    return exact_power(left, right.lo)


def _neg(node: Neg, env: dict[str, Exact]) -> Exact:
    v = _evaluate(node.operand, env)
    return UNDEFINED if isinstance(v, Undefined) else -v


def _abs(node: Abs, env: dict[str, Exact]) -> Exact:
    v = _evaluate(node.operand, env)
    return UNDEFINED if isinstance(v, Undefined) else abs(v)


_HANDLERS: dict[type, Callable[..., Exact]] = {
    Num: lambda node, env: ExactInterval.point(Fraction(Decimal(node.text))),
    Ref: lambda node, env: env[node.concept],
    Neg: _neg,
    Abs: _abs,
    Sign: _sign,
    BinOp: _binop,
}
