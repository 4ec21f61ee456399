"""The character screen of facts files: which values are looked at character by character."""

import pandas as pd
import pyarrow as pa

from validator.io.characters import suspicious_values


def test_plain_printable_ascii_has_nothing_to_look_at():
    assert suspicious_values(pa.chunked_array([["E1", "12.5", "2024"], ["x y"]])) == []


def test_non_ascii_and_control_values_are_found_once_in_first_row_order():
    column = pa.chunked_array([["a", "亿元", "b\x7f"], ["亿元", "c\u200bd", "b\x7f", "\tz"]])
    assert suspicious_values(column) == ["亿元", "b\x7f", "c\u200bd", "\tz"]


def test_a_slice_is_judged_by_its_own_bytes_only():
    whole = pa.array(["\u200b", "plain", "ascii"])
    assert suspicious_values(whole.slice(1)) == []
    assert suspicious_values(whole.slice(0, 1)) == ["\u200b"]


def test_a_pandas_column_is_accepted():
    assert suspicious_values(pd.Series(["ok", "全角１"], dtype="string[pyarrow]")) == ["全角１"]
