"""The interval each stated figure stands for, in its dimension's base unit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.io.columns import by_value, lookup
from validator.io.dictionary import Dictionary
from validator.model.literals import literal_bounds


def fact_intervals(facts: pd.DataFrame, d: Dictionary) -> tuple[np.ndarray, np.ndarray]:
    """lo, hi of every fact's printed literal. A level of a concept that cannot be negative is
    intersected with [0, ∞) when that leaves something; a negative literal of such a concept
    keeps its own interval (the `nonnegative` relation flags it), so no interval is inverted."""
    units = d.units.values()
    scale_m = lookup(facts["unit"], {u.unit: u.scale.mantissa for u in units}, 1, "int64")
    scale_e = lookup(facts["unit"], {u.unit: u.scale.exponent for u in units}, 0, "int64")
    discrete = lookup(facts["unit"], {u.unit: u.discrete for u in units}, False, bool)
    qualifier = by_value(facts["qualifier"], lambda q: q)
    declared = facts["declared"].to_numpy() if "declared" in facts else None
    lo, hi = literal_bounds(facts["value"], qualifier, scale_m, scale_e, discrete, declared)
    nonnegative = lookup(
        facts["concept"], {c.id: c.nonnegative for c in d.concepts.values()}, False, bool
    )
    clamp = nonnegative & (facts["measure"] == "level").to_numpy() & (hi >= 0)
    return np.where(clamp, np.maximum(lo, 0.0), lo), hi
