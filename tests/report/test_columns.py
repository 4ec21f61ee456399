"""The column primitives give exactly what the per-check functions give, value by value."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from validator.findings.numbers import fmt, fmt_interval, json_number
from validator.report.arrow_text import fixed, intervals, number_codes
from validator.report.check_texts import review_column
from validator.report.columns import encoded, group_join


def numbers(values: np.ndarray) -> list[str]:
    """The JSON text of each value, taken by its code."""
    codes, texts = number_codes(values)
    return texts.take(codes).to_pylist()


FLOATS = st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), max_size=30)


EDGES = [0.0, -0.0, 5.0, 1e11, 123456789012.0, 1e12, 1.5e15, 9.999999999999e15, 1e16, 1.5e16,
         1e22, 1e-4, 1e-5, 2.5e-7, 0.30000000000000004, 4.14191229721, -29.3450549451, 1e300,
         5e-324, 99999999999.95, 999999999999.5]  # fmt: skip


@settings(deadline=None)
@given(FLOATS)
def test_json_numbers_are_json_number_dumped(values):
    values = values + EDGES + [-v for v in EDGES]  # layouts that differ, signed zeros, subnormals
    expected = [json.dumps(json_number(v)) for v in values]
    assert numbers(np.array(values, dtype=np.float64)) == expected


@given(FLOATS, st.integers(0, 8))
def test_fixed_is_fmt(values, decimals):
    d = np.full(len(values), decimals)
    assert fixed(np.array(values, dtype=np.float64), d).to_pylist() == [
        fmt(v, decimals) for v in values
    ]


PAIRS = st.lists(st.tuples(st.floats(width=64), st.floats(width=64)), max_size=20)


@given(PAIRS, st.integers(0, 6))
def test_intervals_are_fmt_interval(pairs, decimals):
    lo = np.array([p[0] for p in pairs], dtype=np.float64)
    hi = np.array([p[1] for p in pairs], dtype=np.float64)
    got = intervals(lo, hi, np.full(len(pairs), decimals)).to_pylist()
    assert got == [fmt_interval(a, b, decimals) for a, b in pairs]


@settings(deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), max_size=30), st.integers(0, 8))
def test_fixed_is_fmt_on_figures_of_a_report(values, decimals):
    d = np.full(len(values), decimals)
    assert fixed(np.array(values, dtype=np.float64), d).to_pylist() == [
        fmt(v, decimals) for v in values
    ]


def test_fixed_rounds_what_scaling_puts_on_a_half_as_python_does():
    """0.05 · 10 is 0.5 in floats, but 0.05 is below a half: Python prints 0.1 for 0.05 and
    0.1 for 0.15 (binary values on either side), which rounding the scaled value would not."""
    values = np.array([0.05, 0.15, 0.35, 0.45, 0.65, 2.675, 1.005])
    d = np.array([1, 1, 1, 1, 1, 2, 2])
    assert fixed(values, d).to_pylist() == [fmt(v, int(k)) for v, k in zip(values, d, strict=True)]


@settings(deadline=None)
@given(st.integers(-(10**9), 10**9), st.integers(0, 8), st.sampled_from([-1, 0, 1]))
def test_fixed_is_fmt_at_halves_and_their_neighbours(units, decimals, step):
    """Values at a half of their last decimal, and a double either side: where the scaled
    value lands on the half, only Python's rounding of the exact value is right."""
    half = (units + 0.5) / 10**decimals
    value = float(np.nextafter(half, np.inf * step)) if step else half
    got = fixed(np.array([value]), np.array([decimals])).to_pylist()
    assert got == [fmt(value, decimals)]


def test_fixed_beyond_what_scaling_holds():
    """Scaled beyond 2**52 a product is no longer every integer it should be."""
    values = np.array([2.0**52 - 0.5, 2.0**53 + 2, 1e300, -1e300, 0.125, 5e-324])
    d = np.array([1, 0, 3, 3, 30, 2])
    assert fixed(values, d).to_pylist() == [fmt(v, int(k)) for v, k in zip(values, d, strict=True)]


def test_negative_values_that_round_to_zero_print_zero():
    assert fixed(np.array([-0.0001, -0.0]), np.array([2, 0])).to_pylist() == ["0.00", "0"]


@given(st.lists(st.text(), max_size=20))
def test_encoded_is_json_dumps(texts):
    values = np.array([*texts, ""], dtype=object)[: len(texts)]
    expected = [json.dumps(t, ensure_ascii=False) for t in texts]
    assert encoded(values).tolist() == expected
    assert encoded(values, distinct=True).tolist() == expected


@given(st.lists(st.tuples(st.integers(0, 4), st.text(max_size=3)), max_size=20))
def test_group_join_is_str_join_per_group(items):
    items = sorted(items, key=lambda x: x[0])
    groups = np.array([g for g, _ in items], dtype=np.int64)
    values = np.array([*(v for _, v in items), ""], dtype=object)[: len(items)]
    expected = ["|".join(v for g, v in items if g == k) for k in range(5)]
    assert group_join(values, groups, 5, "|").tolist() == expected


def test_a_review_column_counts_only_non_empty_tuples():
    t = pd.DataFrame({"suspects": [(), (1,), None, [1], "x", ((),)]})
    got = review_column(t, "suspects", 0, len(t)).tolist()
    assert got == [False, True, False, False, False, True]
    assert review_column(t.iloc[:2], "suspects", 0, 2).tolist() == [False, True]


def test_combinations_of_columns_with_more_values_than_an_int64_key_holds():
    """Three columns of 2**22 values each: a key multiplied out (a · 2**44 + b · 2**22 + c)
    would wrap at 2**64 and give a = 0 and a = 2**20 the same combination."""
    from validator.report.facts_columns import FactColumns

    n = 2**22
    codes = np.array([[0, 2**20, 0], [0, 0, 1], [0, 0, 0]])
    frame = pd.DataFrame(
        {
            c: pd.Categorical.from_codes(codes[i], categories=pd.RangeIndex(n))
            for i, c in enumerate("abc")
        }
    )
    combo, first = FactColumns(frame).combinations(("a", "b", "c"), np.arange(3))
    assert combo.tolist() == [0, 1, 2] and first.tolist() == [0, 1, 2]


def test_json_numbers_across_formatting_batches():
    values = np.concatenate([np.arange(70_000) / 7, [np.nan, -np.inf, -0.0]])
    expected = [json.dumps(json_number(v)) for v in values.tolist()]
    assert numbers(values) == expected
