"""Interval arithmetic: sound bounds, undefined where a denominator spans zero."""

import numpy as np

from validator.model.intervals import Intervals, ge_miss, le_miss, overlap_miss


def iv(lo, hi):
    return Intervals.of([lo], [hi])


def test_addition_and_subtraction():
    s = iv(1, 2) + iv(10, 20)
    assert s.lo[0] <= 11 and s.hi[0] >= 22
    d = iv(1, 2) - iv(10, 20)
    assert d.lo[0] <= -19 and d.hi[0] >= -8


def test_multiplication_takes_the_extreme_corners():
    p = iv(-2, 3) * iv(4, 5)
    assert p.lo[0] <= -10 and p.hi[0] >= 15


def test_zero_times_infinity_is_zero():
    p = iv(0, 0) * iv(1, np.inf)
    assert p.lo[0] <= 0 <= p.hi[0] and np.isfinite(p.hi[0])


def test_division_by_an_interval_spanning_zero_is_undefined():
    q = iv(1, 2) / iv(-1, 1)
    assert q.undefined[0]


def test_division_by_a_positive_interval():
    q = iv(1, 2) / iv(4, 5)
    assert q.lo[0] <= 0.2 and q.hi[0] >= 0.5


def test_power_of_a_positive_base():
    p = iv(4, 9) ** iv(0.5, 0.5)
    assert p.lo[0] <= 2 and p.hi[0] >= 3
    assert (iv(-1, 4) ** iv(0.5, 0.5)).undefined[0]


def test_abs_of_an_interval_through_zero_starts_at_zero():
    a = iv(-3, 2).abs()
    assert a.lo[0] == 0 and a.hi[0] == 3


def test_misses_are_distances_between_intervals():
    assert overlap_miss(iv(1, 2), iv(3, 4))[0] == 1
    assert overlap_miss(iv(1, 3), iv(2, 4))[0] == 0
    assert le_miss(iv(5, 6), iv(1, 4))[0] == 1
    assert ge_miss(iv(1, 2), iv(3, 9))[0] == 1
