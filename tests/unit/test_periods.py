"""Periods as written in facts files."""

from datetime import date

import pytest

from validator.model.periods import PeriodType, parse_period


@pytest.mark.parametrize(
    "text,start,end,label",
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "2024"),
        ("2024H1", date(2024, 1, 1), date(2024, 6, 30), "2024H1"),
        ("2025Q1", date(2025, 1, 1), date(2025, 3, 31), "2025Q1"),
        ("2024Q4", date(2024, 10, 1), date(2024, 12, 31), "2024Q4"),
        ("2024-01-01..2024-08-27", date(2024, 1, 1), date(2024, 8, 27), "2024-01-01..2024-08-27"),
    ],
)
def test_durations(text, start, end, label):
    p = parse_period(text)
    assert (p.type, p.start, p.end, p.label()) == (PeriodType.DURATION, start, end, label)


def test_instant_and_its_opening_balance_date():
    p = parse_period("2025-03-31")
    assert p.type is PeriodType.INSTANT
    assert p.opening_instant().key == "2024-12-31"
    assert parse_period("2024").opening_instant().key == "2023-12-31"
    assert parse_period("2024H1").prior().key == "2023-01-01..2023-06-30"


@pytest.mark.parametrize("bad", ["2024-02-30", "2024Q5", "24", "2024-12-31..2024-01-01", "FY24"])
def test_bad_periods_are_clear_errors(bad):
    with pytest.raises(ValueError, match="period"):
        parse_period(bad)
