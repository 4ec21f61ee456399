"""The exact re-check reads the same printed statements again in every re-evaluation of the
review: a literal's exact interval is computed once, keyed by everything it depends on."""

from fractions import Fraction

from validator.engine import recheck


def test_a_literals_exact_interval_is_computed_once_and_keyed_by_everything_it_reads():
    recheck._interval.cache_clear()
    a = recheck._interval("9.97", None, "", Fraction(10**8), False, nonnegative=True)
    b = recheck._interval("9.97", None, "", Fraction(10**8), False, nonnegative=True)
    assert a is b and recheck._interval.cache_info().hits == 1
    in_wan = recheck._interval("9.97", None, "", Fraction(10**4), False, nonnegative=True)
    rounded_to_one = recheck._interval("9.97", 1, "", Fraction(10**8), False, nonnegative=True)
    assert a.lo == Fraction(9965, 1000) * 10**8 and in_wan.lo == Fraction(9965, 1000) * 10**4
    assert rounded_to_one.lo == Fraction(992, 100) * 10**8
