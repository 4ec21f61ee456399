"""Vectorised interval arithmetic with outward rounding.

Every bound is widened outward by one ulp after each floating-point operation, so that
floating-point error can widen an interval but never narrow it: a consistent relation is never
flagged because of float rounding. An undefined result (a division by an interval that contains
zero, a power of a non-positive base) has NaN bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_INF = np.inf


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
        with np.errstate(invalid="ignore"):
            return Intervals(_down(self.lo + other.lo), _up(self.hi + other.hi))

    def __sub__(self, other: Intervals) -> Intervals:
        return self + (-other)

    def __mul__(self, other: Intervals) -> Intervals:
        with np.errstate(invalid="ignore"):
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
        with np.errstate(invalid="ignore", divide="ignore"):
            corners = np.stack(
                [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
            )
        # ∞/∞ has no value: widen that bound to the whole line rather than guess.
        lo = np.where(np.isnan(corners).any(axis=0), -_INF, np.nanmin(_fill(corners, _INF), axis=0))
        hi = np.where(np.isnan(corners).any(axis=0), _INF, np.nanmax(_fill(corners, -_INF), axis=0))
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
