"""The exact interval a printed literal stands for, from its digits and declared rounding.

"9.97" stands for [9.965, 9.975]: every value that rounds to it at the decimals it shows. An
XBRL-style `decimals` overrides what the digits show ("1200" rounded to hundreds, decimals −2, is
[1150, 1250]; INF is exact), and a qualifier (about, over, under, nearly) widens or opens it.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final, Literal

from validator.model.exact import ExactInterval

_LITERAL: Final = re.compile(r"^(-?)([0-9]+)(?:\.([0-9]+))?$")
INF: Final = "INF"
Decimals = int | Literal["INF"] | None
QUALIFIERS: Final = ("", "about", "over", "under", "nearly")
_NON_NEGATIVE: Final = ExactInterval(Fraction(0), None)


def parse_literal(literal: str) -> tuple[Fraction, int]:
    """The exact value of a printed literal and the number of decimals it shows."""
    match = _LITERAL.match(literal)
    if match is None:
        raise ValueError(f"not a plain decimal literal: {literal!r}")
    sign, whole, fraction = match.groups()
    printed = len(fraction or "")
    value = Fraction(int(whole + (fraction or "")), 10**printed)
    return (-value if sign else value), printed


def literal_interval(
    literal: str,
    decimals: Decimals,
    qualifier: str,
    scale: Fraction,
    discrete: bool,
    *,
    nonnegative: bool = False,
) -> ExactInterval:
    """The interval, in the base unit (× `scale`), of the values a printed literal stands for.

    The last-digit unit is u = 10^−d, d the printed decimals unless `decimals` is given. Without
    qualifier the interval is [v − u/2, v + u/2]; `about` is [v − u, v + u], `over` [v, ∞),
    `under` (−∞, v], `nearly` [v − u, v]. INF, and a count (`discrete`) printed without decimals,
    qualifier or declared decimals, are exact. For a concept that cannot be negative the
    interval is cut to [0, ∞) when that leaves something ("0.00" is [0, 0.005]); a negative
    figure of such a concept keeps its own interval, so the flip stays visible.
    """
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {QUALIFIERS}")
    if scale <= 0:
        raise ValueError(f"a unit's scale must be positive, got {scale}")
    value, printed = parse_literal(literal)
    if decimals == INF or (discrete and decimals is None and printed == 0 and not qualifier):
        unit = Fraction(0)
    elif decimals is None:
        unit = Fraction(1, 10**printed)
    elif isinstance(decimals, int) and not isinstance(decimals, bool):
        unit = Fraction(10) ** -decimals
    else:
        raise ValueError(f"decimals must be an integer, INF or None, got {decimals!r}")
    lo, hi = _bounds(value, unit, qualifier)
    interval = ExactInterval(_scaled(lo, scale), _scaled(hi, scale))
    if nonnegative:
        return interval.intersect(_NON_NEGATIVE) or interval
    return interval


def _bounds(v: Fraction, u: Fraction, qualifier: str) -> tuple[Fraction | None, Fraction | None]:
    if qualifier == "about":
        return v - u, v + u
    if qualifier == "over":
        return v, None
    if qualifier == "under":
        return None, v
    if qualifier == "nearly":
        return v - u, v
    return v - u / 2, v + u / 2


def _scaled(x: Fraction | None, scale: Fraction) -> Fraction | None:
    return None if x is None else x * scale
