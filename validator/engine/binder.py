"""Binding operands: for each stated figure, the figure an operand names, found by packed key.

How an operand is found is the template's Binding (validator/rules/plan.py); this module turns
it into code columns and one hash lookup per candidate dimension.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from validator.engine.keys import MISSING, KeySpace
from validator.engine.periods import PeriodMoves
from validator.engine.rows import Rows
from validator.io.dictionary import Dictionary
from validator.model.intervals import Intervals
from validator.model.periods import PeriodType
from validator.rules.ast import Transform
from validator.rules.plan import WHOLE_CONCEPT, Binding, DimensionRule, MemberRule, PeriodRule

STATED_CODES = ["e_c", "s_c", "m_c", "c_c", "p_c", "b_c", "d_c", "wc_c", "ws_c", "wm_c"]


@dataclass(frozen=True)
class Found:
    """An operand bound for each instance: interval (NaN when not stated), the key of the value
    and the dimension code it was found in (MISSING when not found)."""

    lo: np.ndarray
    hi: np.ndarray
    key_id: np.ndarray  # float: NaN when not stated
    dimension: np.ndarray
    keys: tuple[np.ndarray, ...] = ()  # every value an operand stands for (avg: two)

    @property
    def present(self) -> np.ndarray:
        return ~np.isnan(self.lo)


class Named(NamedTuple):
    """What an operand's binding fixes for each stated row: the stated row's own codes (`col`)
    and the scope, member, concept, period (before its move) and qualifier it names."""

    col: dict[str, np.ndarray]
    scope: np.ndarray
    member: np.ndarray
    concept: np.ndarray
    period: np.ndarray
    qual: np.ndarray


@dataclass(frozen=True)
class Index:
    """Every value of the values table, findable by packed key."""

    space: KeySpace
    keys: pd.Index
    lo: np.ndarray
    hi: np.ndarray
    key_id: np.ndarray

    @staticmethod
    def build(values: pd.DataFrame, space: KeySpace) -> Index:
        packed = space.pack(
            entity=values["e_c"].to_numpy(),
            scope=values["s_c"].to_numpy(),
            member=values["m_c"].to_numpy(),
            concept=values["c_c"].to_numpy(),
            period=values["p_c"].to_numpy(),
            dimension=values["d_c"].to_numpy(),
            qual=values["q_c"].to_numpy(),
        )
        return Index(
            space,
            pd.Index(packed),
            values["lo"].to_numpy(float),
            values["hi"].to_numpy(float),
            values["key_id"].to_numpy(float),
        )

    def find(self, packed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        pos = self.keys.get_indexer(packed)
        pos = np.where(packed == MISSING, -1, pos)
        found = pos >= 0
        safe = np.where(found, pos, 0)
        if not len(self.lo):
            nan = np.full(len(packed), np.nan)
            return nan, nan.copy(), nan.copy()
        return (
            np.where(found, self.lo[safe], np.nan),
            np.where(found, self.hi[safe], np.nan),
            np.where(found, self.key_id[safe], np.nan),
        )


class Binder:
    """Binds the operands of one template for a table of stated figures (code columns)."""

    def __init__(self, index: Index, d: Dictionary, moves: PeriodMoves):
        self.index, self.space, self.d, self.moves = index, index.space, d, moves
        self._dims: dict[str, np.ndarray] = {}

    def concept_dimensions(self, concept_codes: np.ndarray) -> list[np.ndarray]:
        """Candidate dimension codes per row: the concept's dimensions in dictionary order."""
        table = self._dimension_table()
        width = table.shape[1]
        safe = np.where(concept_codes >= 0, concept_codes, 0)
        rows = table[safe]
        rows[concept_codes < 0] = MISSING
        return [rows[:, k] for k in range(width)]

    def _dimension_table(self) -> np.ndarray:
        if "table" not in self._dims:
            concepts = self.space.uniques["concept"]
            lists = [
                [self.space.code_of("dimension", x) for x in self.d.concepts[c].dimensions]
                if c in self.d.concepts
                else []
                for c in concepts
            ]
            width = max([len(x) for x in lists] + [1])
            table = np.full((len(concepts), width), MISSING, dtype=np.int64)
            for i, x in enumerate(lists):
                table[i, : len(x)] = x
            self._dims["table"] = table
        return self._dims["table"]

    def named(self, b: Binding, s: Rows) -> Named:
        """The key codes of the figure `b` names for each row of `s`, but its period move and
        its dimension (which depend on the subject's period type and on other operands)."""
        n = len(s)
        col = {c: s[c] for c in STATED_CODES}
        empty_member = self.space.code_of("member", "")
        empty_period = self.space.code_of("period", "")
        empty_concept = self.space.code_of("concept", "")
        empty_scope = self.space.code_of("scope", "")
        scope = col["s_c"] if b.scope is MemberRule.SAME else col["ws_c"]
        member = {
            MemberRule.SAME: col["m_c"],
            MemberRule.WHOLE: col["wm_c"],
            MemberRule.NONE: np.full(n, empty_member, dtype=np.int64),
        }[b.member]
        if b.concept is None:
            concept = col["c_c"]
        elif b.concept == WHOLE_CONCEPT:
            concept = col["wc_c"]
        else:
            concept = np.full(n, self.space.code_of("concept", b.concept), dtype=np.int64)
        period = col["p_c"] if b.period is PeriodRule.SAME else col["b_c"]
        qual = self.space.qual_id(
            self.space.qual(
                measure=np.full(n, self.space.code_of("measure", b.measure), dtype=np.int64),
                base=col["b_c"] if b.keep_base else np.full(n, empty_period, dtype=np.int64),
                whole_concept=col["wc_c"] if b.keep_whole else np.full(n, empty_concept),
                whole_scope=col["ws_c"] if b.keep_whole else np.full(n, empty_scope),
                whole_member=col["wm_c"] if b.keep_whole else np.full(n, empty_member),
            )
        )
        return Named(col, scope, member, concept, period, qual)

    def bind(
        self,
        b: Binding,
        s: Rows,
        found: dict[str, Found],
        rules: dict[str, Binding],
        subject: PeriodType | None,
    ) -> Found:
        n = len(s)
        col, scope, member, concept, period, qual = self.named(b, s)
        candidates = self.candidates(b, concept, col, found, rules)
        sides = [True, False] if b.transform is Transform.AVG else [True]
        hits = []
        for closing in sides:
            moved = self._move(b, period, concept, subject, closing)
            hits.append(self._find(col["e_c"], scope, member, concept, moved, qual, candidates))
        if len(hits) == 1:
            return hits[0]
        closing, opening = hits  # the average of the closing and opening balances
        both = Intervals.of(closing.lo, closing.hi) + Intervals.of(opening.lo, opening.hi)
        half = both * Intervals.constant(0.5, n)
        keys = (closing.key_id, opening.key_id)
        return Found(half.lo, half.hi, closing.key_id, closing.dimension, keys)

    def candidates(
        self,
        b: Binding,
        concept: np.ndarray,
        col: dict[str, np.ndarray],
        found: dict[str, Found],
        rules: dict[str, Binding],
    ) -> list[np.ndarray]:
        if b.dimension is DimensionRule.STATED:
            return [col["d_c"]]
        if b.dimension is DimensionRule.CONCEPT:
            return self.concept_dimensions(concept)
        other = found[b.dimension_of]
        fallback = self.candidates(rules[b.dimension_of], concept, col, found, rules)
        first = np.where(other.present, other.dimension, fallback[0])
        rest = [np.where(other.present, MISSING, f) for f in fallback[1:]]
        return [first, *rest]

    def _move(
        self,
        b: Binding,
        period: np.ndarray,
        concept: np.ndarray,
        subject: PeriodType | None,
        closing: bool,
    ) -> np.ndarray:
        if b.transform is Transform.SAME and b.concept in (None, WHOLE_CONCEPT):
            return period
        operand_type = self.d.concepts[b.concept].period if b.concept in self.d.concepts else None
        to_instant = operand_type is PeriodType.INSTANT and subject is PeriodType.DURATION
        if b.transform is Transform.SAME and not to_instant:
            return period
        return self.moves.table(b.transform, to_instant, closing)[period]

    def _find(
        self,
        entity: np.ndarray,
        scope: np.ndarray,
        member: np.ndarray,
        concept: np.ndarray,
        period: np.ndarray,
        qual: np.ndarray,
        candidates: list[np.ndarray],
    ) -> Found:
        n = len(entity)
        lo, hi, key = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
        dim = np.full(n, MISSING, dtype=np.int64)
        for d in candidates:
            todo = np.isnan(lo)
            if not todo.any():
                break
            packed = self.space.pack(
                entity=entity,
                scope=scope,
                member=member,
                concept=concept,
                period=period,
                dimension=d,
                qual=qual,
            )
            f_lo, f_hi, f_key = self.index.find(packed)
            take = todo & ~np.isnan(f_lo)
            lo, hi = np.where(take, f_lo, lo), np.where(take, f_hi, hi)
            key = np.where(take, f_key, key)
            dim = np.where(take, d, dim)
        return Found(lo, hi, key, dim, (key,))
