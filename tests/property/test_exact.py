"""Exact interval arithmetic: every member's result lies in the result interval, and the result
is the exact hull (its finite bounds are attained), on negative, zero-spanning and unbounded
intervals; printed literals stand for exactly the values that round to them."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from validator.model.exact import (
    UNDEFINED,
    ExactInterval,
    exact_sum,
    ge_miss,
    iroot,
    le_miss,
    overlap_miss,
    power,
)
from validator.model.exact_literals import literal_interval

SETTINGS = settings(max_examples=100, deadline=None)
rationals = st.fractions(min_value=-1000, max_value=1000, max_denominator=1000)


@st.composite
def intervals(draw, bounded: bool = False):
    a, b = sorted([draw(rationals), draw(rationals)])
    lo = a if bounded or draw(st.integers(0, 4)) else None
    hi = b if bounded or draw(st.integers(0, 4)) else None
    return ExactInterval(lo, hi)


@st.composite
def members(draw, x: ExactInterval, n: int = 3):
    """Points of x: its finite ends, and points inside (far out on an unbounded side)."""
    lo = x.lo if x.lo is not None else (x.hi if x.hi is not None else Fraction(0)) - 10**6
    hi = x.hi if x.hi is not None else lo + 2 * 10**6
    points = [p for p in (x.lo, x.hi) if p is not None]
    for _ in range(n):
        t = draw(st.fractions(min_value=0, max_value=1, max_denominator=97))
        points.append(lo + t * (hi - lo))
    return points


OPS = {
    "+": (lambda a, b: a + b, lambda x, y: x + y),
    "-": (lambda a, b: a - b, lambda x, y: x - y),
    "*": (lambda a, b: a * b, lambda x, y: x * y),
    "/": (lambda a, b: a / b, lambda x, y: x / y),
}


@SETTINGS
@given(st.sampled_from(sorted(OPS)), intervals(), intervals(), st.data())
def test_every_member_result_lies_in_the_result(op, x, y, data):
    on_intervals, on_points = OPS[op]
    result = on_intervals(x, y)
    if op == "/" and y.contains_zero():
        assert result is UNDEFINED
        return
    ys = data.draw(members(y))
    for a in data.draw(members(x)):
        for b in ys:
            assert result.contains(on_points(a, b)), (x, y, a, b, result)


@SETTINGS
@given(st.sampled_from(sorted(OPS)), intervals(bounded=True), intervals(bounded=True))
def test_bounded_results_are_the_exact_hull_of_the_corners(op, x, y):
    on_intervals, on_points = OPS[op]
    assume(not (op == "/" and y.contains_zero()))
    corners = [on_points(a, b) for a in (x.lo, x.hi) for b in (y.lo, y.hi)]
    assert on_intervals(x, y) == ExactInterval(min(corners), max(corners))


@SETTINGS
@given(intervals(), st.data())
def test_negation_abs_and_sign_hold_every_member(x, data):
    for a in data.draw(members(x)):
        assert (-x).contains(-a)
        assert abs(x).contains(abs(a))
        assert x.sign().contains((a > 0) - (a < 0))
    if x.bounded:
        assert abs(x).hi == max(abs(x.lo), abs(x.hi))


def test_sign_is_exact_away_from_zero_and_a_hull_across_it():
    assert ExactInterval(2, 5).sign() == ExactInterval.point(1)
    assert ExactInterval(None, -1).sign() == ExactInterval.point(-1)
    assert ExactInterval(0, 5).sign() == ExactInterval(0, 1)
    assert ExactInterval(-2, 5).sign() == ExactInterval(-1, 1)
    assert ExactInterval(0, 0).sign() == ExactInterval.point(0)


def test_unbounded_sides_follow_the_extended_reals():
    over_5 = ExactInterval(5, None)
    assert over_5 + 3 == ExactInterval(8, None)
    assert over_5 - ExactInterval(5, None) == ExactInterval.everything()
    assert ExactInterval(0, 0) * ExactInterval(1, None) == ExactInterval.point(0)
    assert ExactInterval(0, 1) * ExactInterval(1, None) == ExactInterval(0, None)
    assert ExactInterval(1, None) / ExactInterval(1, None) == ExactInterval(0, None)
    assert ExactInterval(1, 2) / ExactInterval(-1, 1) is UNDEFINED
    assert ExactInterval(1, 2) / ExactInterval(0, 1) is UNDEFINED
    assert ExactInterval(1, 2) + UNDEFINED is UNDEFINED


def test_undefined_passes_through_every_operation():
    x = ExactInterval(1, 2)
    for result in (UNDEFINED + x, x - UNDEFINED, 2 * UNDEFINED, UNDEFINED / x, -UNDEFINED):
        assert result is UNDEFINED
    assert abs(UNDEFINED) is UNDEFINED and power(UNDEFINED, 2) is UNDEFINED
    assert overlap_miss(UNDEFINED, x) is UNDEFINED and not UNDEFINED


def test_an_inverted_interval_cannot_be_made():
    with pytest.raises(ValueError, match="inverted"):
        ExactInterval(2, 1)
    with pytest.raises(TypeError):
        ExactInterval(0.1, 1)  # floats are not exact: say Fraction("0.1")


@SETTINGS
@given(intervals(), st.integers(-4, 5), st.data())
def test_integer_powers_are_exact(x, n, data):
    result = power(x, n)
    if n < 0 and x.contains_zero():
        assert result is UNDEFINED
        return
    assert not result.enclosure
    for a in data.draw(members(x)):
        if a != 0 or n >= 0:
            assert result.contains(a**n)


@pytest.mark.parametrize(
    ("base", "exponent", "expected"),
    [("4/9", "1/2", "2/3"), ("27", "2/3", "9"), ("32/243", "-3/5", "27/8"), ("1/16", "3/4", "1/8")],
)
def test_rational_powers_are_exact_when_the_root_is_rational(base, exponent, expected):
    result = power(ExactInterval.point(Fraction(base)), Fraction(exponent))
    assert result == ExactInterval.point(Fraction(expected))
    assert not result.enclosure


@SETTINGS
@given(
    st.fractions(min_value=Fraction(1, 10**6), max_value=10**9, max_denominator=10**6),
    st.sampled_from(
        [Fraction(1, 2), Fraction(1, 3), Fraction(2, 5), Fraction(-1, 7), Fraction(7, 3)]
    ),
)
def test_irrational_powers_are_tight_flagged_enclosures(x, e):
    result = power(ExactInterval.point(x), e)
    p, q = e.numerator, e.denominator
    # lo ≤ x^(p/q) ≤ hi  ⇔  lo^q ≤ x^p ≤ hi^q (all positive)
    assert result.lo**q <= x**p <= result.hi**q
    assert (result.hi - result.lo) / result.lo < Fraction(1, 10**40)
    assert result.enclosure == (result.lo != result.hi)


def test_powers_of_a_non_positive_base_by_a_fraction_are_undefined():
    assert power(ExactInterval(-1, 4), Fraction(1, 2)) is UNDEFINED
    assert power(ExactInterval(0, 4), Fraction(1, 2)) is UNDEFINED


@given(st.integers(0, 10**60), st.integers(1, 7))
def test_integer_roots_round_down(n, k):
    r = iroot(n, k)
    assert r**k <= n < (r + 1) ** k


@SETTINGS
@given(intervals(), intervals())
def test_misses_are_zero_exactly_when_the_intervals_meet(x, y):
    miss = overlap_miss(x, y)
    assert (miss == 0) == (x.intersect(y) is not None)
    assert miss == overlap_miss(y, x)
    assert le_miss(x, y) == 0 or ge_miss(x, y) == 0


def test_intervals_touching_in_one_point_do_not_miss():
    total = ExactInterval(Fraction("4.05"), Fraction("4.15"))
    items = exact_sum(
        [
            ExactInterval(Fraction("1.45"), Fraction("1.55")),
            ExactInterval(Fraction("1.5"), Fraction("2.5")),
        ]
    )
    assert items == ExactInterval(Fraction("2.95"), Fraction("4.05"))
    assert overlap_miss(total, items) == 0
    assert total.intersect(items) == ExactInterval.point(Fraction("4.05"))
    assert overlap_miss(ExactInterval(Fraction("4.15"), Fraction("4.25")), items) == Fraction("0.1")


# --- literals --------------------------------------------------------------------------------

ONE = Fraction(1)
literal_digits = st.integers(1, 40).flatmap(
    lambda n: st.tuples(st.integers(10 ** (n - 1), 10**n - 1), st.integers(0, n), st.booleans())
)


def _literal(mantissa: int, decimals: int, negative: bool) -> str:
    text = str(mantissa).rjust(decimals + 1, "0")
    body = f"{text[: len(text) - decimals]}.{text[len(text) - decimals :]}" if decimals else text
    return ("-" if negative else "") + body


@SETTINGS
@given(literal_digits, st.fractions(min_value=0, max_value=1, max_denominator=1000))
def test_a_literal_of_up_to_40_digits_stands_for_what_rounds_to_it(parts, t):
    mantissa, d, negative = parts
    text = _literal(mantissa, d, negative)
    interval = literal_interval(text, None, "", ONE, False)
    assert interval.hi - interval.lo == Fraction(1, 10**d)
    x = interval.lo + t * (interval.hi - interval.lo)
    # every inner member rounds, at the printed decimals, to the printed value (ends are ties)
    if 0 < t < 1:
        assert Fraction(round(x * 10**d), 10**d) == Fraction(Decimal(text))


@pytest.mark.parametrize(
    ("literal", "decimals", "qualifier", "discrete", "expected"),
    [
        ("9.97", None, "", False, ("9.965", "9.975")),
        ("1200", -2, "", False, ("1150", "1250")),
        ("1200", -2, "", True, ("1150", "1250")),
        ("5000000", -6, "", False, ("4500000", "5500000")),
        ("12.5", "INF", "", False, ("12.5", "12.5")),
        ("12.5", 4, "", False, ("12.49995", "12.50005")),
        ("20", None, "about", False, ("19", "21")),
        ("65", None, "over", False, ("65", None)),
        ("5", None, "under", False, (None, "5")),
        ("20", None, "nearly", False, ("19", "20")),
        ("7357", None, "", True, ("7357", "7357")),
        ("7357", None, "about", True, ("7356", "7358")),
        ("7.5", None, "", True, ("7.45", "7.55")),
    ],
)
def test_literal_intervals(literal, decimals, qualifier, discrete, expected):
    lo, hi = (None if e is None else Fraction(e) for e in expected)
    assert literal_interval(literal, decimals, qualifier, ONE, discrete) == ExactInterval(lo, hi)


def test_a_scale_multiplies_both_bounds_exactly():
    got = literal_interval("9.97", None, "", Fraction(10**8), False)
    assert got == ExactInterval(996_500_000, 997_500_000)
    pct = literal_interval("53.51", None, "", Fraction(1, 100), False)
    assert pct == ExactInterval(Fraction("0.53505"), Fraction("0.53515"))


def test_a_concept_that_cannot_be_negative_cuts_only_what_it_can():
    zero = literal_interval("0.00", None, "", ONE, False, nonnegative=True)
    assert zero == ExactInterval(0, Fraction("0.005"))
    under = literal_interval("5", None, "under", ONE, False, nonnegative=True)
    assert under == ExactInterval(0, 5)
    flipped = literal_interval("-23.14", None, "", ONE, False, nonnegative=True)
    assert flipped == ExactInterval(Fraction("-23.145"), Fraction("-23.135"))  # a sign finding


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("1,200", None, "", ONE, False), "not a plain decimal"),
        (("1e5", None, "", ONE, False), "not a plain decimal"),
        (("12", None, "roughly", ONE, False), "unknown qualifier"),
        (("12", None, "", Fraction(0), False), "scale must be positive"),
        (("12", 1.5, "", ONE, False), "decimals must be"),
    ],
)
def test_bad_literals_are_clear_errors(args, message):
    with pytest.raises(ValueError, match=message):
        literal_interval(*args)
