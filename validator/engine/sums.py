"""The sum primitive: the members of an axis against their total — the printed total of the
axis (合计), or the figure without member (= for an axis whose members partition it, ≥ for a
partial list). The member sums are computed once and shared by every sum template."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.engine.checks import Checks, dtype_of, make_checks
from validator.engine.keys import combine_codes
from validator.engine.select import TOTAL_MEMBER, member_kind
from validator.io.columns import by_value
from validator.io.dictionary import Dictionary
from validator.model.intervals import Intervals
from validator.rules.plan import AxisRule, MemberRule, Template

# The group of a member: everything but the member itself (codes from the values table).
GROUP = ["e_c", "s_c", "p_c", "c_c", "meas_c", "b_c", "wc_c", "ws_c", "wm_c", "d_c"]
_EPS = np.finfo(float).eps


@dataclass(frozen=True)
class MemberSums:
    """Per (group, axis): the interval of the members' sum, and who the members are."""

    sums: pd.DataFrame  # group, with_axis, base_group, axis (name), lo, hi
    member_links: pd.DataFrame  # group, key_id
    totals: pd.DataFrame  # key_id, lo_total, hi_total, with_axis, base_group, kind


def member_sums(values: pd.DataFrame, rows: np.ndarray) -> MemberSums | None:
    """The member sums of the values at `rows` (the rows a sum template's patterns take).
    Each column is taken at `rows` when it is read, and the totals are built of their rows
    only: a frame of every taken row and column was twice the size of the result."""

    def column(name: str) -> np.ndarray:
        return values[name].to_numpy()[rows]

    kind = by_value(values["member"].iloc[rows], lambda m: member_kind(m).value)
    is_member = kind == MemberRule.MEMBER.value
    if not is_member.any():
        return None
    member_axis = values["member_axis"].iloc[rows]
    axis = member_axis.cat.codes.to_numpy().astype(np.int64)
    group = combine_codes([column(c) for c in GROUP])  # everything but the member
    with_axis = combine_codes([group, axis])  # … and the member's axis
    lo, hi, key_id = column("lo"), column("hi"), column("key_id")
    codes, first = np.unique(with_axis[is_member], return_index=True)
    member_rows = np.flatnonzero(is_member)
    slot = np.searchsorted(codes, with_axis[is_member])
    s_lo, s_hi = sum_intervals(lo[is_member], hi[is_member], slot, len(codes))
    axis_names = np.asarray(member_axis.cat.categories.astype(object))
    sums = pd.DataFrame(
        {
            "group": np.arange(len(codes)),
            "with_axis": codes,
            "base_group": group[member_rows[first]],
            "axis": axis_names[axis[member_rows[first]]] if len(axis_names) else "",
            "lo": s_lo,
            "hi": s_hi,
        }
    )
    member_links = pd.DataFrame({"group": slot, "key_id": key_id[is_member]})
    keep = ~is_member
    totals = pd.DataFrame(
        {
            "key_id": key_id[keep],
            "lo_total": lo[keep],
            "hi_total": hi[keep],
            "with_axis": with_axis[keep],
            "base_group": group[keep],
            "kind": kind[keep],
        },
        index=np.flatnonzero(keep),  # the row positions, as a filtered frame keeps them
    )
    return MemberSums(sums, member_links, totals)


def sum_intervals(
    lo: np.ndarray, hi: np.ndarray, slot: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Interval sums per slot, widened by a bound on the rounding error of a float sum of k
    terms. An unbounded member makes its side of the sum unbounded and adds no error to the
    other side (over 5 plus 3 is at least 8)."""
    lo_fin, hi_fin = np.isfinite(lo), np.isfinite(hi)
    s_lo = np.bincount(slot, weights=np.where(lo_fin, lo, 0.0), minlength=n)
    s_hi = np.bincount(slot, weights=np.where(hi_fin, hi, 0.0), minlength=n)
    unbounded_lo = np.bincount(slot, weights=~lo_fin, minlength=n) > 0
    unbounded_hi = np.bincount(slot, weights=~hi_fin, minlength=n) > 0
    count = np.bincount(slot, minlength=n)
    mag_lo = np.bincount(slot, weights=np.where(lo_fin, np.abs(lo), 0.0), minlength=n)
    mag_hi = np.bincount(slot, weights=np.where(hi_fin, np.abs(hi), 0.0), minlength=n)
    lo_sum = np.nextafter(s_lo - count * _EPS * mag_lo, -np.inf)
    hi_sum = np.nextafter(s_hi + count * _EPS * mag_hi, np.inf)
    return np.where(unbounded_lo, -np.inf, lo_sum), np.where(unbounded_hi, np.inf, hi_sum)


def sum_checks(t: Template, ms: MemberSums, d: Dictionary) -> Checks | None:
    totals = ms.totals
    if t.axis is AxisRule.SAME:
        printed = totals[totals["kind"] == MemberRule.TOTAL.value]
        both = ms.sums.merge(printed.drop(columns=["base_group"]), on="with_axis")
        target = TOTAL_MEMBER
    else:
        whole = totals[totals["kind"] == MemberRule.NONE.value]
        both = ms.sums.merge(whole.drop(columns=["with_axis"]), on="base_group")
        axes, slot = np.unique(both["axis"].to_numpy(dtype=object), return_inverse=True)
        complete = np.array(
            [d.axes[a].complete if a in d.axes else False for a in axes.tolist()], dtype=bool
        )[slot].reshape(-1)
        both = both[complete if t.axis is AxisRule.COMPLETE else ~complete]
        target = ""
    if both.empty:
        return None
    members = ms.member_links.merge(
        pd.DataFrame({"group": both["group"].to_numpy(), "check": np.arange(len(both))}),
        on="group",
    )
    checks = make_checks(
        rule=t.id,
        kind=t.kind.value,
        relation=t.relation.value,
        anchor=both["key_id"].to_numpy(),
        stated=Intervals.of(both["lo_total"], both["hi_total"]),
        derived=Intervals.of(both["lo"], both["hi"]),
        axis=both["axis"].to_numpy(dtype=object),
        target=target,
        roles=[("total", both["key_id"].to_numpy(float))],
    )
    member_rows = pd.DataFrame(
        {
            "check": members["check"].to_numpy(np.int64),
            "key_id": members["key_id"].to_numpy(np.int64),
            "role": pd.Categorical.from_codes(
                np.zeros(len(members), np.int8), dtype=dtype_of(["member"])
            ),
        }
    )
    return Checks(checks.table, pd.concat([checks.links, member_rows], ignore_index=True))
