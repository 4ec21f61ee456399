"""Members add up: the listed members of an axis against their printed total (合计) and
against the figure without member (= for a complete axis, ≤ for a partial list)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.by_value import by_value
from validator.engine.checks import Checks, make_checks
from validator.engine.keys import combine_codes
from validator.engine.materialize import TOTAL_MEMBER
from validator.io.dictionary import Axis
from validator.model.intervals import Intervals
from validator.model.verdict import Kind, Relation

SUMMABLE = ["level", "share", "abs_change"]
# Dimensions whose levels add up across members (ratios and unit prices do not).
ADDITIVE = ["money", "money_usd", "money_hkd", "quantity", "headcount", "count", "share_count"]
# The group of a member: everything but the member itself (codes from the values table).
GROUP = ["e_c", "s_c", "p_c", "c_c", "measure", "b_c", "wc_c", "ws_c", "wm_c", "d_c"]
_EPS = np.finfo(float).eps


def sum_checks(values: pd.DataFrame, axes: dict[str, Axis]) -> Checks:
    measure, dimension = values["measure"], values["dimension"]
    wanted = measure.isin(SUMMABLE).to_numpy() & (
        (measure == "share").to_numpy() | dimension.isin(ADDITIVE).to_numpy()
    )
    v = values.loc[wanted, [*GROUP, "member", "member_axis", "key_id", "lo", "hi"]]
    is_total = by_value(v["member"], lambda m: m.endswith(":" + TOTAL_MEMBER), bool)
    no_member = by_value(v["member"], lambda m: m == "", bool)
    is_member = ~no_member & ~is_total
    measure = by_value(v["measure"], lambda m: SUMMABLE.index(m) if m in SUMMABLE else -1, np.int64)
    axis = v["member_axis"].cat.codes.to_numpy().astype(np.int64)
    group_cols = [v[c].to_numpy() for c in GROUP if c != "measure"] + [measure]
    group = combine_codes(group_cols)  # everything but the member
    with_axis = combine_codes([group, axis])  # … and the member's axis
    if not is_member.any():
        return Checks.concat([])
    lo, hi = v["lo"].to_numpy(), v["hi"].to_numpy()
    mag = np.maximum(np.abs(lo), np.abs(hi))
    codes, first = np.unique(with_axis[is_member], return_index=True)
    member_rows = np.flatnonzero(is_member)
    slot = np.searchsorted(codes, with_axis[is_member])
    n = len(codes)
    s_lo = np.bincount(slot, weights=lo[is_member], minlength=n)
    s_hi = np.bincount(slot, weights=hi[is_member], minlength=n)
    count = np.bincount(slot, minlength=n)
    s_mag = np.bincount(slot, weights=mag[is_member], minlength=n)
    # Bound on the rounding error of a float sum of n terms.
    err = count * _EPS * s_mag
    sums = pd.DataFrame(
        {
            "group": np.arange(n),
            "with_axis": codes,
            "base_group": group[member_rows[first]],
            "axis": axis[member_rows[first]],
            "lo": np.nextafter(s_lo - err, -np.inf),
            "hi": np.nextafter(s_hi + err, np.inf),
        }
    )
    member_links = pd.DataFrame({"group": slot, "key_id": v["key_id"].to_numpy()[is_member]})

    key_id = v["key_id"].to_numpy()

    def totals(mask: np.ndarray, key: str, codes: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(
            {key: codes[mask], "key_id": key_id[mask], "lo_total": lo[mask], "hi_total": hi[mask]}
        )

    against_printed = sums.merge(totals(is_total, "with_axis", with_axis), on="with_axis")
    against_printed["complete"] = True
    against_printed["target"] = TOTAL_MEMBER
    against_whole = sums.merge(totals(no_member, "base_group", group), on="base_group")
    axis_names = np.asarray(v["member_axis"].cat.categories.astype(object))
    complete = np.array([axes[a].complete if a in axes else False for a in axis_names], bool)
    against_whole["complete"] = complete[against_whole["axis"].to_numpy()]
    against_whole["target"] = ""
    both = pd.concat([against_printed, against_whole], ignore_index=True)
    if both.empty:
        return Checks.concat([])
    both["axis"] = axis_names[both["axis"].to_numpy()]
    return _checks(both, member_links)


def _checks(s: pd.DataFrame, member_links: pd.DataFrame) -> Checks:
    complete = s["complete"].to_numpy(dtype=bool)
    n = len(s)
    members = member_links.merge(
        pd.DataFrame({"group": s["group"].to_numpy(), "check": np.arange(n)}), on="group"
    )
    checks = make_checks(
        family="sum",
        rule=np.where(complete, "members_sum", "partial_list").astype(object),
        kind=np.where(complete, Kind.SUM.value, Kind.PARTIAL_SUM.value).astype(object),
        relation=np.where(complete, Relation.EQ.value, Relation.GE.value).astype(object),
        anchor=s["key_id"].to_numpy(),
        stated=Intervals.of(s["lo_total"], s["hi_total"]),
        derived=Intervals.of(s["lo"], s["hi"]),
        axis=s["axis"].to_numpy(dtype=object),
        target=s["target"].to_numpy(dtype=object),
        roles=[("total", s["key_id"].to_numpy(float))],
    )
    member_rows = pd.DataFrame(
        {
            "check": members["check"].to_numpy(np.int64),
            "key_id": members["key_id"].to_numpy(np.int64),
            "role": pd.Categorical.from_codes(np.zeros(len(members), np.int8), ["member"]),
        }
    )
    return Checks(checks.table, pd.concat([checks.links, member_rows], ignore_index=True))
