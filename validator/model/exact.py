"""Exact interval arithmetic over the rationals, for the close calls float bounds cannot decide.

Bounds are `Fraction`s, or None for an unbounded side; intervals are closed (the closure of the
set they bound, so the reciprocal of [1, ∞) is [0, 1]) and never inverted: constructing one with
lo > hi raises. An operation without a value (a division by an interval that contains zero) gives
the `UNDEFINED` marker, which every later operation passes on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

Bound = Fraction | None
DEFAULT_PRECISION: Final = Fraction(1, 10**40)
_INF: Final = math.inf


class Undefined:
    """The value of an operation that has none (x / [−1, 1]); a singleton, falsy."""

    _instance: Undefined | None = None

    def __new__(cls) -> Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __bool__(self) -> bool:
        return False

    def _undefined(self, *_: object) -> Undefined:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = _undefined
    __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _undefined
    __neg__ = __abs__ = _undefined


UNDEFINED: Final = Undefined()


@dataclass(frozen=True)
class ExactInterval:
    """A closed interval [lo, hi] of rationals; None is an unbounded side.

    `enclosure` is true when the bounds enclose a value they cannot state exactly (an
    irrational root): the interval is then sound but wider than the true one by at most the
    requested precision.
    """

    lo: Bound
    hi: Bound
    enclosure: bool = False

    def __post_init__(self) -> None:
        for side in ("lo", "hi"):
            value = getattr(self, side)
            if value is not None and not isinstance(value, Fraction):
                if isinstance(value, bool) or not isinstance(value, int | str):
                    raise TypeError(f"{side} must be a Fraction, int, str or None, got {value!r}")
                object.__setattr__(self, side, Fraction(value))
        if self.lo is not None and self.hi is not None and self.lo > self.hi:
            raise ValueError(f"inverted interval [{self.lo}, {self.hi}]")

    @staticmethod
    def point(value: Fraction | int | str) -> ExactInterval:
        v = Fraction(value)
        return ExactInterval(v, v)

    @staticmethod
    def everything() -> ExactInterval:
        return ExactInterval(None, None)

    @property
    def bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    def contains(self, x: Fraction | int) -> bool:
        return (self.lo is None or self.lo <= x) and (self.hi is None or x <= self.hi)

    def contains_zero(self) -> bool:
        return self.contains(0)

    def intersect(self, other: ExactInterval) -> ExactInterval | None:
        """The common part, or None when the two are disjoint (touching in a point is not)."""
        lo = _max_lo(self.lo, other.lo)
        hi = _min_hi(self.hi, other.hi)
        if lo is not None and hi is not None and lo > hi:
            return None
        return ExactInterval(lo, hi, self.enclosure or other.enclosure)

    def __neg__(self) -> ExactInterval:
        return ExactInterval(_neg(self.hi), _neg(self.lo), self.enclosure)

    def __add__(self, other: Operand) -> Result:
        if isinstance(other, Undefined):
            return UNDEFINED
        other = _interval(other)
        lo = None if self.lo is None or other.lo is None else self.lo + other.lo
        hi = None if self.hi is None or other.hi is None else self.hi + other.hi
        return ExactInterval(lo, hi, self.enclosure or other.enclosure)

    def __sub__(self, other: Operand) -> Result:
        if isinstance(other, Undefined):
            return UNDEFINED
        return self + (-_interval(other))

    def __mul__(self, other: Operand) -> Result:
        if isinstance(other, Undefined):
            return UNDEFINED
        other = _interval(other)
        corners = [_times(a, b) for a in self._ends() for b in other._ends()]
        return _from_ends(min(corners), max(corners), self.enclosure or other.enclosure)

    def __truediv__(self, other: Operand) -> Result:
        if isinstance(other, Undefined):
            return UNDEFINED
        other = _interval(other)
        if other.contains_zero():
            return UNDEFINED
        return self * other.reciprocal()

    def reciprocal(self) -> Result:
        """1 / x; the closure at an unbounded side ([1, ∞) gives [0, 1])."""
        if self.contains_zero():
            return UNDEFINED
        lo = Fraction(0) if self.hi is None else 1 / self.hi
        hi = Fraction(0) if self.lo is None else 1 / self.lo
        return ExactInterval(lo, hi, self.enclosure)

    def __abs__(self) -> ExactInterval:
        if self.lo is not None and self.lo >= 0:
            return self
        if self.hi is not None and self.hi <= 0:
            return -self
        hi = None if self.lo is None or self.hi is None else max(-self.lo, self.hi)
        return ExactInterval(Fraction(0), hi, self.enclosure)

    def sign(self) -> ExactInterval:
        """The hull of the signs of the members: exactly ±1 away from zero, [0, 1] for [0, 5],
        [−1, 1] across zero (a hull rather than UNDEFINED, so a sign stays usable and sound)."""
        lo = -1 if self.lo is None or self.lo < 0 else (0 if self.lo == 0 else 1)
        hi = 1 if self.hi is None or self.hi > 0 else (0 if self.hi == 0 else -1)
        return ExactInterval(Fraction(lo), Fraction(hi))

    def _ends(self) -> tuple[Fraction | float, Fraction | float]:
        return (-_INF if self.lo is None else self.lo, _INF if self.hi is None else self.hi)

    def __str__(self) -> str:
        lo = "(−∞" if self.lo is None else f"[{self.lo}"
        hi = "+∞)" if self.hi is None else f"{self.hi}]"
        return f"{lo}, {hi}"


Result = ExactInterval | Undefined
Operand = ExactInterval | Undefined | Fraction | int


def power(
    base: Result, exponent: Fraction | int, precision: Fraction = DEFAULT_PRECISION
) -> Result:
    """base ** exponent for a rational exponent.

    An integer exponent is exact for any base (UNDEFINED for a negative one over an interval
    containing zero). A fractional p/q needs a positive base (UNDEFINED otherwise); it is exact
    when the q-th roots of the bounds are rational, else a sound enclosure whose bounds are
    within `precision` relative to each other, flagged `enclosure`.
    """
    if isinstance(base, Undefined):
        return UNDEFINED
    e = Fraction(exponent)
    if e.denominator == 1:
        return _integer_power(base, e.numerator)
    if base.lo is None or base.lo <= 0:
        return UNDEFINED
    p, q = e.numerator, e.denominator
    if p > 0:
        lo = _root_power(base.lo, p, q, precision, upper=False)
        hi = None if base.hi is None else _root_power(base.hi, p, q, precision, upper=True)
    else:  # decreasing: the low bound comes from the high end
        lo = Fraction(0) if base.hi is None else _root_power(base.hi, p, q, precision, False)
        hi = _root_power(base.lo, p, q, precision, upper=True)
    exact = _is_rational_root(base.lo, q) and (base.hi is None or _is_rational_root(base.hi, q))
    return ExactInterval(lo, hi, base.enclosure or not exact)


def _integer_power(base: ExactInterval, n: int) -> Result:
    if n < 0:
        positive = _integer_power(base, -n)
        return positive.reciprocal() if isinstance(positive, ExactInterval) else UNDEFINED
    if n == 0:
        return ExactInterval.point(1)
    if n % 2 == 1:
        return ExactInterval(_pow_end(base.lo, n), _pow_end(base.hi, n), base.enclosure)
    a = abs(base)
    return ExactInterval(_pow_end(a.lo, n), _pow_end(a.hi, n), base.enclosure)


def _pow_end(x: Bound, n: int) -> Bound:
    return None if x is None else x**n


def iroot(n: int, k: int) -> int:
    """The integer k-th root of n ≥ 0, rounded down (Newton's method on integers)."""
    if n < 0 or k < 1:
        raise ValueError("iroot needs n >= 0 and k >= 1")
    if n < 2:
        return n
    x = 1 << -(-n.bit_length() // k)  # a power of two above the root
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            return x
        x = y


def _is_rational_root(x: Fraction, q: int) -> bool:
    return (
        iroot(x.numerator, q) ** q == x.numerator and iroot(x.denominator, q) ** q == x.denominator
    )


def _root_power(x: Fraction, p: int, q: int, precision: Fraction, upper: bool) -> Fraction:
    """A bound of x ** (p/q) for x > 0: below it when `upper` is false, above it otherwise."""
    if _is_rational_root(x, q):
        root = Fraction(iroot(x.numerator, q), iroot(x.denominator, q))
        return root**p
    # floor(x^(1/q) · s) / s with s = 10^m has relative error below 1/r; raising to |p|
    # multiplies it by about |p|, so ask for that much more.
    digits = -math.floor(math.log10(precision)) + len(str(abs(p))) + 2
    m = digits
    while True:
        s = 10**m
        r = iroot(x.numerator * s**q // x.denominator, q)
        if r >= 10**digits:
            break
        m += digits - len(str(r)) + 2
    low, high = Fraction(r, s), Fraction(r + 1, s)
    if p > 0:
        return high**p if upper else low**p
    return low**p if upper else high**p


def _neg(x: Bound) -> Bound:
    return None if x is None else -x


def _max_lo(a: Bound, b: Bound) -> Bound:
    return b if a is None else a if b is None else max(a, b)


def _min_hi(a: Bound, b: Bound) -> Bound:
    return b if a is None else a if b is None else min(a, b)


def _times(a: Fraction | float, b: Fraction | float) -> Fraction | float:
    # 0 × ∞ is 0: an unbounded side is a limit of finite members, and 0 times any of them is 0.
    if a == 0 or b == 0:
        return Fraction(0)
    return a * b


def _from_ends(lo: Fraction | float, hi: Fraction | float, enclosure: bool) -> ExactInterval:
    return ExactInterval(
        None if lo == -_INF else Fraction(lo), None if hi == _INF else Fraction(hi), enclosure
    )


def _interval(x: ExactInterval | Fraction | int) -> ExactInterval:
    return x if isinstance(x, ExactInterval) else ExactInterval.point(x)


def exact_sum(terms: Iterable[Result]) -> Result:
    """The sum of any number of intervals; an empty sum is [0, 0]."""
    total: Result = ExactInterval.point(0)
    for term in terms:
        total = total + term if isinstance(total, ExactInterval) else UNDEFINED
    return total


def overlap_miss(stated: Result, derived: Result) -> Fraction | Undefined:
    """Distance between two intervals: 0 when they overlap or touch in one point."""
    if isinstance(stated, Undefined) or isinstance(derived, Undefined):
        return UNDEFINED
    return max(_gap(stated.lo, derived.hi), _gap(derived.lo, stated.hi))


def le_miss(stated: Result, derived: Result) -> Fraction | Undefined:
    """How far `stated <= derived` is from being satisfiable (0 when it is)."""
    if isinstance(stated, Undefined) or isinstance(derived, Undefined):
        return UNDEFINED
    return _gap(stated.lo, derived.hi)


def ge_miss(stated: Result, derived: Result) -> Fraction | Undefined:
    """How far `stated >= derived` is from being satisfiable (0 when it is)."""
    if isinstance(stated, Undefined) or isinstance(derived, Undefined):
        return UNDEFINED
    return _gap(derived.lo, stated.hi)


def _gap(lo: Bound, hi: Bound) -> Fraction:
    """max(lo − hi, 0), where a missing bound is unbounded (so no gap)."""
    if lo is None or hi is None:
        return Fraction(0)
    return max(lo - hi, Fraction(0))
