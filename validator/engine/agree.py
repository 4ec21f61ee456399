"""The agree primitive: every element of a group must share one point. Two groupings exist:
`statement` (the statements of one figure: duplicates) and `whole` (the wholes that each
(part, share) pair of one unstated whole implies)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.binder import Binder
from validator.engine.checks import Checks, make_checks, role_links
from validator.engine.expression import evaluate
from validator.engine.formula import _take, bind_all, environment, instances
from validator.engine.keys import combine_codes
from validator.engine.rows import Rows
from validator.model.intervals import Intervals
from validator.rules.plan import Template


def statement_checks(t: Template, values: pd.DataFrame) -> Checks | None:
    """A check per figure stated more than once: all its intervals must share a point."""
    dup = values[values["n"] > 1]
    if dup.empty:
        return None
    agree = dup["agree"].to_numpy()
    # Judged as "the widest statement overlaps the common part": a clean miss when they do not.
    derived = Intervals(
        np.where(agree, dup["lo_max"], dup["hi_min"]), np.where(agree, dup["hi_min"], dup["hi_min"])
    )
    stated = Intervals(
        np.where(agree, dup["lo_min"], dup["lo_max"]), np.where(agree, dup["hi_max"], dup["lo_max"])
    )
    anchor = dup["key_id"].to_numpy()
    return make_checks(
        rule=t.id,
        kind=t.kind.value,
        relation=t.relation.value,
        anchor=anchor,
        stated=stated,
        derived=derived,
        roles=[("stated", anchor.astype(float))],
    )


def whole_checks(t: Template, s: Rows, binder: Binder) -> Checks | None:
    """Shares of one unstated whole: each element implies the whole; all must agree."""
    if len(s) < 2:
        return None
    found = bind_all(t, s, binder, None)
    usable = instances(t, s, found)
    if usable.sum() < 2:
        return None
    rows = np.flatnonzero(usable)
    sh = s.take(rows)
    part = found["part"]
    env, _ = environment(t, sh, _take(found, rows))
    assert t.element is not None
    implied = evaluate(t.element, env, len(sh))
    group = combine_codes(
        [
            sh["e_c"],
            sh["ws_c"],
            sh["wm_c"],
            sh["wc_c"],
            sh["p_c"],
            part.dimension[rows],
        ]
    )
    codes, slot = np.unique(group, return_inverse=True)
    n = len(codes)
    count = np.bincount(slot, minlength=n)
    lo_max = np.full(n, -np.inf)
    hi_min = np.full(n, np.inf)
    np.maximum.at(lo_max, slot, implied.lo)
    np.minimum.at(hi_min, slot, implied.hi)
    keep = count >= 2
    agree = lo_max <= hi_min
    # As for duplicates: the common part of all implied wholes must not be empty.
    stated = Intervals(lo_max, np.where(agree, hi_min, lo_max))
    derived = Intervals(np.where(agree, lo_max, hi_min), hi_min)
    first = np.full(n, -1, dtype=np.int64)
    np.maximum.at(first, slot, np.arange(len(sh)))  # any element: the anchor names the group
    anchor = sh["key_id"][first]
    kept = np.flatnonzero(keep)
    checks = make_checks(
        rule=t.id,
        kind=t.kind.value,
        relation=t.relation.value,
        anchor=anchor[kept],
        stated=stated.take(kept),
        derived=derived.take(kept),
    )
    index = np.full(n, -1, dtype=np.int64)
    index[kept] = np.arange(len(kept))
    member_check = index[slot]
    ok = member_check >= 0
    links = pd.concat(
        [
            role_links(member_check[ok], [("share", sh["key_id"].astype(float)[ok])]),
            role_links(member_check[ok], [("part", part.key_id[rows][ok])]),
        ],
        ignore_index=True,
    )
    return Checks(checks.table, links)
