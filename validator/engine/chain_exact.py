"""Exact re-decision of the chains whose float agreement is within float error of a miss: each
element implied again in rational arithmetic from the printed literals (as engine/recheck.py does
for the other families), the stated figure included."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.recheck import ExactValues, _evaluate
from validator.io.dictionary import Dictionary
from validator.model.exact import ExactInterval, Undefined
from validator.rules.plan import Template


def exact_gaps(
    t: Template,
    e: pd.DataFrame,
    operands: pd.DataFrame,
    rows: np.ndarray,
    check: np.ndarray,
    close: np.ndarray,
    stated_key: np.ndarray,
    values: pd.DataFrame,
    facts: pd.DataFrame,
    d: Dictionary,
) -> dict[int, tuple[float, float]]:
    """For each close chain that misses exactly: (lo_max, hi_min) with lo_max > hi_min."""
    if not len(close):
        return {}
    exact = ExactValues(facts, d)
    operands = operands[np.isin(operands["element"].to_numpy(), rows[np.isin(check, close)])]
    by_element = {
        (int(el), str(role)): int(key)
        for el, key, role in zip(
            operands["element"], operands["key_id"], operands["role"].astype(object), strict=True
        )
    }
    out: dict[int, tuple[float, float]] = {}
    for g in close.tolist():
        sides = [_implied(t, e, r, exact, by_element) for r in rows[check == g].tolist()]
        if stated_key[g] >= 0:
            sides.append(exact.value(int(stated_key[g])))
        if any(isinstance(x, Undefined) for x in sides):
            continue  # the float verdict stands
        common: ExactInterval | None = ExactInterval(None, None)
        for x in sides:
            common = common.intersect(x) if common is not None else None
        if common is None:
            out[g] = _miss(sides)
    return out


def _implied(t: Template, e: pd.DataFrame, row: int, exact: ExactValues, by_element: dict):
    imp = t.implies[int(e["implication"].iat[row])]
    env = {"stated": exact.value(int(e["stated_key"].iat[row]))}
    for b in imp.operands:
        if b.name != imp.figure:
            env[b.name] = exact.value(by_element[(row, b.name)])
    return _evaluate(imp.element, env)


def _miss(sides: list[ExactInterval]) -> tuple[float, float]:
    """The highest low end and the lowest high end, exactly compared, as floats that keep the
    order (the float verdict must not turn back into an agreement)."""
    lo = max(x.lo for x in sides if x.lo is not None)
    hi = min(x.hi for x in sides if x.hi is not None)
    lo_f, hi_f = float(lo), float(hi)
    if lo_f <= hi_f:
        hi_f = float(np.nextafter(lo_f, -np.inf))
    return lo_f, hi_f
