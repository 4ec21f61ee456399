"""One value per distinct fact key: duplicates are checked, then intersected (or, when they
disagree, spanned) so that every relation sees each stated figure once."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.checks import STR, Checks
from validator.engine.keys import KeySpace
from validator.model.intervals import Intervals
from validator.model.verdict import Kind, Relation, Verdict

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


def build_values(facts: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The values table (one row per key, `key_id` = row number) and each fact's key_id."""
    codes = pd.DataFrame({k: pd.factorize(facts[k], sort=True)[0] for k in KEY})
    key_id = codes.groupby(KEY, sort=True).ngroup().to_numpy()
    grouped = facts.assign(key_id=key_id).groupby("key_id", sort=True)
    values = grouped[KEY + CARRY].first()
    agg = grouped.agg(
        lo_max=("lo", "max"),
        hi_min=("hi", "min"),
        lo_min=("lo", "min"),
        hi_max=("hi", "max"),
        n=("lo", "size"),
    )
    values = values.join(agg)
    values["agree"] = values["lo_max"] <= values["hi_min"]
    values["lo"] = np.where(values["agree"], values["lo_max"], values["lo_min"])
    values["hi"] = np.where(values["agree"], values["hi_min"], values["hi_max"])
    values = values.reset_index()
    return values, key_id


def duplicate_checks(values: pd.DataFrame) -> Checks:
    """A check per key stated more than once: all its intervals must share a point."""
    dup = values[values["n"] > 1]
    n = len(dup)
    check_id = (
        "duplicate:"
        + dup["entity"]
        + "/"
        + dup["scope"]
        + "/"
        + dup["period_label"]
        + "/"
        + dup["concept"]
        + key_suffix(dup)
    ).astype(STR)
    stated = Intervals.of(dup["lo_max"], dup["hi_min"])
    miss = np.maximum(dup["lo_max"].to_numpy() - dup["hi_min"].to_numpy(), 0.0)
    table = pd.DataFrame(
        {
            "check_id": check_id.to_numpy(),
            "rule": "duplicates_agree",
            "name_zh": "同一数字多处列示应一致",
            "name_en": "A figure stated several times agrees with itself",
            "kind": Kind.DUPLICATE.value,
            "relation": Relation.EQ.value,
            "expression": "every statement of the same figure",
            "entity": dup["entity"].to_numpy(),
            "scope": dup["scope"].to_numpy(),
            "period": dup["period_label"].to_numpy(),
            "concept": dup["concept"].to_numpy(),
            "member": dup["member"].to_numpy(),
            "dimension": dup["dimension"].to_numpy(),
            "stated_lo": dup["lo_min"].to_numpy(),
            "stated_hi": dup["hi_max"].to_numpy(),
            "derived_lo": stated.lo,
            "derived_hi": stated.hi,
            "verdict": np.where(dup["agree"], Verdict.CONSISTENT.value, Verdict.DISCREPANT.value),
            "miss": miss,
            "reason": [""] * n,
        }
    )
    links = pd.DataFrame(
        {"check_id": check_id.to_numpy(), "key_id": dup["key_id"].to_numpy(), "role": "stated"}
    )
    return Checks(table, links)


def key_suffix(frame: pd.DataFrame, with_measure: bool = True) -> pd.Series:
    """The parts of a key that distinguish a measure or member, for readable check ids."""
    member = ("/" + frame["member"]).where(frame["member"] != "", "")
    measure = (":" + frame["measure"]).where(frame["measure"] != "level", "")
    if not with_measure:
        measure = pd.Series("", index=frame.index)
    base = (" vs " + frame["base_label"]).where(frame["base_label"] != "", "")
    whole = (
        " of "
        + frame["whole_concept"]
        + "@"
        + frame["whole_scope"]
        + ("[" + frame["whole_member"] + "]").where(frame["whole_member"] != "", "")
    ).where(frame["whole_concept"] != "", "")
    return member + measure + base + whole


def add_codes(values: pd.DataFrame, space: KeySpace) -> pd.DataFrame:
    """Integer codes of the join fields, for lookups by packed key."""
    return values.assign(
        e_c=space.code("entity", values["entity"]),
        s_c=space.code("scope", values["scope"]),
        m_c=space.code("member", values["member"]),
        c_c=space.code("concept", values["concept"]),
        p_c=space.code("period", values["period_key"]),
        b_c=space.code("period", values["base_key"]),
        d_c=space.code("dimension", values["dimension"]),
        wc_c=space.code("concept", values["whole_concept"]),
        ws_c=space.code("scope", values["whole_scope"]),
        wm_c=space.code("member", values["whole_member"]),
    )
