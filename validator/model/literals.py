"""Printed literals to intervals, column-wise and without a float round-trip.

A literal such as "9.90" is read as an integer mantissa (990) and a number of decimals (2); the
interval it stands for is computed from those with a single floating-point operation, widened
outward by one ulp.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from validator.model.qualifiers import Qualifier

LITERAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?\Z"
MAX_SIGNIFICANT_DIGITS = 40
MAX_DECLARED_DECIMALS = 30  # |decimals| a facts file may declare


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
    declared: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Interval bounds, in the dimension's base unit, of printed literals.

    `values` must already match LITERAL_PATTERN with at most MAX_SIGNIFICANT_DIGITS digits.
    Where `discrete` is true, a whole number without qualifier is an exact count. `declared`
    (float: NaN where not declared, +inf for exact) overrides the printed decimals, as XBRL's
    `decimals` does: "1200" declared −2 is [1150, 1250]. The bounds are sound floats; a check
    they leave close to its boundary is re-decided exactly from the literal (engine/recheck.py).
    """
    arr = _arrow(values)
    negative = pc.starts_with(arr, "-").to_numpy(zero_copy_only=False)
    # The digits as a float: exact below 2**53, else correctly rounded (one more rounding).
    mantissa = pc.cast(_digits(arr), pa.float64()).to_numpy(zero_copy_only=False)
    printed = decimals_of(values).to_numpy()
    decimals = printed
    exact_declared = np.zeros(len(printed), dtype=bool)
    if declared is not None:
        declared = np.asarray(declared, dtype=float)
        exact_declared = np.isinf(declared)
        given = ~np.isnan(declared) & ~exact_declared
        decimals = np.where(given, declared, printed).astype(np.int64)
    # Each distinct qualifier is compared once; its rows take the result by code.
    q_codes, q_uniques = pd.factorize(np.asarray(qualifiers, dtype=object), use_na_sentinel=False)
    q = np.asarray(q_uniques, dtype=object)

    # Offsets of the bounds from the mantissa, in units of the last printed digit.
    below = np.select(
        [q == Qualifier.ABOUT, q == Qualifier.NEARLY, q == Qualifier.OVER, q == Qualifier.UNDER],
        [1.0, 1.0, 0.0, np.inf],
        0.5,
    )[q_codes]
    above = np.select(
        [q == Qualifier.ABOUT, q == Qualifier.NEARLY, q == Qualifier.OVER, q == Qualifier.UNDER],
        [1.0, 0.0, np.inf, 0.0],
        0.5,
    )[q_codes]
    is_exact = (q == Qualifier.EXACT)[q_codes]
    exact = exact_declared.copy()
    if discrete is not None:
        undeclared = np.isnan(declared) if declared is not None else np.ones(len(q_codes), bool)
        exact |= discrete & (printed == 0) & is_exact & undeclared
    exact &= is_exact
    below = np.where(exact, 0.0, below)
    above = np.where(exact, 0.0, above)
    signed = np.where(negative, -mantissa, mantissa)
    # Offsets in units of the last printed digit: a declared rounding of 10^-d' is
    # 10^(printed − d') of them.
    step = np.power(10.0, (printed - decimals).astype(float))
    low_m = signed - below * step
    high_m = signed + above * step
    exponent = scale_exponent.astype("int64") - printed
    scale = scale_mantissa.astype(float)
    with np.errstate(invalid="ignore", over="ignore"):
        lo = _times_power(low_m * scale, exponent)
        hi = _times_power(high_m * scale, exponent)
    # Two rounded operations (× scale, × 10^k) when the digits, the step and 10^k are exact
    # floats; else up to three more. One ulp outward per rounding covers them.
    simple = (mantissa < 2.0**53) & (decimals == printed) & (np.abs(exponent) <= 22)
    ulps = np.where(simple, 2, 5)
    return _widen_by(lo, -np.inf, ulps), _widen_by(hi, np.inf, ulps)


def _widen_by(x: np.ndarray, direction: float, ulps: np.ndarray) -> np.ndarray:
    for k in range(int(ulps.max()) if len(ulps) else 0):
        x = np.where(ulps > k, np.nextafter(x, direction), x)
    return x


def _times_power(x: np.ndarray, exponent: np.ndarray) -> np.ndarray:
    power = np.power(10.0, np.abs(exponent).astype(float))  # exact up to 10**22
    return np.where(exponent >= 0, x * power, x / power)


def _widen(x: np.ndarray, direction: float, ulps: int) -> np.ndarray:
    for _ in range(ulps):
        x = np.nextafter(x, direction)
    return x


def significant_digits(values: pd.Series) -> pd.Series:
    trimmed = pc.utf8_ltrim(_digits(_arrow(values)), "0")
    return pd.Series(pc.binary_length(trimmed).to_numpy(zero_copy_only=False), index=values.index)
