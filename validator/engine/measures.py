"""Generic measure semantics: every stated growth, narrowing, pp change, absolute change, CAGR
and share is checked against the levels it compares, wherever those are stated."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.checks import STR, Checks, judge
from validator.engine.values import key_suffix
from validator.model.intervals import Intervals
from validator.model.periods import parse_period
from validator.model.verdict import Kind, Relation

_NAMES = {
    "growth": (
        "增长率 = (本期 − 基期) / |基期|",
        "Growth = (current − base) / |base|",
        Kind.GROWTH,
        "(current − base) / |base|",
    ),
    "narrowing": (
        "亏损收窄 = (|基期| − |本期|) / |基期|",
        "Loss narrowing = (|base| − |current|) / |base|",
        Kind.GROWTH,
        "(|base| − |current|) / |base|",
    ),
    "pp_change": (
        "百分点变动 = 本期比率 − 基期比率",
        "pp change = current ratio − base ratio",
        Kind.PP_CHANGE,
        "current ratio − base ratio",
    ),
    "abs_change": (
        "增减额 = 本期 − 基期",
        "Absolute change = current − base",
        Kind.ABS_CHANGE,
        "current − base",
    ),
    "cagr": (
        "年复合增长率 = (本期 / 基期)^(1/年数) − 1",
        "CAGR = (current / base)^(1/years) − 1",
        Kind.GROWTH,
        "(current / base)^(1/years) − 1",
    ),
    "share": ("占比 = 部分 / 整体", "Share = part / whole", Kind.SHARE, "part / whole"),
}
_LOOKUP = ["entity", "scope", "concept", "member", "period_key", "dimension"]


def measure_checks(values: pd.DataFrame) -> Checks:
    stated = values[values["measure"] != "level"].reset_index(drop=True)
    if stated.empty:
        return Checks.concat([])
    levels = values[values["measure"] == "level"]
    shares = values[values["measure"] == "share"]
    lookup_level = levels[[*_LOOKUP, "key_id", "lo", "hi"]]

    parts = []
    for measure in _NAMES:
        sub = stated[stated["measure"] == measure].reset_index(drop=True)
        if sub.empty:
            continue
        parts.append(_measure(measure, sub, lookup_level, shares))
    return Checks.concat(parts)


def _join(
    left: pd.DataFrame,
    right: pd.DataFrame,
    on: dict[str, str],
    prefix: str,
    match_dimension: str | None,
) -> pd.DataFrame:
    """Left-join the level (lo, hi, key_id) found at the columns named in `on`."""
    keys = list(on.values())
    r = right.rename(
        columns={
            "lo": f"{prefix}_lo",
            "hi": f"{prefix}_hi",
            "key_id": f"{prefix}_key",
            "dimension": f"{prefix}_dim",
        }
    )
    r = r.rename(columns={k: f"_{prefix}_{k}" for k in on})
    left_on = keys
    right_on = [f"_{prefix}_{k}" for k in on]
    if match_dimension:
        left_on = [*keys, match_dimension]
        right_on = [*right_on, f"{prefix}_dim"]
    merged = left.merge(r, how="left", left_on=left_on, right_on=right_on)
    merged = merged.drop(columns=[c for c in right_on if c.startswith(f"_{prefix}_")])
    return merged.drop_duplicates(subset=["key_id"], keep="first").reset_index(drop=True)


def _measure(measure: str, s: pd.DataFrame, levels: pd.DataFrame, shares: pd.DataFrame) -> Checks:
    name_zh, name_en, kind, template = _NAMES[measure]
    on_cur = {
        "entity": "entity",
        "scope": "scope",
        "concept": "concept",
        "member": "member",
        "period_key": "period_key",
    }
    s = s.copy()
    if measure == "share":
        whole = s.assign(_wc=s["whole_concept"], _ws=s["whole_scope"], _wm=s["whole_member"])
        s = _join(
            whole,
            levels,
            {
                "entity": "entity",
                "scope": "_ws",
                "concept": "_wc",
                "member": "_wm",
                "period_key": "period_key",
            },
            "b",
            None,
        )
        s = s.drop(columns=["_wc", "_ws", "_wm"])
        s = _join(s, levels, on_cur, "c", None)
        same_dim = s["c_dim"].isna() | s["b_dim"].isna() | (s["c_dim"] == s["b_dim"])
        s.loc[~same_dim, ["b_lo", "b_hi"]] = np.nan
    else:
        source = levels
        if measure == "pp_change":
            source = pd.concat([levels[levels["dimension"] == "ratio"]])
        s = s.assign(_base_period=s["base_key"])
        if measure == "pp_change" and (s["whole_concept"] != "").any():
            s = _pp_of_share(s, source, shares)
        else:
            match = "dimension" if measure == "abs_change" else None
            s = _join(s, source, on_cur, "c", match)
            s = _join(s, source, {**on_cur, "period_key": "_base_period"}, "b", match)
            if match is None:
                same = s["c_dim"].isna() | s["b_dim"].isna() | (s["c_dim"] == s["b_dim"])
                s.loc[~same, ["b_lo", "b_hi"]] = np.nan
    cur = Intervals.of(s["c_lo"], s["c_hi"])
    base = Intervals.of(s["b_lo"], s["b_hi"])
    derived = _derive(measure, cur, base, s)
    stated = Intervals.of(s["lo"], s["hi"])
    relation = np.full(len(s), Relation.EQ.value, dtype=object)
    verdict, miss = judge(stated, derived, relation)
    reason = _reason(s)
    check_id = (
        measure
        + ":"
        + s["entity"]
        + "/"
        + s["scope"]
        + "/"
        + s["period_label"]
        + "/"
        + s["concept"]
        + key_suffix(s, with_measure=False)
    ).astype(STR)
    table = pd.DataFrame(
        {
            "check_id": check_id.to_numpy(),
            "rule": measure,
            "name_zh": name_zh,
            "name_en": name_en,
            "kind": kind.value,
            "relation": relation,
            "expression": template,
            "entity": s["entity"].to_numpy(),
            "scope": s["scope"].to_numpy(),
            "period": s["period_label"].to_numpy(),
            "concept": s["concept"].to_numpy(),
            "member": s["member"].to_numpy(),
            "dimension": s["dimension"].to_numpy(),
            "stated_lo": stated.lo,
            "stated_hi": stated.hi,
            "derived_lo": derived.lo,
            "derived_hi": derived.hi,
            "verdict": verdict,
            "miss": miss,
            "reason": reason,
        }
    )
    roles = [
        ("stated", s["key_id"]),
        ("current", s["c_key"]),
        ("whole" if measure == "share" else "base", s["b_key"]),
    ]
    links = pd.concat(
        [
            pd.DataFrame({"check_id": check_id.to_numpy(), "key_id": k.to_numpy(), "role": role})
            for role, k in roles
        ],
        ignore_index=True,
    ).dropna(subset=["key_id"])
    links["key_id"] = links["key_id"].astype("int64")
    return Checks(table, links)


def _pp_of_share(s: pd.DataFrame, levels: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """A pp change of a share (占比提升 x 个百分点) compares the stated shares of the same whole."""
    share_rows = shares[
        [
            "entity",
            "scope",
            "concept",
            "member",
            "period_key",
            "whole_concept",
            "whole_scope",
            "whole_member",
            "dimension",
            "key_id",
            "lo",
            "hi",
        ]
    ]
    is_share = s["whole_concept"] != ""
    on = {
        "entity": "entity",
        "scope": "scope",
        "concept": "concept",
        "member": "member",
        "whole_concept": "whole_concept",
        "whole_scope": "whole_scope",
        "whole_member": "whole_member",
    }
    with_share = _join(s[is_share], share_rows, {**on, "period_key": "period_key"}, "c", None)
    with_share = _join(with_share, share_rows, {**on, "period_key": "_base_period"}, "b", None)
    plain = s[~is_share]
    on_cur = {k: k for k in ("entity", "scope", "concept", "member", "period_key")}
    plain = _join(plain, levels, on_cur, "c", None)
    plain = _join(plain, levels, {**on_cur, "period_key": "_base_period"}, "b", None)
    return pd.concat([with_share, plain], ignore_index=True)


def _derive(measure: str, cur: Intervals, base: Intervals, s: pd.DataFrame) -> Intervals:
    one = Intervals.constant(1.0, len(cur))
    if measure in ("pp_change", "abs_change"):
        return cur - base
    if measure == "share":
        return cur / base
    ratio = cur / base
    if measure == "growth":
        positive = base.lo > 0
        up, down = ratio - one, one - ratio
        return Intervals(np.where(positive, up.lo, down.lo), np.where(positive, up.hi, down.hi))
    if measure == "narrowing":
        return one - ratio.abs()
    years = _years(s)
    return (ratio ** Intervals.point(1.0 / years)) - one


def _years(s: pd.DataFrame) -> np.ndarray:
    """Whole years from base to period, per distinct pair (NaN when not a whole number)."""
    pairs = s[["period_key", "base_key"]].drop_duplicates()
    years = {}
    for p, b in pairs.itertuples(index=False):
        pe, be = parse_period(p.split("..")[-1]).end, parse_period(b.split("..")[-1]).end
        whole = (pe.month, pe.day) == (be.month, be.day) and pe.year > be.year
        years[(p, b)] = float(pe.year - be.year) if whole else np.nan
    index = pd.MultiIndex.from_frame(s[["period_key", "base_key"]])
    return np.asarray(pd.Series(years).reindex(index).to_numpy(), dtype=float)


def _reason(s: pd.DataFrame) -> np.ndarray:
    missing_cur = s["c_lo"].isna().to_numpy()
    missing_base = s["b_lo"].isna().to_numpy()
    member = (" " + s["member"]).where(s["member"] != "", "")
    cur_text = (
        "no stated level of " + s["concept"] + member + " for " + s["period_label"]
    ).to_numpy()
    other = np.where(
        s["measure"] == "share",
        "no stated level of the whole " + s["whole_concept"] + " for " + s["period_label"],
        "no stated level of " + s["concept"] + member + " for the base " + s["base_label"],
    )
    return np.where(missing_cur, cur_text, np.where(missing_base, other, ""))
