"""A growth stated beside an absolute change of the same figure (较上年同期增长 15 亿元，增长
20.04%) implies the base, current − change, so the growth is checked as change / |current −
change| even when the base level itself is never printed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.checks import Checks, make_checks
from validator.engine.lookup import Binder
from validator.model.intervals import Intervals
from validator.model.verdict import Kind, Relation

RULE = "growth_from_change"
KEYS = ["e_c", "s_c", "m_c", "c_c", "p_c", "b_c"]


def growth_from_change_checks(values: pd.DataFrame, binder: Binder) -> Checks:
    measure = values["measure"].astype(object).to_numpy()
    columns = [*KEYS, "key_id", "lo", "hi", "d_c"]
    growth = values.loc[measure == "growth", columns]
    change = values.loc[measure == "abs_change", columns]
    if growth.empty or change.empty:
        return Checks.concat([])
    pairs = growth.merge(change, on=KEYS, suffixes=("", "_chg"))
    if pairs.empty:
        return Checks.concat([])
    current = binder.find(
        *(pairs[k].to_numpy() for k in ("e_c", "s_c", "m_c", "c_c", "p_c")),
        [pairs["d_c_chg"].to_numpy()],
    )
    delta = Intervals.of(pairs["lo_chg"], pairs["hi_chg"])
    base = Intervals.of(current.lo, current.hi) - delta
    positive = base.lo > 0
    ratio = delta / base
    derived = Intervals(
        np.where(positive, ratio.lo, -ratio.hi), np.where(positive, ratio.hi, -ratio.lo)
    )
    anchor = pairs["key_id"].to_numpy()
    return make_checks(
        family="measure",
        rule=RULE,
        kind=Kind.GROWTH.value,
        relation=Relation.EQ.value,
        anchor=anchor,
        stated=Intervals.of(pairs["lo"], pairs["hi"]),
        derived=derived,
        reason=np.where(current.present, "", "missing:current").astype(object),
        roles=[
            ("stated", anchor.astype(float)),
            ("change", pairs["key_id_chg"].to_numpy(float)),
            ("current", current.key_id),
        ],
    )
