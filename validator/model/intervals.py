"""Vectorised interval arithmetic with outward rounding.

Every bound is widened outward by one ulp after each floating-point operation, so that
floating-point error can widen an interval but never narrow it: a consistent relation is never
flagged because of float rounding. An undefined result (a division by an interval that contains
zero, a power of a non-positive base) has NaN bounds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

_INF = np.inf
_MAX = float(np.finfo(float).max)


def _down(x: np.ndarray) -> np.ndarray:
    return np.nextafter(x, -_INF)


def _up(x: np.ndarray) -> np.ndarray:
    return np.nextafter(x, _INF)


@dataclass(frozen=True)
class Intervals:
    """A column of closed intervals [lo, hi]; NaN bounds mean undefined."""

    lo: np.ndarray
    hi: np.ndarray

    @staticmethod
    def of(lo: object, hi: object) -> Intervals:
        return Intervals(np.asarray(lo, dtype=float), np.asarray(hi, dtype=float))

    @staticmethod
    def point(values: object) -> Intervals:
        v = np.asarray(values, dtype=float)
        return Intervals(v, v.copy())

    @staticmethod
    def constant(value: float, n: int) -> Intervals:
        return Intervals(np.full(n, value, dtype=float), np.full(n, value, dtype=float))

    def __len__(self) -> int:
        return len(self.lo)

    @property
    def undefined(self) -> np.ndarray:
        return np.isnan(self.lo) | np.isnan(self.hi)

    @property
    def unbounded(self) -> np.ndarray:
        return np.isinf(self.lo) | np.isinf(self.hi)

    def __neg__(self) -> Intervals:
        return Intervals(-self.hi, -self.lo)

    def __add__(self, other: Intervals) -> Intervals:
        with np.errstate(invalid="ignore", over="ignore"):
            return Intervals(_down(self.lo + other.lo), _up(self.hi + other.hi))

    def __sub__(self, other: Intervals) -> Intervals:
        return self + (-other)

    def __mul__(self, other: Intervals) -> Intervals:
        with np.errstate(invalid="ignore", over="ignore"):
            corners = np.stack(
                [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
            )
            # 0 × ∞ is 0 in interval arithmetic over the extended reals.
            zero_times_inf = np.isnan(corners) & ~np.isnan(
                np.stack([self.lo, self.lo, self.hi, self.hi])
                + np.stack([other.lo, other.hi, other.lo, other.hi])
            )
        corners = np.where(zero_times_inf, 0.0, corners)
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        return Intervals(_down(lo), _up(hi))

    def __truediv__(self, other: Intervals) -> Intervals:
        spans_zero = (other.lo <= 0) & (other.hi >= 0)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            corners = np.stack(
                [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
            )
        # An ∞/∞ corner has no value, but it needs none: with the divisor bounded away from
        # zero, its finite end gives a corner with the same unbounded limit (x/[1, ∞) reaches
        # ±∞ through x/1), so the other corners alone bound the quotient.
        lo = _fill(corners, _INF).min(axis=0)
        hi = _fill(corners, -_INF).max(axis=0)
        undefined = spans_zero | np.isnan(other.lo) | np.isnan(self.lo)
        return Intervals(
            np.where(undefined, np.nan, _down(lo)), np.where(undefined, np.nan, _up(hi))
        )

    def __pow__(self, other: Intervals) -> Intervals:
        """x ** y for a positive base; monotone in each argument, so the corners bound it."""
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            corners = np.stack(
                [
                    np.power(self.lo, other.lo),
                    np.power(self.lo, other.hi),
                    np.power(self.hi, other.lo),
                    np.power(self.hi, other.hi),
                ]
            )
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        # np.power is not correctly rounded: widen by a relative margin far above its error.
        lo = lo - np.abs(lo) * 1e-12
        hi = hi + np.abs(hi) * 1e-12
        undefined = ~(self.lo > 0) | np.isnan(other.lo) | np.isnan(other.hi)
        return Intervals(
            np.where(undefined, np.nan, _down(lo)), np.where(undefined, np.nan, _up(hi))
        )

    def abs(self) -> Intervals:
        lo = np.where(self.lo >= 0, self.lo, np.where(self.hi <= 0, -self.hi, 0.0))
        hi = np.maximum(np.abs(self.lo), np.abs(self.hi))
        return Intervals(lo, hi)

    def sign(self) -> Intervals:
        """The hull of the members' signs: exactly ±1 away from zero, [0, 1] for [0, 5],
        [−1, 1] across zero; NaN stays NaN. No rounding is involved."""
        lo = np.where(self.lo > 0, 1.0, np.where(self.lo == 0, 0.0, -1.0))
        hi = np.where(self.hi < 0, -1.0, np.where(self.hi == 0, 0.0, 1.0))
        undefined = self.undefined
        return Intervals(np.where(undefined, np.nan, lo), np.where(undefined, np.nan, hi))

    def take(self, index: np.ndarray) -> Intervals:
        return Intervals(self.lo[index], self.hi[index])


def _fill(a: np.ndarray, value: float) -> np.ndarray:
    return np.where(np.isnan(a), value, a)


def overlap_miss(stated: Intervals, derived: Intervals) -> np.ndarray:
    """Distance between two intervals (0 when they overlap); NaN when either is undefined."""
    with np.errstate(invalid="ignore"):
        gap = np.maximum(stated.lo - derived.hi, derived.lo - stated.hi)
    return np.where(np.isnan(gap), np.nan, np.maximum(gap, 0.0))


def le_miss(stated: Intervals, derived: Intervals) -> np.ndarray:
    """How far `stated <= derived` is from being satisfiable (0 when it is)."""
    with np.errstate(invalid="ignore"):
        gap = stated.lo - derived.hi
    return np.where(np.isnan(gap), np.nan, np.maximum(gap, 0.0))


def ge_miss(stated: Intervals, derived: Intervals) -> np.ndarray:
    """How far `stated >= derived` is from being satisfiable (0 when it is)."""
    with np.errstate(invalid="ignore"):
        gap = derived.lo - stated.hi
    return np.where(np.isnan(gap), np.nan, np.maximum(gap, 0.0))


def sum_bounds(
    lo: np.ndarray,
    hi: np.ndarray,
    groups: np.ndarray,
    n: int | None = None,
    *,
    wide: type = np.longdouble,
) -> Intervals:
    """Per-group sums of intervals [lo, hi] (terms labelled 0 … n−1 by `groups`), sound and tight.

    An unbounded term makes its side of the sum unbounded and nothing else: the rounding error
    is bounded from the finite terms alone, so "over 5" plus 3 is [8, ∞), not (−∞, ∞). Where
    that error bound is loose (cancellation), the group is re-summed with a correctly rounded
    sum, so every bound is within a few ulps of the exact one. A NaN term makes its group
    undefined. `wide` is the accumulator (np.float64 stands in for a platform whose long double
    is a double).
    """
    groups = np.asarray(groups, dtype=np.int64)
    if n is None:
        n = int(groups.max()) + 1 if len(groups) else 0
    return Intervals(
        _bound_sum(np.asarray(lo, dtype=float), groups, n, -_INF, wide),
        _bound_sum(np.asarray(hi, dtype=float), groups, n, _INF, wide),
    )


# Sums run in the widest float the platform has (x86 long double: 64 mantissa bits), whose
# error bound is far below a double ulp; a group whose bound still exceeds this fraction of a
# double ulp of its sum (cancellation) is re-summed exactly.
_LOOSE_ULP = 0.25


def _bound_sum(
    x: np.ndarray, groups: np.ndarray, n: int, direction: float, wide: type
) -> np.ndarray:
    finite = np.isfinite(x)
    terms = np.where(finite, x, 0.0)  # adding the zeros is exact
    count = np.bincount(groups, weights=finite, minlength=n)
    s = np.zeros(n, dtype=wide)
    np.add.at(s, groups, terms.astype(wide))
    magnitude = np.zeros(n, dtype=wide)
    np.add.at(magnitude, groups, np.abs(terms).astype(wide))
    # Recursive summation of k terms errs by at most γ(k−1)·Σ|x|, γ(m) = m·u/(1 − m·u); the
    # factor 1.125 covers the division, the rounding of Σ|x| and of this product (k·u < 0.05).
    u = wide(np.finfo(wide).eps) / 2
    err = np.maximum(count - 1, 0).astype(wide) * u * magnitude * wide(1.125)
    sign = 1 if direction > 0 else -1
    with np.errstate(over="ignore", invalid="ignore"):
        nearest = (s + sign * err).astype(
            float
        )  # then one double ulp outward covers both roundings
        ulp = np.spacing(np.abs(s.astype(float)))
        loose = ~np.isfinite(nearest) | ~(err <= _LOOSE_ULP * ulp)
    bound = np.nextafter(nearest, direction)
    if loose.any():
        bound[loose] = _exact_bounds(terms, groups, np.flatnonzero(loose), direction)
    up = np.bincount(groups, weights=x == _INF, minlength=n) > 0
    down = np.bincount(groups, weights=x == -_INF, minlength=n) > 0
    undefined = np.bincount(groups, weights=np.isnan(x), minlength=n) > 0
    bound = np.where(up, _INF, np.where(down, -_INF, bound))
    return np.where(undefined | (up & down), np.nan, bound)


def _exact_bounds(
    terms: np.ndarray, groups: np.ndarray, which: np.ndarray, direction: float
) -> np.ndarray:
    """Correctly rounded sums of the finite terms of the groups `which`, one ulp outward."""
    wanted = np.isin(groups, which)
    order = np.argsort(groups[wanted], kind="stable")
    members, values = groups[wanted][order], terms[wanted][order]
    starts = np.searchsorted(members, which)
    ends = np.searchsorted(members, which, side="right")
    out = np.empty(len(which))
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        out[i] = _directed_sum(values[a:b], direction)
    return out


def _directed_sum(values: np.ndarray, direction: float) -> float:
    try:
        total = math.fsum(values.tolist())  # correctly rounded: the exact sum is within one ulp
    except OverflowError:
        exact = sum(map(Fraction, values.tolist()), Fraction(0))
        if abs(exact) <= _MAX:
            total = float(exact)
        elif (exact > 0) == (direction > 0):
            return direction  # beyond the largest float, outward: unbounded
        else:
            return _MAX if exact > 0 else -_MAX  # inward: the largest float is still a bound
    return float(np.nextafter(total, direction))
