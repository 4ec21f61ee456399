"""Period moves of formula operands as code-to-code tables, computed once per distinct period."""

from __future__ import annotations

import numpy as np

from validator.engine.keys import KeySpace
from validator.model.periods import Period, parse_period
from validator.rules.ast import Transform


class PeriodMoves:
    def __init__(self, space: KeySpace):
        self.space = space
        self.cache: dict[tuple[Transform, bool, bool], np.ndarray] = {}

    def table(self, transform: Transform, to_instant: bool, closing: bool) -> np.ndarray:
        """period code → moved period code (MISSING where the moved period is not known)."""
        key = (transform, to_instant, closing)
        if key not in self.cache:
            self.cache[key] = self.space.period_map(
                lambda k: _move(parse_period(k), transform, to_instant, closing).key
            )
        return self.cache[key]


def _move(p: Period, transform: Transform, to_instant: bool, closing: bool) -> Period:
    if transform is Transform.PRIOR:
        p = p.prior()
    if transform is Transform.OPENING or (transform is Transform.AVG and not closing):
        return p.opening_instant()
    return p.end_instant() if to_instant else p


def whole_years(period_key: str, base_key: str) -> float:
    """Whole years from a base period to a period (NaN when not a whole number of years)."""
    pe = parse_period(period_key.split("..")[-1]).end
    be = parse_period(base_key.split("..")[-1]).end
    whole = (pe.month, pe.day) == (be.month, be.day) and pe.year > be.year
    return float(pe.year - be.year) if whole else np.nan
