"""Formatting interval bounds in the unit a figure was stated in."""

from __future__ import annotations

import math

from validator.model.literals import Scale


def scale_value(scale: Scale) -> float:
    return scale.mantissa * 10.0**scale.exponent


def in_unit(value: float, scale: Scale) -> float:
    """A base-unit value expressed in a unit (e.g. 0.5351 → 53.51 for %)."""
    if value is None or math.isnan(value) or math.isinf(value):
        return value
    return value / scale_value(scale)


def fmt(value: float | None, decimals: int) -> str:
    if value is None or math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "+∞" if value > 0 else "−∞"
    text = f"{value:.{decimals}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def fmt_interval(lo: float, hi: float, decimals: int) -> str:
    if lo is None or hi is None or math.isnan(lo) or math.isnan(hi):
        return "undefined"
    return f"[{fmt(lo, decimals)}, {fmt(hi, decimals)}]"


def json_number(value: float) -> float | None:
    """JSON has no infinities or NaN: unbounded or undefined sides are null."""
    if value is None or math.isnan(value) or math.isinf(value):
        return None
    return float(f"{value:.12g}")  # readable, and the same on every run
