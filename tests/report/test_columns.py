"""The column primitives give exactly what the per-check functions give, value by value."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from validator.findings.numbers import fmt, fmt_interval, json_number
from validator.report.arrow_text import numbers
from validator.report.check_texts import review_column
from validator.report.columns import encoded, fixed, group_join, intervals

FLOATS = st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), max_size=30)


@given(FLOATS)
def test_json_numbers_are_json_number_dumped(values):
    expected = [json.dumps(json_number(v)) for v in values]
    assert numbers(np.array(values, dtype=np.float64)).to_pylist() == expected


@given(FLOATS, st.integers(0, 8))
def test_fixed_is_fmt(values, decimals):
    d = np.full(len(values), decimals)
    assert fixed(np.array(values, dtype=np.float64), d).tolist() == [
        fmt(v, decimals) for v in values
    ]


PAIRS = st.lists(st.tuples(st.floats(width=64), st.floats(width=64)), max_size=20)


@given(PAIRS, st.integers(0, 6))
def test_intervals_are_fmt_interval(pairs, decimals):
    lo = np.array([p[0] for p in pairs], dtype=np.float64)
    hi = np.array([p[1] for p in pairs], dtype=np.float64)
    got = intervals(lo, hi, np.full(len(pairs), decimals)).tolist()
    assert got == [fmt_interval(a, b, decimals) for a, b in pairs]


def test_negative_values_that_round_to_zero_print_zero():
    assert fixed(np.array([-0.0001, -0.0]), np.array([2, 0])).tolist() == ["0.00", "0"]


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
