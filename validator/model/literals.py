"""Printed literals to intervals, column-wise and without a float round-trip.

A literal such as "9.90" is read as an integer mantissa (990) and a number of decimals (2); the
interval it stands for is computed from those with a single floating-point operation, widened
outward by one ulp.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

LITERAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?\Z"
MAX_SIGNIFICANT_DIGITS = 15


class Qualifier(StrEnum):
    """How a printed figure relates to the true value."""

    EXACT = ""
    ABOUT = "about"
    OVER = "over"
    UNDER = "under"
    NEARLY = "nearly"


@dataclass(frozen=True)
class Scale:
    """A unit's scale as an exact power-of-ten decimal: mantissa × 10**exponent."""

    mantissa: int
    exponent: int

    @staticmethod
    def parse(text: str) -> Scale:
        sign, digits, exponent = Decimal(text).normalize().as_tuple()
        if sign or not isinstance(exponent, int):
            raise ValueError(f"unit scale must be a positive decimal, got {text!r}")
        return Scale(int("".join(map(str, digits))), exponent)


def _arrow(values: pd.Series) -> pa.ChunkedArray | pa.Array:
    return pa.array(values, type=pa.string()) if not isinstance(values, pa.Array) else values


def decimals_of(values: pd.Series) -> pd.Series:
    """Number of printed decimals of each literal ("9.90" → 2, "7357" → 0)."""
    arr = _arrow(values)
    dot = pc.find_substring(arr, ".").to_numpy(zero_copy_only=False)
    length = pc.binary_length(arr).to_numpy(zero_copy_only=False)
    return pd.Series(np.where(dot >= 0, length - dot - 1, 0).astype("int64"), index=values.index)


def _digits(arr: pa.Array) -> pa.Array:
    return pc.replace_substring(pc.replace_substring(arr, "-", ""), ".", "")


def literal_bounds(
    values: pd.Series,
    qualifiers: np.ndarray | pd.Series,
    scale_mantissa: np.ndarray,
    scale_exponent: np.ndarray,
    discrete: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Interval bounds, in the dimension's base unit, of printed literals.

    `values` must already match LITERAL_PATTERN with at most MAX_SIGNIFICANT_DIGITS digits.
    Where `discrete` is true, a whole number without qualifier is an exact count.
    """
    arr = _arrow(values)
    negative = pc.starts_with(arr, "-").to_numpy(zero_copy_only=False)
    # exact: fewer than 2**53
    mantissa = pc.cast(_digits(arr), pa.float64()).to_numpy(zero_copy_only=False)
    decimals = decimals_of(values).to_numpy()
    q = np.asarray(qualifiers, dtype=object)

    # Offsets of the bounds from the mantissa, in units of the last printed digit.
    below = np.select(
        [q == Qualifier.ABOUT, q == Qualifier.NEARLY, q == Qualifier.OVER, q == Qualifier.UNDER],
        [1.0, 1.0, 0.0, np.inf],
        0.5,
    )
    above = np.select(
        [q == Qualifier.ABOUT, q == Qualifier.NEARLY, q == Qualifier.OVER, q == Qualifier.UNDER],
        [1.0, 0.0, np.inf, 0.0],
        0.5,
    )
    if discrete is not None:
        exact_count = discrete & (decimals == 0) & (q == Qualifier.EXACT)
        below = np.where(exact_count, 0.0, below)
        above = np.where(exact_count, 0.0, above)
    signed = np.where(negative, -mantissa, mantissa)
    low_m = signed - below
    high_m = signed + above
    exponent = scale_exponent.astype("int64") - decimals
    power = np.power(10.0, np.abs(exponent))  # exact up to 10**22
    scale = scale_mantissa.astype(float)
    with np.errstate(invalid="ignore"):
        lo = low_m * scale
        hi = high_m * scale
        lo = np.where(exponent >= 0, lo * power, lo / power)
        hi = np.where(exponent >= 0, hi * power, hi / power)
    # Two rounded operations at most: two ulps outward cover both.
    return _widen(lo, -np.inf, 2), _widen(hi, np.inf, 2)


def _widen(x: np.ndarray, direction: float, ulps: int) -> np.ndarray:
    for _ in range(ulps):
        x = np.nextafter(x, direction)
    return x


def significant_digits(values: pd.Series) -> pd.Series:
    trimmed = pc.utf8_ltrim(_digits(_arrow(values)), "0")
    return pd.Series(pc.binary_length(trimmed).to_numpy(zero_copy_only=False), index=values.index)
