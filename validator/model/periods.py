"""Reporting periods: instants and durations, parsed from the forms the facts files use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodType(StrEnum):
    INSTANT = "instant"
    DURATION = "duration"


# ASCII digits only (\d would accept any Unicode digit) and \Z (not $, which accepts a
# trailing newline).
_INSTANT = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_YEAR = re.compile(r"^([0-9]{4})\Z")
_HALF = re.compile(r"^([0-9]{4})H([12])\Z")
_QUARTER = re.compile(r"^([0-9]{4})Q([1-4])\Z")
_RANGE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2}-[0-9]{2})\Z")

_D = "[0-9]"
PERIOD_PATTERN = (
    rf"^({_D}{{4}}-{_D}{{2}}-{_D}{{2}}|{_D}{{4}}|{_D}{{4}}H[12]|{_D}{{4}}Q[1-4]"
    rf"|{_D}{{4}}-{_D}{{2}}-{_D}{{2}}\.\.{_D}{{4}}-{_D}{{2}}-{_D}{{2}})\Z"
)
# Every period has a prior year, an opening balance and a next year-end that are dates too.
MIN_YEAR, MAX_YEAR = 1000, 9998


@dataclass(frozen=True, order=True)
class Period:
    """An instant (start == end) or a duration [start, end], both dates inclusive."""

    type: PeriodType
    start: date
    end: date

    @property
    def key(self) -> str:
        """Canonical text used to join facts: `2024-12-31` or `2024-01-01..2024-12-31`."""
        if self.type is PeriodType.INSTANT:
            return self.end.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def label(self) -> str:
        """The shortest readable form (`2024`, `2024H1`, `2025Q1`, `2024-12-31`)."""
        if self.type is PeriodType.INSTANT:
            return self.end.isoformat()
        s, e = self.start, self.end
        if s.month == 1 and s.day == 1 and (e.month, e.day) == (12, 31) and s.year == e.year:
            return str(s.year)
        for half, (m0, m1) in enumerate(((1, 6), (7, 12)), start=1):
            if s.year == e.year and s.day == 1 and s.month == m0 and e == _month_end(e.year, m1):
                return f"{s.year}H{half}"
        for q in range(1, 5):
            m0, m1 = 3 * q - 2, 3 * q
            if s.year == e.year and s.day == 1 and s.month == m0 and e == _month_end(e.year, m1):
                return f"{s.year}Q{q}"
        return self.key

    def end_instant(self) -> Period:
        return Period(PeriodType.INSTANT, self.end, self.end)

    def opening_instant(self) -> Period:
        """The opening balance date: the day before a duration starts; for an instant, the
        prior year-end (上年末)."""
        if self.type is PeriodType.DURATION:
            day = self.start - timedelta(days=1)
        else:
            day = date(self.end.year - 1, 12, 31)
        return Period(PeriodType.INSTANT, day, day)

    def prior(self) -> Period:
        """The same period one year earlier (同比)."""
        return Period(self.type, _shift_year(self.start, -1), _shift_year(self.end, -1))


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _shift_year(d: date, years: int) -> date:
    if d.month == 2 and d.day == 29:
        return date(d.year + years, 2, 28)
    if d == _month_end(d.year, d.month):
        return _month_end(d.year + years, d.month)
    return date(d.year + years, d.month, d.day)


def parse_period(text: str) -> Period:
    """Parse a period as written in a facts file; ValueError with a readable reason."""
    period = _parse(text)
    if period.start.year < MIN_YEAR or period.end.year > MAX_YEAR:
        raise ValueError(
            f"not a valid period {text!r}: years must be from {MIN_YEAR} to {MAX_YEAR}"
        )
    return period


def _parse(text: str) -> Period:
    try:
        if m := _INSTANT.match(text):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return Period(PeriodType.INSTANT, d, d)
        if m := _YEAR.match(text):
            y = int(m[1])
            return Period(PeriodType.DURATION, date(y, 1, 1), date(y, 12, 31))
        if m := _HALF.match(text):
            y, h = int(m[1]), int(m[2])
            return Period(PeriodType.DURATION, date(y, 6 * h - 5, 1), _month_end(y, 6 * h))
        if m := _QUARTER.match(text):
            y, q = int(m[1]), int(m[2])
            return Period(PeriodType.DURATION, date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
        if m := _RANGE.match(text):
            start, end = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            if end < start:
                raise ValueError(f"period {text!r} ends before it starts")
            return Period(PeriodType.DURATION, start, end)
    except ValueError as exc:
        raise ValueError(f"not a valid date in period {text!r}: {exc}") from None
    raise ValueError(
        f"unknown period {text!r}: expected YYYY-MM-DD, YYYY, YYYYH1/H2, YYYYQ1-4 "
        "or YYYY-MM-DD..YYYY-MM-DD"
    )
