"""A printed literal stands for the interval of values that round to it."""

import numpy as np
import pandas as pd
import pytest

from validator.model.literals import Scale, decimals_of, literal_bounds


def bounds(value: str, qualifier: str = "", scale: str = "1", discrete: bool = False):
    s = Scale.parse(scale)
    lo, hi = literal_bounds(
        pd.Series([value], dtype="string"),
        pd.Series([qualifier]),
        np.array([s.mantissa]),
        np.array([s.exponent]),
        np.array([discrete]),
    )
    return lo[0], hi[0]


def test_decimals_come_from_the_literal():
    assert decimals_of(pd.Series(["9.90", "7357", "-0.005", "100.00"])).tolist() == [2, 0, 3, 2]


@pytest.mark.parametrize(
    "value,lo,hi",
    [
        ("9.97", 9.965, 9.975),
        ("-1.44", -1.445, -1.435),
        ("7357", 7356.5, 7357.5),
        ("0.00", -0.005, 0.005),
        ("100.00", 99.995, 100.005),
    ],
)
def test_exact_literal_is_half_a_unit_of_its_last_digit_either_side(value, lo, hi):
    got_lo, got_hi = bounds(value)
    assert got_lo <= lo and lo - got_lo < 1e-12 * max(1.0, abs(lo))
    assert hi <= got_hi and got_hi - hi < 1e-12 * max(1.0, abs(hi))


def test_units_scale_exactly_so_yi_and_wan_yuan_agree():
    lo_yi, hi_yi = bounds("5.47", scale="100000000")
    lo_wan, hi_wan = bounds("54670.00", scale="10000")
    assert lo_yi <= lo_wan and hi_wan <= hi_yi


def test_percent_is_a_fraction():
    lo, hi = bounds("53.51", scale="0.01")
    assert lo <= 0.53505 <= 0.53515 <= hi


@pytest.mark.parametrize(
    "qualifier,lo,hi",
    [
        ("about", 19, 21),
        ("over", 20, np.inf),
        ("under", -np.inf, 20),
        ("nearly", 19, 20),
    ],
)
def test_qualifiers_widen_or_open_the_interval(qualifier, lo, hi):
    got = bounds("20", qualifier)
    assert got[0] == pytest.approx(lo) and got[1] == pytest.approx(hi)


def test_a_count_of_items_printed_without_decimals_is_exact():
    assert bounds("337", discrete=True) == pytest.approx((337, 337))
    assert bounds("337", "about", discrete=True) == pytest.approx((336, 338))


def test_scale_parses_powers_of_ten():
    assert Scale.parse("0.01") == Scale(1, -2)
    assert Scale.parse("100000000") == Scale(1, 8)
