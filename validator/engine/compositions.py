"""The composition primitive: the slots of one printed composition, taken as printed.

A composition sentence or list ("收入构成：X占a%，Y占b%，Z占c%") is a set of slots, one per
listed item, named by the facts' `composition` column. Every slot counts, so an item listed
twice is summed twice, as the reader of the sentence would: the shares of a complete list add up
to 100%, those of a partial list to at most 100%, the amounts of a list to its `total:` figure.
An item listed at several slots of one composition is a finding of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.engine.checks import Checks, dtype_of, make_checks
from validator.engine.sums import sum_intervals
from validator.io.compositions import composition_parts
from validator.model.intervals import Intervals
from validator.model.verdict import Reason, Verdict
from validator.rules.plan import AxisRule, Template

WHOLE_SHARE = 1.0  # a share list's whole: 100%, as a fraction


@dataclass(frozen=True)
class Slots:
    """The slots of every composition, and per composition its list, sum and total."""

    slots: pd.DataFrame  # group, key_id, lo, hi (one row per listed slot, totals excluded)
    groups: pd.DataFrame  # group, name, complete, share, anchor, total (key or -1), lo, hi

    @staticmethod
    def build(facts: pd.DataFrame, lo: np.ndarray, hi: np.ndarray) -> Slots | None:
        if "composition" not in facts or not (facts["composition"] != "").any():
            return None
        role, name = composition_parts(facts["composition"])
        rows = np.flatnonzero(role != "")
        entity = facts["entity"].astype(object).to_numpy()[rows]
        group, _ = pd.factorize(pd.Series(entity + "\x1f" + name[rows]))
        key = facts["key_id"].to_numpy()[rows]
        n = int(group.max()) + 1
        is_total = role[rows] == "total"
        listed = ~is_total
        s_lo, s_hi = sum_intervals(lo[rows][listed], hi[rows][listed], group[listed], n)
        total = np.full(n, -1, dtype=np.int64)
        total[group[is_total]] = key[is_total]
        t_lo, t_hi = np.full(n, np.nan), np.full(n, np.nan)
        t_lo[group[is_total]], t_hi[group[is_total]] = lo[rows][is_total], hi[rows][is_total]
        first = np.full(n, -1, dtype=np.int64)
        first[group[listed][::-1]] = key[listed][::-1]  # the first listed slot of each
        share = np.zeros(n, dtype=bool)
        share[group] = facts["measure"].astype(object).to_numpy()[rows] == "share"
        complete = np.zeros(n, dtype=bool)
        complete[group[role[rows] == "complete"]] = True
        names = np.empty(n, dtype=object)
        names[group] = name[rows]
        groups = pd.DataFrame(
            {
                "group": np.arange(n),
                "name": names,
                "complete": complete,
                "share": share,
                "anchor": np.where(total >= 0, total, first),
                "total": total,
                "total_lo": t_lo,
                "total_hi": t_hi,
                "lo": s_lo,
                "hi": s_hi,
            }
        )
        slots = pd.DataFrame(
            {
                "group": group[listed],
                "key_id": key[listed],
                "lo": lo[rows][listed],
                "hi": hi[rows][listed],
            }
        )
        return Slots(slots, groups[groups["anchor"] >= 0].reset_index(drop=True))


def composition_checks(t: Template, s: Slots) -> Checks | None:
    if t.grouping == "item":
        return _item_checks(t, s)
    g = s.groups[s.groups["complete"] == (t.axis is AxisRule.COMPLETE)]
    if g.empty:
        return None
    has_total = (g["total"] >= 0).to_numpy()
    share = g["share"].to_numpy()
    whole_lo = np.where(has_total, g["total_lo"], np.where(share, WHOLE_SHARE, np.nan))
    whole_hi = np.where(has_total, g["total_hi"], np.where(share, WHOLE_SHARE, np.nan))
    missing = ~has_total & ~share  # an amounts list without its total
    checks = make_checks(
        rule=t.id,
        kind=t.kind.value,
        relation=t.relation.value,
        anchor=g["anchor"].to_numpy(),
        stated=Intervals.of(whole_lo, whole_hi),
        derived=Intervals.of(g["lo"], g["hi"]),
        reason=np.where(missing, Reason.MISSING.value, Reason.NONE.value).astype(object),
        missing=np.where(missing, "total", "").astype(object),
        axis=g["name"].to_numpy(dtype=object),
        roles=[("total", np.where(has_total, g["total"], np.nan))],
    )
    members = s.slots.drop_duplicates(["group", "key_id"]).merge(
        pd.DataFrame({"group": g["group"].to_numpy(), "check": np.arange(len(g))}), on="group"
    )
    return Checks(checks.table, pd.concat([checks.links, _links(members, "member")]))


def _item_checks(t: Template, s: Slots) -> Checks | None:
    """Each item listed at two or more slots of one composition: the slots' sum against the
    item once. Always a finding, even when the item is zero and the sum still agrees."""
    counted = (
        s.slots.groupby(["group", "key_id"], sort=True)
        .agg(
            count=("lo", "size"),
            lo=("lo", "sum"),
            hi=("hi", "sum"),
            one_lo=("lo", "first"),
            one_hi=("hi", "first"),
        )
        .reset_index()
    )
    twice = counted[counted["count"] > 1].reset_index(drop=True)
    if twice.empty:
        return None
    names = s.groups.set_index("group")["name"]
    checks = make_checks(
        rule=t.id,
        kind=t.kind.value,
        relation=t.relation.value,
        anchor=twice["key_id"].to_numpy(),
        stated=Intervals.of(twice["lo"], twice["hi"]),
        derived=Intervals.of(twice["one_lo"], twice["one_hi"]),
        axis=names.reindex(twice["group"]).to_numpy(dtype=object),
        roles=[("slot", twice["key_id"].to_numpy(float))],
    )
    table = checks.table
    agrees = (table["verdict"] == Verdict.CONSISTENT.value).to_numpy()
    if agrees.any():  # a zero item listed twice: the sum cannot show it, the listing does
        magnitude = np.maximum(np.abs(twice["one_lo"]), np.abs(twice["one_hi"])).to_numpy()
        miss = table["miss"].to_numpy(float).copy()
        miss[agrees] = ((twice["count"].to_numpy() - 1) * magnitude)[agrees]
        verdict = table["verdict"].astype(object).to_numpy().copy()
        verdict[agrees] = Verdict.DISCREPANT.value
        table = table.assign(
            verdict=pd.Categorical(verdict, categories=table["verdict"].cat.categories),
            miss=miss,
        )
    return Checks(table, checks.links)


def _links(rows: pd.DataFrame, role: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "check": rows["check"].to_numpy(np.int64),
            "key_id": rows["key_id"].to_numpy(np.int64),
            "role": pd.Categorical.from_codes(np.zeros(len(rows), np.int8), dtype=dtype_of([role])),
        }
    )


def slot_facts_only(
    links: dict[str, np.ndarray], facts: pd.DataFrame, is_composition: np.ndarray, axis: np.ndarray
) -> dict[str, np.ndarray]:
    """(check, fact, key, role) link arrays with a composition check's facts cut to its own
    slots: the same figure printed elsewhere is not a slot of this composition."""
    if "composition" not in facts or not is_composition.any() or not len(links["check"]):
        return links
    _, name = composition_parts(facts["composition"])
    check, fact = links["check"], links["fact"]
    keep = ~is_composition[check] | (name[fact] == axis[check])
    return {k: v[keep] for k, v in links.items()}
