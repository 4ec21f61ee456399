"""From validated string columns to the typed facts table the engine joins on.

Adds canonical period keys, the unit's dimension, each literal's interval in base units, and
the parts of a share's whole; rejects rows whose columns contradict each other.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from validator.engine.by_value import by_value, lookup
from validator.errors import InputError, Problem
from validator.io.dictionary import Dictionary
from validator.io.facts_schema import STR, WHOLE_PATTERN
from validator.model.literals import MAX_SIGNIFICANT_DIGITS, literal_bounds, significant_digits
from validator.model.periods import Period, parse_period

RATIO_MEASURES = ["growth", "narrowing", "share", "cagr"]
MAX_PROBLEMS = 50
_WHOLE = re.compile(WHOLE_PATTERN)


def _period(text: str) -> Period | None:
    if not text:
        return None
    try:
        return parse_period(text)
    except ValueError:
        return None


def _whole_parts(text: str) -> tuple[str, str, str]:
    m = _WHOLE.match(text) if text else None
    if not m:
        return "", "", ""
    return m[1], m[3] or "", f"{m[5]}:{m[6]}" if m[5] else ""


def prepare_facts(facts: pd.DataFrame, d: Dictionary) -> pd.DataFrame:
    """Typed facts table; InputError listing every contradictory row."""
    f = facts.reset_index(drop=True).copy()
    f["fact_id"] = np.arange(len(f), dtype=np.int64)
    problems: list[Problem] = []

    def flag(mask: np.ndarray, column: str, message: str) -> None:
        for i in np.flatnonzero(mask)[:MAX_PROBLEMS]:
            problems.append(Problem(message, f["file"].iat[i], int(f["line"].iat[i]), column))

    period = by_value(f["period"], _period)
    base = by_value(f["base"], _period)
    flag(pd.isna(period), "period", "not a valid period (check the date)")
    flag((f["base"] != "").to_numpy() & pd.isna(base), "base", "not a valid base period")
    if problems:
        raise InputError(problems)

    def key(p: Period | None) -> str:
        return p.key if p else ""

    f["period_key"] = pd.array(by_value(f["period"], lambda t: key(_period(t))), dtype=STR)
    f["period_type"] = pd.array(by_value(f["period"], lambda t: _period(t).type.value), dtype=STR)
    f["period_label"] = pd.array(by_value(f["period"], lambda t: _period(t).label()), dtype=STR)
    f["base_key"] = pd.array(by_value(f["base"], lambda t: key(_period(t))), dtype=STR)
    f["base_label"] = pd.array(
        by_value(f["base"], lambda t: _period(t).label() if t else ""), dtype=STR
    )
    base_type = by_value(f["base"], lambda t: _period(t).type.value if t else "")

    concept_type = lookup(f["concept"], {c.id: c.period.value for c in d.concepts.values()})
    period_type = f["period_type"].to_numpy(dtype=object)
    flag(
        concept_type != period_type,
        "period",
        "period type does not match the concept (instant concepts take YYYY-MM-DD, "
        "flows take a duration such as 2024, 2024H1, 2025Q1)",
    )
    has_base = (f["base"] != "").to_numpy()
    flag(
        has_base & (base_type != period_type),
        "base",
        "base period must be of the same type (instant or duration) as the period",
    )
    flag(
        has_base & (f["base_key"] == f["period_key"]).to_numpy(),
        "base",
        "base period is the period itself",
    )

    dim = lookup(f["unit"], {u.unit: u.dimension for u in d.units.values()}, "")
    f["dimension"] = pd.array(dim, dtype=STR)
    allowed = {f"{c.id}|{x}" for c in d.concepts.values() for x in c.dimensions}
    pair = f["concept"] + "|" + f["dimension"]
    fits_concept = by_value(pair, lambda p: p in allowed, bool)
    ratio_concept = by_value(f["concept"], lambda c: f"{c}|ratio" in allowed, bool)
    measure = f["measure"].to_numpy(dtype=object)
    unit = f["unit"].to_numpy(dtype=object)
    flag(
        np.isin(measure, ["level", "abs_change"]) & ~fits_concept,
        "unit",
        "unit does not fit the concept's dimension (e.g. a ratio in %, money in 亿元)",
    )
    flag(
        np.isin(measure, RATIO_MEASURES) & (unit != "%"),
        "unit",
        "growth, narrowing, share and cagr are stated in %",
    )
    flag(
        (measure == "pp_change") & (unit != "个百分点"), "unit", "a pp_change is stated in 个百分点"
    )
    flag(
        (measure == "pp_change") & ~ratio_concept & (f["whole"] == "").to_numpy(),
        "concept",
        "a pp_change is a change of a ratio concept or (with a whole) of a share",
    )

    digits = significant_digits(f["value"])
    flag(
        (digits > MAX_SIGNIFICANT_DIGITS).to_numpy(),
        "value",
        f"more than {MAX_SIGNIFICANT_DIGITS} significant digits",
    )

    parts = by_value(f["whole"], _whole_parts)
    whole_concept = np.array([p[0] for p in parts], dtype=object) if len(parts) else parts
    f["whole_concept"] = pd.array(whole_concept, dtype=STR)
    whole_scope = np.array([p[1] for p in parts], dtype=object) if len(parts) else parts
    f["whole_scope"] = pd.array(
        np.where(whole_scope == "", f["scope"].to_numpy(dtype=object), whole_scope), dtype=STR
    )
    f.loc[f["whole"] == "", "whole_scope"] = ""
    whole_member = np.array([p[2] for p in parts], dtype=object) if len(parts) else parts
    f["whole_member"] = pd.array(whole_member, dtype=STR)
    flag(
        ~by_value(f["whole_concept"], lambda c: c == "" or c in d.concepts, bool),
        "whole",
        "unknown concept in whole",
    )
    flag(
        ~by_value(f["whole_member"], lambda m: m == "" or m.split(":")[0] in d.axes, bool),
        "whole",
        "unknown axis in whole",
    )
    if problems:
        raise InputError(problems)

    scale_m = lookup(f["unit"], {u.unit: u.scale.mantissa for u in d.units.values()}, 1, "int64")
    scale_e = lookup(f["unit"], {u.unit: u.scale.exponent for u in d.units.values()}, 0, "int64")
    discrete = lookup(f["unit"], {u.unit: u.discrete for u in d.units.values()}, False, bool)
    lo, hi = literal_bounds(f["value"], f["qualifier"], scale_m, scale_e, discrete)
    # A level of a non-negative concept cannot be below zero, whatever its rounding allows.
    nonnegative = lookup(
        f["concept"], {c.id: c.nonnegative for c in d.concepts.values()}, False, bool
    )
    clamp = nonnegative & (measure == "level")
    f["lo"] = np.where(clamp, np.maximum(lo, 0.0), lo)
    f["hi"] = hi
    f["member_axis"] = pd.array(by_value(f["member"], lambda m: m.split(":")[0]), dtype=STR)
    return f
