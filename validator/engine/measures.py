"""Generic measure semantics: every stated growth, narrowing, pp change, absolute change, CAGR
and share is checked against the levels it compares, wherever those are stated."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.checks import Checks, make_checks
from validator.engine.lookup import Binder, Found
from validator.model.intervals import Intervals
from validator.model.periods import parse_period
from validator.model.verdict import Kind, Relation

# measure: (name zh, name en, kind, formula in words)
MEASURES = {
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


# The columns a measure check reads (copying only these keeps filtering cheap).
COLUMNS = [
    "measure",
    "key_id",
    "lo",
    "hi",
    "e_c",
    "s_c",
    "m_c",
    "c_c",
    "p_c",
    "b_c",
    "d_c",
    "wc_c",
    "ws_c",
    "wm_c",
    "whole_concept",
    "period_key",
    "base_key",
]


def measure_checks(values: pd.DataFrame, binder: Binder) -> Checks:
    stated = values.loc[(values["measure"] != "level").to_numpy(), COLUMNS]
    measure_of = stated["measure"].astype(object).to_numpy()
    parts = []
    for measure in MEASURES:
        rows = stated[measure_of == measure]
        if measure == "pp_change":
            share_pp = rows["whole_concept"] != ""
            if share_pp.any():
                parts.append(_pp_of_shares(rows[share_pp], values))
            rows = rows[~share_pp]
        if len(rows):
            parts.append(_measure(measure, rows.reset_index(drop=True), binder))
    return Checks.concat(parts)


def _bind(measure: str, s: pd.DataFrame, b: Binder) -> tuple[Found, Found]:
    e, sc, m, c = (s[k].to_numpy() for k in ("e_c", "s_c", "m_c", "c_c"))
    dims = [s["d_c"].to_numpy()] if measure == "abs_change" else b.all_dimensions()
    current = b.find(e, sc, m, c, s["p_c"].to_numpy(), dims)
    if measure == "share":
        other = b.find(
            e,
            s["ws_c"].to_numpy(),
            s["wm_c"].to_numpy(),
            s["wc_c"].to_numpy(),
            s["p_c"].to_numpy(),
            current.dimension,
        )
        if not current.present.all():  # say which side is missing even without the part
            alone = b.find(
                e,
                s["ws_c"].to_numpy(),
                s["wm_c"].to_numpy(),
                s["wc_c"].to_numpy(),
                s["p_c"].to_numpy(),
                b.all_dimensions(),
            )
            other = _prefer(other, alone, ~current.present)
    else:
        other = b.find(e, sc, m, c, s["b_c"].to_numpy(), current.dimension)
        if not current.present.all():
            alone = b.find(e, sc, m, c, s["b_c"].to_numpy(), dims)
            other = _prefer(other, alone, ~current.present)
    return current, other


def _prefer(a: Found, b: Found, mask: np.ndarray) -> Found:
    return Found(
        np.where(mask, b.lo, a.lo),
        np.where(mask, b.hi, a.hi),
        np.where(mask, b.key_id, a.key_id),
        np.where(mask, b.dimension, a.dimension),
    )


def _measure(measure: str, s: pd.DataFrame, binder: Binder) -> Checks:
    current, other = _bind(measure, s, binder)
    both = current.present & other.present
    cur = Intervals.of(np.where(both, current.lo, np.nan), np.where(both, current.hi, np.nan))
    base = Intervals.of(other.lo, other.hi)
    derived = derive(measure, cur, base, _years(s) if measure == "cagr" else None)
    reason = _reason(measure, s, current, other)
    return _checks(
        measure,
        s,
        derived,
        reason,
        [("current", current.key_id), ("whole" if measure == "share" else "base", other.key_id)],
    )


def derive(
    measure: str, cur: Intervals, base: Intervals, years: np.ndarray | None = None
) -> Intervals:
    """The interval a measure must lie in, given the intervals of the levels it compares."""
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
    assert years is not None
    return (ratio ** Intervals.point(1.0 / years)) - one


def _checks(
    measure: str,
    s: pd.DataFrame,
    derived: Intervals,
    reason: np.ndarray,
    roles: list[tuple[str, np.ndarray]],
) -> Checks:
    anchor = s["key_id"].to_numpy()
    return make_checks(
        family="measure",
        rule=measure,
        kind=MEASURES[measure][2].value,
        relation=Relation.EQ.value,
        anchor=anchor,
        stated=Intervals.of(s["lo"], s["hi"]),
        derived=derived,
        reason=reason,
        roles=[("stated", anchor.astype(float)), *roles],
    )


def _pp_of_shares(s: pd.DataFrame, values: pd.DataFrame) -> Checks:
    """占比提升 x 个百分点: the stated shares of the same whole at both periods (rare: a merge)."""
    shares = values[values["measure"] == "share"]
    on = ["e_c", "s_c", "m_c", "c_c", "wc_c", "ws_c", "wm_c"]
    right = shares[[*on, "p_c", "lo", "hi", "key_id"]]
    s = s.reset_index(drop=True).assign(_row=np.arange(len(s)))
    cur = s[[*on, "p_c", "_row"]].merge(right, on=[*on, "p_c"], how="left")
    base = s[[*on, "b_c", "_row"]].merge(
        right.rename(columns={"p_c": "b_c"}), on=[*on, "b_c"], how="left"
    )
    cur = cur.drop_duplicates("_row").sort_values("_row")
    base = base.drop_duplicates("_row").sort_values("_row")
    current = Found(
        cur["lo"].to_numpy(float),
        cur["hi"].to_numpy(float),
        cur["key_id"].to_numpy(float),
        np.zeros(len(s), dtype=np.int64),
    )
    other = Found(
        base["lo"].to_numpy(float),
        base["hi"].to_numpy(float),
        base["key_id"].to_numpy(float),
        np.zeros(len(s), dtype=np.int64),
    )
    derived = Intervals.of(current.lo, current.hi) - Intervals.of(other.lo, other.hi)
    reason = _reason("pp_change", s, current, other, of_share=True)
    return _checks(
        "pp_change", s, derived, reason, [("current", current.key_id), ("base", other.key_id)]
    )


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


MISSING_CURRENT = "missing:current"
MISSING_BASE = "missing:base"
MISSING_WHOLE = "missing:whole"


def _reason(
    measure: str, s: pd.DataFrame, current: Found, other: Found, of_share: bool = False
) -> np.ndarray:
    """Which operand is not stated, as a code the report turns into a sentence."""
    other_code = MISSING_WHOLE if measure == "share" else MISSING_BASE
    return np.where(
        ~current.present, MISSING_CURRENT, np.where(~other.present, other_code, "")
    ).astype(object)
