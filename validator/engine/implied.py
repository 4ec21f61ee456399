"""Shares of one unstated whole: each (part, share) pair implies the whole as part / share, and
all the implied wholes must agree (图表7: five suppliers' purchases and their shares of the
company's total purchases, which the report never states)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.checks import Checks, make_checks, role_links
from validator.engine.keys import combine_codes
from validator.engine.lookup import Binder
from validator.model.intervals import Intervals
from validator.model.verdict import Kind, Relation

RULE = "shares_imply_one_whole"


def implied_whole_checks(values: pd.DataFrame, binder: Binder) -> Checks:
    wanted = (values["measure"] == "share").to_numpy() & (values["whole_concept"] != "").to_numpy()
    columns = ["key_id", "lo", "hi", "e_c", "s_c", "m_c", "c_c", "p_c", "ws_c", "wm_c", "wc_c"]
    shares = values.loc[wanted, columns]
    if len(shares) < 2:
        return Checks.concat([])
    e, s, m, c, p = (shares[k].to_numpy() for k in ("e_c", "s_c", "m_c", "c_c", "p_c"))
    part = binder.find(e, s, m, c, p, binder.all_dimensions())
    whole = binder.find(
        e,
        shares["ws_c"].to_numpy(),
        shares["wm_c"].to_numpy(),
        shares["wc_c"].to_numpy(),
        p,
        part.dimension,
    )
    usable = part.present & ~whole.present & (shares["lo"].to_numpy() > 0)
    if usable.sum() < 2:
        return Checks.concat([])
    sh = shares[usable]
    implied = Intervals.of(part.lo[usable], part.hi[usable]) / Intervals.of(sh["lo"], sh["hi"])
    group = combine_codes(
        [
            sh["e_c"].to_numpy(),
            sh["ws_c"].to_numpy(),
            sh["wm_c"].to_numpy(),
            sh["wc_c"].to_numpy(),
            sh["p_c"].to_numpy(),
            part.dimension[usable],
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
    stated = Intervals(np.where(agree, lo_max, lo_max), np.where(agree, hi_min, lo_max))
    derived = Intervals(np.where(agree, lo_max, hi_min), np.where(agree, hi_min, hi_min))
    first = np.full(n, -1, dtype=np.int64)
    np.maximum.at(first, slot, np.arange(len(sh)))  # any member: the anchor names the group
    anchor = sh["key_id"].to_numpy()[first]
    rows = np.flatnonzero(keep)
    checks = make_checks(
        family="implied",
        rule=RULE,
        kind=Kind.SHARE.value,
        relation=Relation.EQ.value,
        anchor=anchor[rows],
        stated=stated.take(rows),
        derived=derived.take(rows),
    )
    index = np.full(n, -1, dtype=np.int64)
    index[rows] = np.arange(len(rows))
    member_check = index[slot]
    ok = member_check >= 0
    links = pd.concat(
        [
            role_links(member_check[ok], [("share", sh["key_id"].to_numpy(float)[ok])]),
            role_links(member_check[ok], [("part", part.key_id[usable][ok])]),
        ],
        ignore_index=True,
    )
    return Checks(checks.table, links)
