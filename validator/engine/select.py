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


class Masks:
    """Stated masks of one values table, each pattern computed once: the templates of a plan
    share most of their patterns."""

    def __init__(self, values: pd.DataFrame, d: Dictionary):
        self.values, self.d = values, d
        self._patterns: dict[Pattern, np.ndarray] = {}
        self._stated: dict[tuple[Pattern, ...], np.ndarray] = {}

    def rows(self, patterns: tuple[Pattern, ...]) -> np.ndarray:
        """Row numbers of the values the patterns take (all rows when there are none)."""
        if patterns not in self._stated:
            if not patterns:
                self._stated[patterns] = np.arange(len(self.values))
            else:
                mask = np.zeros(len(self.values), dtype=bool)
                for p in patterns:
                    if p not in self._patterns:
                        self._patterns[p] = pattern_mask(p, self.values, self.d)
                    mask |= self._patterns[p]
                self._stated[patterns] = np.flatnonzero(mask)
        return self._stated[patterns]
