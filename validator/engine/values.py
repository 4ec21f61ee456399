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


def build_values(
    facts: pd.DataFrame, lo: np.ndarray, hi: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """The values table (one row per key, `key_id` = row number) and each fact's key_id."""
    codes = pd.DataFrame({k: _codes(facts[k]) for k in KEY})
    key_id = codes.groupby(KEY, sort=True).ngroup().to_numpy()
    order = np.argsort(key_id, kind="stable")
    first = order[np.r_[0, np.flatnonzero(np.diff(key_id[order])) + 1]] if len(order) else order
    values = facts.iloc[first][KEY + CARRY].reset_index(drop=True)
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
    """Integer codes of the join fields, for lookups by packed key."""
    quals = space.qual_codes(values)
    return values.assign(
        e_c=space.code("entity", values["entity"]),
        s_c=space.code("scope", values["scope"]),
        m_c=space.code("member", values["member"]),
        c_c=space.code("concept", values["concept"]),
        p_c=space.code("period", values["period_key"]),
        b_c=quals["base"],
        d_c=space.code("dimension", values["dimension"]),
        wc_c=quals["whole_concept"],
        ws_c=quals["whole_scope"],
        wm_c=quals["whole_member"],
        meas_c=quals["measure"],
        q_c=space.qual_id(space.qual(**quals)),
    )
