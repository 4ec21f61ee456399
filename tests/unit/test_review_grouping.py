"""The review's grouping over integer codes keeps what pandas would keep, and its look-ups
around a few figures refuse a question they were not built to answer."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import run
from tests.unit.test_locate import BALANCE
from validator.review.keyed import INT64_LIMIT, Sorted, codes_of, dense, first_rows, pack
from validator.review.neighbours import Neighbours
from validator.review.suspects import _distinct_roles

column = st.lists(st.integers(0, 5), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_first_rows_keeps_the_rows_drop_duplicates_keeps(data):
    a = data.draw(column)
    b = data.draw(st.lists(st.integers(0, 3), min_size=len(a), max_size=len(a)))
    frame = pd.DataFrame({"a": a, "b": b})
    kept = ~frame.duplicated(["a", "b"])
    assert (first_rows(np.array(a), np.array(b)) == kept.to_numpy()).all()


def test_columns_too_wide_to_pack_are_made_dense_first_never_overflowing():
    huge = np.array([INT64_LIMIT - 1, 0, INT64_LIMIT - 1, 7], dtype=np.int64)
    other = np.array([INT64_LIMIT - 2, INT64_LIMIT - 2, INT64_LIMIT - 2, 1], dtype=np.int64)
    codes = pack(huge, other)
    assert codes[0] == codes[2] and len(set(codes.tolist())) == 3
    assert (first_rows(huge, other) == [True, True, False, True]).all()
    # Packed naively, 1·2^62·4 wraps to 0: the second row would pass for the first.
    a, b, c = np.array([0, 1, 0]), np.array([0, 0, 2**62 - 1]), np.array([0, 0, 3])
    assert first_rows(a, b, c).tolist() == [True, True, True]


def test_negative_codes_and_missing_labels_group_like_equal_values():
    assert (first_rows(np.array([-1, 2, -1]), np.array([0, 0, 0])) == [True, True, False]).all()
    codes = codes_of(pd.Series(["stated", None, "stated", None], dtype="str"))
    assert codes[0] == codes[2] and codes[1] == codes[3] and codes[0] != codes[1]


def test_dense_numbers_groups_in_sorted_order_and_marks_the_earliest_row():
    gid, first = dense(np.array([30, 10, 30, 20]))
    assert gid.tolist() == [2, 0, 2, 1] and first.tolist() == [True, True, False, True]


def test_sorted_lookups_answer_in_original_order_whether_or_not_keys_came_sorted():
    for keys in (np.array([3, 1, 3, 2, 1]), np.array([1, 1, 2, 3, 3])):
        values = np.arange(len(keys))
        groups = Sorted(keys, values)
        assert groups.get_group(3).tolist() == values[keys == 3].tolist()
        assert groups.get_group(9).tolist() == []


def test_a_figure_repeated_in_a_relation_counts_once_per_role():
    check = np.array([0, 0, 0, 1])
    key = np.array([5, 5, 5, 5])
    role = pd.Series(["stated", "stated", "prior", "stated"], dtype="str")
    assert _distinct_roles(check, key, role).tolist() == [True, False, True, True]


def test_the_neighbourhood_refuses_a_figure_it_was_not_built_for():
    ev = run(BALANCE)
    keys = ev.fact_table["key"].to_numpy()
    index = Neighbours(ev, keys[:1])
    assert index.facts_of(int(keys[0])).tolist() == np.flatnonzero(keys == keys[0]).tolist()
    outside = [int(k) for k in np.unique(keys) if k != keys[0]]
    with pytest.raises(KeyError, match="outside the neighbourhood"):
        index.checks_of(outside[0])
    far = sorted(set(range(len(ev.table))) - set(index.checks.tolist()))
    if far:
        with pytest.raises(KeyError, match="outside the neighbourhood"):
            index.facts_of_check(far[0])


def test_the_neighbourhood_answers_as_the_whole_links_would():
    ev = run(BALANCE)
    links = ev.links
    keys = np.unique(ev.fact_table["key"].to_numpy())
    index = Neighbours(ev, keys)
    for k in keys.tolist():
        whole = np.unique(links["check"].to_numpy()[links["key"].to_numpy() == k])
        assert index.checks_of(k).tolist() == whole.tolist()
    for c in np.unique(links["check"].to_numpy()).tolist():
        whole = links["fact"].to_numpy()[links["check"].to_numpy() == c]
        assert sorted(index.facts_of_check(c).tolist()) == sorted(whole.tolist())
