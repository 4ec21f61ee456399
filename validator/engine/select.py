"""Which values a template's `stated` patterns take: vectorised masks over the values table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.io.columns import by_value
from validator.io.dictionary import Dictionary
from validator.rules.plan import MemberRule, Pattern, Presence

TOTAL_MEMBER = "合计"


def pattern_mask(p: Pattern, values: pd.DataFrame, d: Dictionary) -> np.ndarray:
    mask = np.ones(len(values), dtype=bool)
    if p.measures is not None:
        mask &= by_value(values["measure"], lambda m: m in p.measures, bool)
    if p.concepts is not None:
        mask &= by_value(values["concept"], lambda c: c in p.concepts, bool)
    if p.member is not MemberRule.ANY:
        mask &= by_value(values["member"], lambda m: member_kind(m) is p.member, bool)
    if p.whole is not Presence.ANY:
        present = by_value(values["whole_concept"], lambda w: w != "", bool)
        mask &= present if p.whole is Presence.PRESENT else ~present
    if p.dimensions is not None:
        mask &= by_value(values["dimension"], lambda x: x in p.dimensions, bool)
    if p.nonnegative is not None:
        nonneg = by_value(
            values["concept"], lambda c: c in d.concepts and d.concepts[c].nonnegative, bool
        )
        mask &= nonneg if p.nonnegative else ~nonneg
    if p.negative is not None:
        negative = values["hi"].to_numpy() < 0
        mask &= negative if p.negative else ~negative
    return mask


def member_kind(member: str) -> MemberRule:
    if member == "":
        return MemberRule.NONE
    if member.endswith(":" + TOTAL_MEMBER):
        return MemberRule.TOTAL
    return MemberRule.MEMBER


def stated_mask(patterns: tuple[Pattern, ...], values: pd.DataFrame, d: Dictionary) -> np.ndarray:
    """A value is taken when any of the patterns (alternatives) takes it."""
    mask = np.zeros(len(values), dtype=bool)
    for p in patterns:
        mask |= pattern_mask(p, values, d)
    return mask
