"""The formula primitive: `stated RELATION derived`, the derived side an expression over operands
bound relative to each stated figure, evaluated for every instance of a template at once."""

from __future__ import annotations

import numpy as np

from validator.engine.binder import Binder, Found
from validator.engine.checks import Checks, make_checks
from validator.engine.expression import evaluate
from validator.engine.periods import whole_years
from validator.engine.rows import Rows
from validator.model.intervals import Intervals
from validator.model.periods import PeriodType
from validator.model.verdict import Kind, Reason, Relation
from validator.rules.ast import refs
from validator.rules.plan import Template

COLUMNS = ["key_id", "lo", "hi", "e_c", "s_c", "m_c", "c_c", "p_c", "b_c", "d_c", "wc_c", "ws_c"]
COLUMNS += ["wm_c", "period_key", "base_key"]


def bind_all(t: Template, s: Rows, binder: Binder, subject: PeriodType | None) -> dict[str, Found]:
    found: dict[str, Found] = {}
    rules = {b.name: b for b in t.operands}
    for b in t.operands:
        found[b.name] = binder.bind(b, s, found, rules, subject)
    return found


def instances(t: Template, s: Rows, found: dict[str, Found]) -> np.ndarray:
    """Which stated figures the template makes a check of (its require/absent/positive)."""
    keep = np.ones(len(s), dtype=bool)
    if t.require_any and found:
        keep &= np.logical_or.reduce([f.present for f in found.values()])
    for name in t.require:
        keep &= found[name].present
    for name in t.absent:
        keep &= ~found[name].present
    for name in t.positive:
        lo = s["lo"] if name == "stated" else found[name].lo
        keep &= lo > 0
    return keep


def environment(
    t: Template, s: Rows, found: dict[str, Found]
) -> tuple[dict[str, Intervals], list[tuple[str, np.ndarray]]]:
    """Operand intervals (an unstated optional operand ranges over its domain) and, for each
    required operand, where it is missing."""
    env: dict[str, Intervals] = {"stated": Intervals.of(s["lo"], s["hi"])}
    missing: list[tuple[str, np.ndarray]] = []
    for b in t.operands:
        f = found[b.name]
        if b.optional:
            lo = np.where(f.present, f.lo, 0.0 if b.nonnegative else -np.inf)
            hi = np.where(f.present, f.hi, np.inf)
            env[b.name] = Intervals.of(lo, hi)
        else:
            env[b.name] = Intervals.of(f.lo, f.hi)
            missing.append((b.name, ~f.present))
    if t.derived is not None and any(r.concept == "years" for r in refs(t.derived)):
        env["years"] = Intervals.point(_years(s))
    return env, missing


def _years(s: Rows) -> np.ndarray:
    """Whole years from each figure's base period to its period, once per distinct pair."""
    pair = s["p_c"].astype(np.int64) * (int(s["b_c"].max(initial=0)) + 2) + (s["b_c"] + 1)
    _, first, slot = np.unique(pair, return_index=True, return_inverse=True)
    period, base = s["period_key"][first], s["base_key"][first]
    years = [whole_years(p, b) if b else np.nan for p, b in zip(period, base, strict=True)]
    return np.asarray(years, dtype=float)[slot]


def _take(found: dict[str, Found], rows: np.ndarray) -> dict[str, Found]:
    return {
        k: Found(
            f.lo[rows],
            f.hi[rows],
            f.key_id[rows],
            f.dimension[rows],
            tuple(x[rows] for x in f.keys),
        )
        for k, f in found.items()
    }


def formula_checks(
    t: Template, s: Rows, binder: Binder, subject: PeriodType | None
) -> Checks | None:
    """Checks of one formula template over its stated figures `s` (values rows with codes)."""
    if s.empty:
        return None
    found = bind_all(t, s, binder, subject)
    rows = np.flatnonzero(instances(t, s, found))
    if not len(rows):
        return None
    s = s.take(rows)
    found = _take(found, rows)
    env, missing = environment(t, s, found)
    assert t.derived is not None
    derived = evaluate(t.derived, env, len(s))
    names = np.full(len(s), "", dtype=object)
    for name, mask in missing:
        derived = Intervals(np.where(mask, np.nan, derived.lo), np.where(mask, np.nan, derived.hi))
        names = np.where(mask, np.where(names == "", name, names + ", " + name), names)
    reason = np.where(
        names != "",
        Reason.MISSING.value,
        np.where(derived.undefined, Reason.UNDEFINED.value, Reason.NONE.value),
    ).astype(object)
    if t.bound_when_unbounded:
        is_bound = (t.relation is not Relation.EQ) | derived.unbounded
        kind = np.where(is_bound, Kind.BOUND.value, t.kind.value).astype(object)
    else:
        kind = t.kind.value
    anchor = s["key_id"]
    roles = [("stated", anchor.astype(float))]
    for b in t.operands:
        roles += [(b.name, key) for key in found[b.name].keys]
    return make_checks(
        rule=t.id,
        kind=kind,
        relation=t.relation.value,
        anchor=anchor,
        stated=Intervals.of(s["lo"], s["hi"]),
        derived=derived,
        reason=reason,
        missing=names,
        roles=roles,
    )
