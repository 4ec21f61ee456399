"""From validated string columns to the typed facts table the engine joins on.

Adds canonical period keys, the unit's dimension, each literal's interval in base units, and
the parts of a share's whole; rejects rows whose columns contradict each other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.errors import InputError, Problem
from validator.io.dictionary import Dictionary
from validator.io.facts_schema import STR, WHOLE_PATTERN
from validator.model.literals import MAX_SIGNIFICANT_DIGITS, literal_bounds, significant_digits
from validator.model.periods import parse_period

RATIO_MEASURES = {"growth", "narrowing", "share", "cagr"}
MAX_PROBLEMS = 50


def _period_tables(periods: pd.Series) -> pd.DataFrame:
    """key, type and label of each distinct printed period (a loop over distinct values only)."""
    rows = []
    for text in pd.unique(periods):
        if text == "":
            rows.append((text, "", "", "", None, None))
            continue
        p = parse_period(text)
        rows.append((text, p.key, p.type.value, p.label(), p.start, p.end))
    return pd.DataFrame(rows, columns=["text", "key", "type", "label", "start", "end"])


def prepare_facts(facts: pd.DataFrame, d: Dictionary) -> pd.DataFrame:
    """Typed facts table; InputError listing every contradictory row."""
    f = facts.reset_index(drop=True).copy()
    f["fact_id"] = np.arange(len(f), dtype=np.int64)
    problems: list[Problem] = []

    def flag(mask: np.ndarray, column: str, message: str) -> None:
        for i in np.flatnonzero(mask)[:MAX_PROBLEMS]:
            problems.append(Problem(message, f["file"].iat[i], int(f["line"].iat[i]), column))

    periods = pd.concat([f["period"], f["base"]]).astype(str)
    try:
        table = _period_tables(periods).set_index("text")
    except ValueError as exc:  # an impossible date such as 2024-02-30
        bad = [t for t in pd.unique(periods) if t and _bad_period(t)]
        mask = f["period"].isin(bad).to_numpy() | f["base"].isin(bad).to_numpy()
        flag(mask, "period", str(exc))
        raise InputError(problems) from None
    f["period_key"] = f["period"].map(table["key"]).astype(STR)
    f["period_type"] = f["period"].map(table["type"]).astype(STR)
    f["period_label"] = f["period"].map(table["label"]).astype(STR)
    f["base_key"] = f["base"].map(table["key"]).fillna("").astype(STR)
    f["base_label"] = f["base"].map(table["label"]).fillna("").astype(STR)
    base_type = f["base"].map(table["type"]).fillna("")

    concept_type = f["concept"].map({c.id: c.period.value for c in d.concepts.values()})
    flag(
        (concept_type != f["period_type"]).to_numpy(),
        "period",
        "period type does not match the concept (instant concepts take YYYY-MM-DD, "
        "flows take a duration such as 2024, 2024H1, 2025Q1)",
    )
    flag(
        ((f["base"] != "") & (base_type != f["period_type"])).to_numpy(),
        "base",
        "base period must be of the same type (instant or duration) as the period",
    )
    flag(
        ((f["base"] != "") & (f["base_key"] == f["period_key"])).to_numpy(),
        "base",
        "base period is the period itself",
    )

    dim = f["unit"].map({u.unit: u.dimension for u in d.units.values()}).astype(STR)
    f["dimension"] = dim
    allowed = [f"{c.id}|{x}" for c in d.concepts.values() for x in c.dimensions]
    measure = f["measure"]
    level_like = measure.isin(["level", "abs_change"]).to_numpy()
    fits_concept = (f["concept"] + "|" + dim.fillna("")).isin(allowed).to_numpy()
    flag(
        level_like & ~fits_concept,
        "unit",
        "unit does not fit the concept's dimension (e.g. a ratio in %, money in 亿元)",
    )
    flag(
        measure.isin(list(RATIO_MEASURES)).to_numpy() & (f["unit"] != "%").to_numpy(),
        "unit",
        "growth, narrowing, share and cagr are stated in %",
    )
    flag(
        ((measure == "pp_change") & (f["unit"] != "个百分点")).to_numpy(),
        "unit",
        "a pp_change is stated in 个百分点",
    )
    ratio_concept = (f["concept"] + "|ratio").isin(allowed)
    flag(
        ((measure == "pp_change") & ~ratio_concept & (f["whole"] == "")).to_numpy(),
        "concept",
        "a pp_change is a change of a ratio concept or (with a whole) of a share",
    )

    digits = significant_digits(f["value"])
    flag(
        (digits > MAX_SIGNIFICANT_DIGITS).to_numpy(),
        "value",
        f"more than {MAX_SIGNIFICANT_DIGITS} significant digits",
    )

    whole = f["whole"].str.extract(WHOLE_PATTERN)
    f["whole_concept"] = whole[0].fillna("").astype(STR)
    f["whole_scope"] = whole[2].fillna("").astype(STR)
    f["whole_scope"] = f["whole_scope"].where(f["whole_scope"] != "", f["scope"]).astype(STR)
    f.loc[f["whole"] == "", "whole_scope"] = ""
    whole_member = (whole[4].fillna("") + ":" + whole[5].fillna("")).where(whole[4].notna(), "")
    f["whole_member"] = whole_member.astype(STR)
    known = f["whole_concept"].isin(list(d.concepts)) | (f["whole_concept"] == "")
    flag(~known.to_numpy(), "whole", "unknown concept in whole")
    bad_axis = (f["whole_member"] != "") & ~whole[4].isin(list(d.axes))
    flag(bad_axis.to_numpy(), "whole", "unknown axis in whole")

    if problems:
        raise InputError(problems)

    scale_m = f["unit"].map({u.unit: u.scale.mantissa for u in d.units.values()}).to_numpy("int64")
    scale_e = f["unit"].map({u.unit: u.scale.exponent for u in d.units.values()}).to_numpy("int64")
    discrete = f["unit"].map({u.unit: u.discrete for u in d.units.values()}).to_numpy(bool)
    lo, hi = literal_bounds(f["value"], f["qualifier"], scale_m, scale_e, discrete)
    # A level of a non-negative concept cannot be below zero, whatever its rounding allows.
    nonnegative = f["concept"].map({c.id: c.nonnegative for c in d.concepts.values()})
    clamp = nonnegative.to_numpy(bool) & (f["measure"] == "level").to_numpy()
    f["lo"] = np.where(clamp, np.maximum(lo, 0.0), lo)
    f["hi"] = hi
    f["member_axis"] = f["member"].str.extract(r"^([^:]*)")[0].fillna("").astype(STR)
    return f


def _bad_period(text: str) -> bool:
    try:
        parse_period(text)
    except ValueError:
        return True
    return False
