"""The printed values a figure could take for the relations that state it to hold: the derived
interval of each relation in which it is the stated figure (or the total), intersected. It says
nothing about relations in which the figure is an operand; proposals are judged on all."""

from __future__ import annotations

import numpy as np

from validator.findings.model import Findings
from validator.model.verdict import Kind, Relation

STATING_ROLES = ("stated", "total")


def stated_ranges(f: Findings) -> dict[int, tuple[float, float]]:
    """fact row → (lo, hi) in the fact's unit; only facts stated by some relation."""
    t = f.table
    links = f.links[f.links["role"].astype(object).isin(STATING_ROLES)]
    c = links["check"].to_numpy()
    fact = links["fact"].to_numpy()
    same_unit = (
        t["unit"].astype(object).to_numpy()[c]
        == f.fact_table["unit"].astype(object).to_numpy()[fact]
    )
    evidential = t["kind"].astype(object).to_numpy()[c] != Kind.DUPLICATE.value
    lo = t["derived_lo"].to_numpy(dtype=float)[c]
    hi = t["derived_hi"].to_numpy(dtype=float)[c]
    relation = t["relation"].astype(object).to_numpy()[c]
    lo = np.where(relation == Relation.LE.value, -np.inf, lo)
    hi = np.where(relation == Relation.GE.value, np.inf, hi)
    use = same_unit & evidential & ~np.isnan(lo) & ~np.isnan(hi)
    out: dict[int, tuple[float, float]] = {}
    for r, a, b in zip(fact[use].tolist(), lo[use].tolist(), hi[use].tolist(), strict=True):
        old = out.get(r, (-np.inf, np.inf))
        out[r] = (max(old[0], a), min(old[1], b))
    return out
