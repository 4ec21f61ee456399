"""One value per distinct figure key: the statements of a figure are intersected when they
agree (or, when they disagree, spanned) so that every relation sees each stated figure once;
the `duplicates_agree` relation judges the statements themselves."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.keys import KeySpace

KEY = [
    "entity",
    "scope",
    "period_key",
    "concept",
    "member",
    "measure",
    "base_key",
    "whole_concept",
    "whole_scope",
    "whole_member",
    "dimension",
]
CARRY = ["period_label", "base_label", "member_axis", "period_type"]


def _codes(column: pd.Series) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype(np.int64)
    return pd.factorize(column, sort=True)[0]


def _groups(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Group numbers of the rows, in the lexicographic order of their code tuples (as a sorted
    groupby numbers them), and the first row of each group: the codes are packed into one
    int64 per row, column by column, so one sort numbers them all."""
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    span = 1
    for column in columns:
        c = column.astype(np.int64) + 1  # MISSING (-1) sorts first, as its code does
        width = int(c.max()) + 1 if len(c) else 1
        if span * width >= 2**62:  # rank what is packed so far: the order is kept
            combined = np.unique(combined, return_inverse=True)[1].reshape(-1)
            span = int(combined.max()) + 1 if len(combined) else 1
        combined = combined * width + c
        span *= width
    _, first, group = np.unique(combined, return_index=True, return_inverse=True)
    return first, group.reshape(-1).astype(np.int64)


def build_values(
    facts: pd.DataFrame, lo: np.ndarray, hi: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """The values table (one row per key, `key_id` = row number) and each fact's key_id."""
    first, key_id = _groups([_codes(facts[k]) for k in KEY])
    values = facts[KEY + CARRY].iloc[first].reset_index(drop=True)
    n = len(values)
    lo_max = np.full(n, -np.inf)
    hi_min = np.full(n, np.inf)
    lo_min = np.full(n, np.inf)
    hi_max = np.full(n, -np.inf)
    np.maximum.at(lo_max, key_id, lo)
    np.minimum.at(hi_min, key_id, hi)
    np.minimum.at(lo_min, key_id, lo)
    np.maximum.at(hi_max, key_id, hi)
    count = np.bincount(key_id, minlength=n)
    agree = lo_max <= hi_min
    values["key_id"] = np.arange(n, dtype=np.int64)
    values["n"] = count
    values["lo_max"], values["hi_min"] = lo_max, hi_min
    values["lo_min"], values["hi_max"] = lo_min, hi_max
    values["agree"] = agree
    values["lo"] = np.where(agree, lo_max, lo_min)
    values["hi"] = np.where(agree, hi_min, hi_max)
    return values, key_id


def add_codes(values: pd.DataFrame, space: KeySpace) -> pd.DataFrame:
    """Integer codes of the join fields, for lookups by packed key: int32 (a field has fewer
    distinct values than that), half the memory of the twelve columns the chains bind through;
    packing widens them to int64."""
    quals = space.qual_codes(values)
    codes = {
        "e_c": space.code("entity", values["entity"]),
        "s_c": space.code("scope", values["scope"]),
        "m_c": space.code("member", values["member"]),
        "c_c": space.code("concept", values["concept"]),
        "p_c": space.code("period", values["period_key"]),
        "b_c": quals["base"],
        "d_c": space.code("dimension", values["dimension"]),
        "wc_c": quals["whole_concept"],
        "ws_c": quals["whole_scope"],
        "wm_c": quals["whole_member"],
        "meas_c": quals["measure"],
        "q_c": space.qual_id(space.qual(**quals)),
    }
    return values.assign(**{name: c.astype(np.int32) for name, c in codes.items()})
