"""A categorical's dtype built once a process (`engine.checks.dtype_of`) is the dtype pandas
builds for the same categories, whatever they are."""

import numpy as np
import pandas as pd
import pytest

from validator.engine import checks
from validator.engine.checks import dtype_of


@pytest.mark.parametrize(
    "categories",
    [["sum"], ["", "合计"], ["consistent", "discrepant", "not_checkable"], [1, 2], [True]],
)
def test_a_list_gives_the_dtype_from_codes_gives(categories):
    built = pd.Categorical.from_codes(np.zeros(3, np.int8), categories=categories).dtype
    assert dtype_of(categories) == built
    assert dtype_of(categories).categories.dtype == built.categories.dtype


@pytest.mark.parametrize(
    "array",
    [
        np.array(["a", "b"], dtype=object),
        np.array(["a", "b"]),  # numpy's own strings
        np.array([0.5, 2.0]),
    ],
)
def test_an_array_gives_the_dtype_of_its_index(array):
    built = pd.CategoricalDtype(pd.Index(array))
    assert dtype_of(array) == built
    assert dtype_of(array).categories.dtype == built.categories.dtype


def test_built_once_then_reused():
    assert dtype_of(["reused once"]) is dtype_of(["reused once"])


def test_equal_values_of_other_types_are_other_dtypes():
    # 1, 1.0 and True are equal and hash alike: a key of values alone would return the first
    # one's dtype for the others.
    ones = [dtype_of([1]), dtype_of([1.0]), dtype_of([True])]
    assert [d.categories.dtype.kind for d in ones] == ["i", "f", "b"]


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(checks, "_DTYPES", {})
    monkeypatch.setattr(checks, "_DTYPES_MAX", 3)
    for i in range(10):
        assert dtype_of([f"c{i}"]).categories.tolist() == [f"c{i}"]
    assert len(checks._DTYPES) <= 3


def test_categoricals_built_with_it_are_those_pandas_builds():
    codes = np.array([0, 1, 1, 0], dtype=np.int8)
    mine = pd.Categorical.from_codes(codes, dtype=dtype_of(["b", "a"]))
    theirs = pd.Categorical.from_codes(codes, categories=["b", "a"])
    pd.testing.assert_extension_array_equal(mine, theirs)


def test_a_checks_column_of_any_kind_has_the_categories_pandas_gives_it():
    from validator.engine.checks import make_checks
    from validator.model.intervals import Intervals

    one = Intervals(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    for reason in (np.array(["b", "a"], dtype=object), pd.array(["b", "a"], dtype="str")):
        table = make_checks(
            rule="r", kind="formula", relation="=", anchor=np.array([0, 1]),
            stated=one, derived=one, reason=reason,
        ).table  # fmt: skip
        expected = pd.CategoricalDtype(pd.Index(pd.factorize(reason, sort=True)[1]))
        assert table["reason"].dtype == expected
        assert table["reason"].dtype.categories.dtype == expected.categories.dtype
        assert table["reason"].astype(str).tolist() == ["b", "a"]
