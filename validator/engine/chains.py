"""The chain primitive (`family: agree`, `grouping: implied`): every interval the relations
imply for one figure, with the figure's stated interval if it is stated, must share a point.

A chain check exists only where it can show what no single relation shows: at least two implied
intervals (not all of one implication whose `covered_by` template checks them already, as
`shares_imply_one_whole` does two shares of one unstated whole). An implied interval that misses
the stated figure alone is that relation's own discrepancy; it is left out of the chain.
A float miss is certain (every bound is widened outward); a float agreement within float error of
a miss is re-decided exactly (engine/chain_exact.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.engine.binder import Binder
from validator.engine.chain_exact import exact_gaps
from validator.engine.chain_text import ChainText, figure_fields
from validator.engine.checks import Checks, make_checks
from validator.engine.ids import Field
from validator.engine.implied import Elements, implied_elements
from validator.engine.keys import combine_codes
from validator.engine.recheck import TIGHT
from validator.engine.rows import Rows
from validator.engine.select import Masks
from validator.io.dictionary import Dictionary
from validator.model.intervals import Intervals
from validator.model.verdict import Family
from validator.rules.plan import Plan, Template


@dataclass(frozen=True)
class Chains:
    """The chain checks of a run and, per check row, the fields of the figure they are about
    (an implied figure may not be stated, so no values row names it)."""

    checks: Checks
    fields: pd.DataFrame  # row, entity, scope, period, concept, member, ..., unit, expression


def is_chain(t: Template) -> bool:
    return t.family is Family.AGREE and t.grouping == "implied"


def chain_checks(
    plan: Plan,
    values: pd.DataFrame,
    rows: Rows,
    masks: Masks,
    facts: pd.DataFrame,
    binder: Binder,
    d: Dictionary,
    documents: dict[str, np.ndarray],
) -> Chains | None:
    parts, fields = [], []
    offset = 0
    for t in plan.templates:
        if not is_chain(t):
            continue
        document = documents[t.document] if t.document else None
        elements = implied_elements(t.implies, rows, masks, binder, document)
        found = _template_checks(t, elements, values, facts, binder, d)
        if found is None:
            continue
        checks, table = found
        parts.append(checks)
        fields.append(table.assign(row=table["row"] + offset))
        offset += len(checks.table)
    if not parts:
        return None
    return Chains(Checks.concat(parts), pd.concat(fields, ignore_index=True))


def _template_checks(
    t: Template,
    el: Elements,
    values: pd.DataFrame,
    facts: pd.DataFrame,
    binder: Binder,
    d: Dictionary,
) -> tuple[Checks, pd.DataFrame] | None:
    e = el.table
    if len(e) < 2:
        return None
    codes, slot = np.unique(e["figure"].to_numpy(np.int64), return_inverse=True)
    n = len(codes)
    lo, hi = e["lo"].to_numpy(float), e["hi"].to_numpy(float)
    present = ~np.isnan(e["figure_lo"].to_numpy(float))
    s_lo = np.full(n, -np.inf)
    s_hi = np.full(n, np.inf)
    s_key = np.full(n, -1, dtype=np.int64)
    s_lo[slot[present]] = e["figure_lo"].to_numpy(float)[present]
    s_hi[slot[present]] = e["figure_hi"].to_numpy(float)[present]
    s_key[slot[present]] = e["figure_key"].to_numpy(float)[present].astype(np.int64)
    stated = s_key >= 0
    # An element that misses the stated figure alone is its own relation's discrepancy.
    kept = ~present | ((lo <= s_hi[slot]) & (hi >= s_lo[slot]))
    count = np.bincount(slot[kept], minlength=n)
    implication = e["implication"].to_numpy(np.int64)
    # Which implications each figure has kept elements of: a figure × implication table.
    width = len(t.implies)
    seen = np.zeros(n * width, dtype=bool)
    seen[slot[kept] * width + implication[kept]] = True
    seen = seen.reshape(n, width)
    kinds = seen.sum(axis=1)
    # A group of one implication's elements alone may be another template's check already.
    covered = np.array([bool(i.covered_by) for i in t.implies])
    only = np.argmax(seen, axis=1)
    alone = (kinds == 1) & ~stated & covered[only]
    groups = np.flatnonzero((count >= 2) & ~alone)
    if not len(groups):
        return None
    member = np.full(n, -1, dtype=np.int64)
    member[groups] = np.arange(len(groups))
    use = kept & (member[slot] >= 0)
    rows = np.flatnonzero(use)
    check = member[slot[rows]]
    m = len(groups)
    lo_max = np.where(stated[groups], s_lo[groups], -np.inf)
    hi_min = np.where(stated[groups], s_hi[groups], np.inf)
    np.maximum.at(lo_max, check, lo[rows])
    np.minimum.at(hi_min, check, hi[rows])
    gap = lo_max - hi_min
    close = np.flatnonzero(_close(gap, lo_max, hi_min))
    exact = exact_gaps(t, e, el.operands, rows, check, close, s_key[groups], values, facts, d)
    for g, value in exact.items():
        lo_max[g], hi_min[g] = float(value[0]), float(value[1])
    agree = lo_max <= hi_min
    # As for implied wholes: the common part of all elements must not be empty.
    stated_iv = Intervals(lo_max, np.where(agree, hi_min, lo_max))
    derived_iv = Intervals(np.where(agree, lo_max, hi_min), hi_min)
    anchor = np.where(stated[groups], s_key[groups], -1)
    first = np.full(m, -1, dtype=np.int64)
    np.maximum.at(first, check, e["stated_key"].to_numpy(np.int64)[rows])
    anchor = np.where(anchor >= 0, anchor, first)
    checks = make_checks(
        rule=t.id, kind=t.kind.value, relation=t.relation.value, anchor=anchor,
        stated=stated_iv, derived=derived_iv,
    )  # fmt: skip
    links = _links(el.operands, rows, check, s_key[groups])
    text = ChainText(t, e, el.operands, values, facts, binder, d)
    table = figure_fields(text, e, rows, check, m, ~agree)
    return Checks(checks.table, links), table


def _close(gap: np.ndarray, lo_max: np.ndarray, hi_min: np.ndarray) -> np.ndarray:
    """Agreements whose common part is within float error of empty."""
    with np.errstate(invalid="ignore"):
        magnitude = np.maximum(np.abs(np.where(np.isfinite(lo_max), lo_max, 0.0)),
                               np.abs(np.where(np.isfinite(hi_min), hi_min, 0.0)))  # fmt: skip
        return (gap <= 0) & (-gap <= TIGHT * np.maximum(magnitude, np.finfo(float).tiny))


def _links(
    operands: pd.DataFrame, rows: np.ndarray, check: np.ndarray, stated_key: np.ndarray
) -> pd.DataFrame:
    """Every stated figure of each chain with its role, once per (check, figure, role): the
    stated figure first, then the operands in element order."""
    position = np.full(int(rows.max()) + 1 if len(rows) else 0, -1, dtype=np.int64)
    position[rows] = check
    elem = operands["element"].to_numpy(np.int64)
    inside = elem < len(position)
    take = np.flatnonzero(inside)
    take = take[position[elem[take]] >= 0]
    role = Field.of(operands["role"], take)  # in codes, not strings
    role_codes, role_names = role.codes, role.values.tolist()
    names = ["stated", *[r for r in role_names if r != "stated"]]
    remap = np.array([names.index(r) for r in role_names], dtype=np.int64)
    has = np.flatnonzero(stated_key >= 0)
    check_all = np.concatenate([has, position[elem[take]]])
    key_all = np.concatenate([stated_key[has], operands["key_id"].to_numpy(np.int64)[take]])
    role_all = np.concatenate([np.zeros(len(has), np.int64), remap[role_codes]])
    code = combine_codes([check_all, key_all, role_all])
    first = ~pd.Series(code).duplicated().to_numpy()
    check_all, key_all, role_all = check_all[first], key_all[first], role_all[first]
    used = sorted({names[i] for i in np.unique(role_all).tolist()})
    dtype = pd.Series(used, dtype=object).astype("category").dtype
    order = np.array([used.index(r) if r in used else -1 for r in names], dtype=np.int64)
    return pd.DataFrame(
        {
            "check": check_all,
            "key_id": key_all,
            "role": pd.Categorical.from_codes(order[role_all], dtype=dtype),
        }
    )
