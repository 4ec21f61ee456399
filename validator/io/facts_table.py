"""From validated string columns to the typed facts table a backend joins on.

Key columns become categoricals; periods get canonical keys; shares get the parts of their
whole. Rows whose columns contradict each other are rejected with their file and line: this is
the last step of input validation, so a backend never meets a fact it cannot read.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from validator.errors import InputError, Problem
from validator.io.columns import as_category, by_value, derive, lookup
from validator.io.compositions import composition_problems
from validator.io.dictionary import Dictionary
from validator.io.facts_schema import COLUMNS, WHOLE_PATTERN, facts_schema
from validator.io.shape import check_shape
from validator.model.literals import MAX_SIGNIFICANT_DIGITS, significant_digits
from validator.model.periods import Period, parse_period

RATIO_MEASURES = ["growth", "narrowing", "share", "cagr"]
# The key columns (entity … unit, but the literal itself) and the provenance held as categories.
CATEGORICAL = [c for c in COLUMNS[: COLUMNS.index("unit") + 1] if c != "value"]
CATEGORICAL += ["file", "document"]
# Where a row was read, not what it states: outside the facts schema.
PROVENANCE = ("file", "line", "document", "printed")
# Provenance texts with few distinct values (most rows empty): a code per row, not an offset.
PROVENANCE_TEXTS = ["location", "src_line", "note", "decimals", "composition"]
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


def validated(facts: pd.DataFrame, d: Dictionary) -> pd.DataFrame:
    """The facts schema over the data columns (located by `file` and `line`), then the typed
    facts: what every loader does with the stated rows."""
    data_columns = [c for c in facts.columns if c not in PROVENANCE]
    check_shape(facts[data_columns], facts_schema(d), facts["file"].array, facts["line"].array)
    return typed_facts(facts, d)


def typed_facts(facts: pd.DataFrame, d: Dictionary) -> pd.DataFrame:
    """Typed facts table; InputError listing every contradictory row."""
    f = facts.reset_index(drop=True)  # copy on write: the caller's columns are never changed
    if "printed" not in f:
        f["printed"] = f["value"]
    for column in CATEGORICAL:
        f[column] = as_category(f[column])
    f["fact_id"] = np.arange(len(f), dtype=np.int64)
    problems: list[Problem] = []

    def flag(mask: np.ndarray, column: str, message: str) -> None:
        for i in np.flatnonzero(mask)[:MAX_PROBLEMS]:
            problems.append(Problem(message, f["file"].iat[i], int(f["line"].iat[i]), column))

    has_base = (f["base"] != "").to_numpy()
    flag(
        by_value(f["period"], lambda t: _period(t) is None, bool),
        "period",
        "not a valid period (check the date)",
    )
    flag(
        has_base & by_value(f["base"], lambda t: _period(t) is None, bool),
        "base",
        "not a valid base period",
    )
    if problems:
        raise InputError(problems)

    f["period_key"] = derive(f["period"], lambda t: _period(t).key)
    f["period_type"] = derive(f["period"], lambda t: _period(t).type.value)
    f["period_label"] = derive(f["period"], lambda t: _period(t).label())
    f["base_key"] = derive(f["base"], lambda t: _period(t).key if t else "")
    f["base_label"] = derive(f["base"], lambda t: _period(t).label() if t else "")

    concept_type = lookup(f["concept"], {c.id: c.period.value for c in d.concepts.values()}, "")
    period_type = by_value(f["period"], lambda t: _period(t).type.value)
    base_type = by_value(f["base"], lambda t: _period(t).type.value if t else "")
    flag(
        concept_type != period_type,
        "period",
        "period type does not match the concept (instant concepts take YYYY-MM-DD, "
        "flows take a duration such as 2024, 2024H1, 2025Q1)",
    )
    flag(
        has_base & (base_type != period_type),
        "base",
        "base period must be of the same type (instant or duration) as the period",
    )
    flag(
        has_base
        & (
            by_value(f["base"], lambda t: _period(t).key if t else "")
            == by_value(f["period"], lambda t: _period(t).key)
        ),
        "base",
        "base period is the period itself",
    )

    f["dimension"] = derive(f["unit"], lambda u: d.units[u].dimension if u in d.units else "")
    measure = f["measure"]
    level_like = measure.isin(["level", "abs_change"]).to_numpy()
    # Does the unit's dimension fit the concept? A small table over (concept, unit) codes.
    concepts, units = f["concept"].cat.categories, f["unit"].cat.categories
    fits = np.array(
        [
            [
                d.units[u].dimension in d.concepts[c].dimensions
                if c in d.concepts and u in d.units
                else False
                for u in units
            ]
            for c in concepts
        ],
        dtype=bool,
    ).reshape(len(concepts), len(units))
    fits_concept = fits[f["concept"].cat.codes.to_numpy(), f["unit"].cat.codes.to_numpy()]
    ratio_concept = by_value(f["concept"], lambda c: "ratio" in d.concepts[c].dimensions, bool)
    is_percent = (f["unit"] == "%").to_numpy()
    flag(
        level_like & ~fits_concept,
        "unit",
        "unit does not fit the concept's dimension (e.g. a ratio in %, money in 亿元)",
    )
    flag(
        measure.isin(RATIO_MEASURES).to_numpy() & ~is_percent,
        "unit",
        "growth, narrowing, share and cagr are stated in %",
    )
    is_pp = (measure == "pp_change").to_numpy()
    flag(is_pp & (f["unit"] != "个百分点").to_numpy(), "unit", "a pp_change is stated in 个百分点")
    flag(
        is_pp & ~ratio_concept & (f["whole"] == "").to_numpy(),
        "concept",
        "a pp_change is a change of a ratio concept or (with a whole) of a share",
    )

    digits = significant_digits(f["value"])
    flag(
        (digits > MAX_SIGNIFICANT_DIGITS).to_numpy(),
        "value",
        f"more than {MAX_SIGNIFICANT_DIGITS} significant digits",
    )

    f["whole_concept"] = derive(f["whole"], lambda w: _whole_parts(w)[0])
    whole_scope = derive(f["whole"], lambda w: _whole_parts(w)[1])
    has_whole = (f["whole"] != "").to_numpy()
    explicit = (whole_scope != "").to_numpy()
    scope_text = np.where(
        explicit, whole_scope.astype(object), np.where(has_whole, f["scope"].astype(object), "")
    )
    f["whole_scope"] = pd.Series(pd.Categorical(scope_text), index=f.index)
    f["whole_member"] = derive(f["whole"], lambda w: _whole_parts(w)[2])
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

    f["member_axis"] = derive(f["member"], lambda m: m.split(":")[0])
    f["declared"] = _declared(f)
    if problems := composition_problems(f):
        raise InputError(problems)
    for column in PROVENANCE_TEXTS:
        if column in f:
            f[column] = as_category(f[column])
    return f


def _declared(f: pd.DataFrame) -> np.ndarray:
    """Declared decimals as floats: NaN where not declared, +inf for INF (exact)."""
    if "decimals" not in f:
        return np.full(len(f), np.nan)
    return by_value(
        f["decimals"], lambda t: np.nan if t == "" else (np.inf if t == "INF" else float(t)), float
    )
