"""Members add up: the listed members of an axis against their printed total (合计) and
against the figure without member (= for a complete axis, ≤ for a partial list)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.checks import STR, Checks, judge
from validator.io.dictionary import Axis
from validator.model.intervals import Intervals
from validator.model.verdict import Kind, Relation

TOTAL_MEMBER = "合计"
SUMMABLE = ["level", "share", "abs_change"]
# Dimensions whose levels add up across members (ratios and unit prices do not).
ADDITIVE = ["money", "money_usd", "money_hkd", "quantity", "headcount", "count", "share_count"]
GROUP = [
    "entity",
    "scope",
    "period_key",
    "concept",
    "measure",
    "base_key",
    "whole_concept",
    "whole_scope",
    "whole_member",
    "dimension",
]
_EPS = np.finfo(float).eps


def sum_checks(values: pd.DataFrame, axes: dict[str, Axis]) -> Checks:
    v = values[values["measure"].isin(SUMMABLE)]
    v = v[(v["measure"] == "share") | v["dimension"].isin(ADDITIVE)]
    listed = v[(v["member"] != "") & ~v["member"].str.endswith(":" + TOTAL_MEMBER)]
    if listed.empty:
        return Checks.concat([])
    keys = [*GROUP, "member_axis"]
    listed = listed.assign(mag=np.maximum(listed["lo"].abs(), listed["hi"].abs()))
    grouped = listed.groupby(keys, sort=True, observed=True)
    sums = grouped.agg(
        lo=("lo", "sum"), hi=("hi", "sum"), n=("lo", "size"), mag=("mag", "sum")
    ).reset_index()
    # Bound on the rounding error of a float sum of n terms.
    err = sums["n"] * _EPS * sums["mag"]
    sums["lo"] = np.nextafter(sums["lo"] - err, -np.inf)
    sums["hi"] = np.nextafter(sums["hi"] + err, np.inf)
    sums["group"] = np.arange(len(sums))
    labels = listed[[*keys, "period_label", "base_label"]].drop_duplicates(subset=keys)
    sums = sums.merge(labels, on=keys, how="left")
    member_links = listed.merge(sums[[*keys, "group"]], on=keys)[["group", "key_id"]]

    totals = v
    printed = totals[totals["member"].str.endswith(":" + TOTAL_MEMBER)]
    printed = printed.assign(member_axis=printed["member"].str.extract(r"^([^:]*)")[0])
    against_printed = sums.merge(
        printed[[*keys, "key_id", "lo", "hi"]], on=keys, suffixes=("", "_total")
    )
    against_printed["complete"] = True
    whole = totals[totals["member"] == ""].drop(columns=["member_axis"])
    against_whole = sums.merge(
        whole[[*GROUP, "key_id", "lo", "hi"]], on=GROUP, suffixes=("", "_total")
    )
    against_whole["complete"] = (
        against_whole["member_axis"]
        .map({a.id: a.complete for a in axes.values()})
        .fillna(False)
        .astype(bool)
    )
    against_printed["target"] = TOTAL_MEMBER
    against_whole["target"] = "total"
    both = pd.concat([against_printed, against_whole], ignore_index=True)
    if both.empty:
        return Checks.concat([])
    return _checks(both, member_links)


def _checks(s: pd.DataFrame, member_links: pd.DataFrame) -> Checks:
    complete = s["complete"].to_numpy(dtype=bool)
    relation = np.where(complete, Relation.EQ.value, Relation.GE.value)
    kind = np.where(complete, Kind.SUM.value, Kind.PARTIAL_SUM.value)
    stated = Intervals.of(s["lo_total"], s["hi_total"])
    derived = Intervals.of(s["lo"], s["hi"])
    verdict, miss = judge(stated, derived, relation)
    measure = (":" + s["measure"]).where(s["measure"] != "level", "")
    whole = (" of " + s["whole_concept"]).where(s["whole_concept"] != "", "")
    base = (" vs " + s["base_label"]).where(s["base_label"] != "", "")
    target = np.where(s["target"] == TOTAL_MEMBER, "=" + TOTAL_MEMBER, "")
    check_id = (
        "sum:"
        + s["entity"]
        + "/"
        + s["scope"]
        + "/"
        + s["period_label"]
        + "/"
        + s["concept"]
        + "/"
        + s["member_axis"]
        + target
        + measure
        + base
        + whole
    ).astype(STR)
    expression = np.where(
        s["target"] == TOTAL_MEMBER,
        "Σ " + s["member_axis"] + " members = " + s["member_axis"] + ":" + TOTAL_MEMBER,
        np.where(
            complete,
            "Σ " + s["member_axis"] + " members = total",
            "Σ listed " + s["member_axis"] + " members ≤ total",
        ),
    )
    table = pd.DataFrame(
        {
            "check_id": check_id.to_numpy(),
            "rule": np.where(complete, "members_sum", "partial_list"),
            "name_zh": np.where(complete, "分项之和等于合计", "所列分项之和不超过总额"),
            "name_en": np.where(
                complete, "Members add up to the total", "Listed members do not exceed the total"
            ),
            "kind": kind,
            "relation": relation,
            "expression": expression,
            "entity": s["entity"].to_numpy(),
            "scope": s["scope"].to_numpy(),
            "period": s["period_label"].to_numpy(),
            "concept": s["concept"].to_numpy(),
            "member": (s["member_axis"] + ":*").to_numpy(),
            "dimension": s["dimension"].to_numpy(),
            "stated_lo": stated.lo,
            "stated_hi": stated.hi,
            "derived_lo": derived.lo,
            "derived_hi": derived.hi,
            "verdict": verdict,
            "miss": miss,
            "reason": "",
        }
    )
    total_links = pd.DataFrame(
        {"check_id": check_id.to_numpy(), "key_id": s["key_id"].to_numpy(), "role": "total"}
    )
    members = member_links.merge(
        pd.DataFrame({"group": s["group"].to_numpy(), "check_id": check_id.to_numpy()}), on="group"
    )
    member_rows = pd.DataFrame(
        {
            "check_id": members["check_id"].to_numpy(),
            "key_id": members["key_id"].to_numpy(),
            "role": "member",
        }
    )
    return Checks(table, pd.concat([total_links, member_rows], ignore_index=True))
