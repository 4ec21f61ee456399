"""Finding stated levels for rule operands: the shared binding step of measures and formulas."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.engine.keys import MISSING, KeySpace, Levels


@dataclass(frozen=True)
class Found:
    """An operand bound for each instance: interval (NaN when not stated) and its value key."""

    lo: np.ndarray
    hi: np.ndarray
    key_id: np.ndarray
    dimension: np.ndarray  # dimension code the level was found in (MISSING if not found)

    @property
    def present(self) -> np.ndarray:
        return ~np.isnan(self.lo)


@dataclass(frozen=True)
class Binder:
    """Looks levels up by (entity, scope, member, concept, period, dimension) codes."""

    space: KeySpace
    levels: Levels

    @staticmethod
    def build(values: pd.DataFrame, space: KeySpace) -> Binder:
        columns = ["e_c", "s_c", "m_c", "c_c", "p_c", "d_c", "lo", "hi", "key_id"]
        lv = values.loc[(values["measure"] == "level").to_numpy(), columns]
        packed = space.pack(
            entity=lv["e_c"].to_numpy(),
            scope=lv["s_c"].to_numpy(),
            member=lv["m_c"].to_numpy(),
            concept=lv["c_c"].to_numpy(),
            period=lv["p_c"].to_numpy(),
            dimension=lv["d_c"].to_numpy(),
        )
        levels = Levels.build(
            packed, lv["lo"].to_numpy(float), lv["hi"].to_numpy(float), lv["key_id"].to_numpy(float)
        )
        return Binder(space, levels)

    def find(
        self,
        entity: np.ndarray,
        scope: np.ndarray,
        member: np.ndarray,
        concept: np.ndarray,
        period: np.ndarray,
        dimensions: list[np.ndarray] | np.ndarray,
    ) -> Found:
        """The level in the first of `dimensions` (per row, or tried in turn) that has one."""
        n = len(entity)
        lo, hi, key = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
        dim = np.full(n, MISSING, dtype=np.int64)
        candidates = dimensions if isinstance(dimensions, list) else [dimensions]
        for d in candidates:
            d = np.broadcast_to(np.asarray(d, dtype=np.int64), (n,))
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
            )
            f_lo, f_hi, f_key = self.levels.find(packed)
            take = todo & ~np.isnan(f_lo)
            lo, hi, key = (
                np.where(take, f_lo, lo),
                np.where(take, f_hi, hi),
                np.where(take, f_key, key),
            )
            dim = np.where(take, d, dim)
        return Found(lo, hi, key, dim)

    def all_dimensions(self) -> list[np.ndarray]:
        return [np.int64(i) for i in range(len(self.space.uniques["dimension"]))]
