"""Which values a template's `stated` patterns take: vectorised masks over the values table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.keys import distinct
from validator.io.columns import by_value
from validator.io.dictionary import Dictionary
from validator.rules.plan import MemberRule, Pattern, Presence

TOTAL_MEMBER = "合计"


def pattern_mask(
    p: Pattern, values: pd.DataFrame, d: Dictionary, memo: dict | Bits | None = None
) -> np.ndarray:
    """Which values the pattern takes; `memo` keeps each condition's mask for the next
    pattern (a condition is computed per distinct value, but there are many members)."""
    memo = {} if memo is None else memo

    def per_value(column: str, key: object, fn) -> np.ndarray:
        if (column, key) not in memo:
            memo[(column, key)] = by_value(values[column], fn, bool)
        return memo[(column, key)]

    mask = np.ones(len(values), dtype=bool)
    if p.measures is not None:
        mask &= per_value("measure", p.measures, lambda m: m in p.measures)
    if p.concepts is not None:
        mask &= per_value("concept", p.concepts, lambda c: c in p.concepts)
    if p.member is not MemberRule.ANY:
        mask &= per_value("member", p.member, lambda m: member_kind(m) is p.member)
    if p.whole is not Presence.ANY:
        present = per_value("whole_concept", "present", lambda w: w != "")
        mask &= present if p.whole is Presence.PRESENT else ~present
    if p.dimensions is not None:
        mask &= per_value("dimension", p.dimensions, lambda x: x in p.dimensions)
    if p.nonnegative is not None:
        nonneg = per_value(
            "concept", "nonnegative", lambda c: c in d.concepts and d.concepts[c].nonnegative
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


class Bits:
    """Boolean masks of one length kept as bits (`np.packbits`): the masks of a plan's patterns
    and conditions, about 130 of a million values each, are an eighth of their bytes."""

    def __init__(self, n: int):
        self.n = n
        self._packed: dict[object, np.ndarray] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __getitem__(self, key: object) -> np.ndarray:
        return np.unpackbits(self._packed[key], count=self.n).view(bool)

    def __setitem__(self, key: object, mask: np.ndarray) -> None:
        self._packed[key] = np.packbits(np.asarray(mask, dtype=bool))

    @property
    def nbytes(self) -> int:
        return sum(p.nbytes for p in self._packed.values())


class Masks:
    """Stated masks of one values table, each pattern computed once: the templates of a plan
    share most of their patterns. The masks are held as bits, the row numbers as computed."""

    def __init__(self, values: pd.DataFrame, d: Dictionary):
        self.values, self.d = values, d
        self._patterns = Bits(len(values))
        self._memo = Bits(len(values))
        self._stated: dict[tuple[Pattern, ...], np.ndarray] = {}
        self._occurring: dict[str, frozenset] = {}

    def rows(self, patterns: tuple[Pattern, ...]) -> np.ndarray:
        """Row numbers of the values the patterns take (all rows when there are none)."""
        if patterns not in self._stated:
            if not patterns:
                self._stated[patterns] = np.arange(len(self.values))
            else:
                mask = np.zeros(len(self.values), dtype=bool)
                for p in patterns:
                    if not self._may_take(p):
                        continue
                    if p not in self._patterns:
                        self._patterns[p] = pattern_mask(p, self.values, self.d, self._memo)
                    mask |= self._patterns[p]
                self._stated[patterns] = np.flatnonzero(mask)
        return self._stated[patterns]

    def _may_take(self, p: Pattern) -> bool:
        """False when no value has one of the pattern's concepts or measures: its mask would be
        empty. A small batch (the review's re-evaluations) skips most patterns of a plan."""
        for column, wanted in (("concept", p.concepts), ("measure", p.measures)):
            if wanted is not None and not wanted & self._present(column):
                return False
        return True

    def _present(self, column: str) -> frozenset:
        if column not in self._occurring:
            self._occurring[column] = frozenset(distinct(self.values[column]).tolist())
        return self._occurring[column]
