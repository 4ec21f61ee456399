"""The values table's grouping and the row struct the templates take their figures from."""

import numpy as np
import pandas as pd

from validator.engine.rows import Rows
from validator.engine.values import _groups


def _reference(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    frame = pd.DataFrame({f"c{i}": c for i, c in enumerate(columns)})
    group = frame.groupby(list(frame.columns), sort=True).ngroup().to_numpy()
    order = np.argsort(group, kind="stable")
    first = order[np.r_[0, np.flatnonzero(np.diff(group[order])) + 1]]
    return first, group


def test_groups_are_numbered_in_the_order_of_their_codes_as_a_sorted_groupby_numbers_them():
    rng = np.random.default_rng(7)
    columns = [rng.integers(-1, k, 5000) for k in (3, 50, 2, 7)]
    first, group = _groups(columns)
    want_first, want_group = _reference(columns)
    assert (group == want_group).all()
    assert (first == want_first).all()


def test_groups_keep_their_order_when_the_packed_codes_would_overflow_an_int64():
    rng = np.random.default_rng(8)
    columns = [rng.integers(-1, 2**20, 3000) for _ in range(5)]  # 5 × 21 bits > 62
    first, group = _groups(columns)
    want_first, want_group = _reference(columns)
    assert (group == want_group).all()
    assert (first == want_first).all()


def test_rows_taken_twice_are_the_rows_of_the_rows():
    rows = Rows({"a": np.arange(10) * 10, "b": np.arange(10).astype(float)})
    taken = rows.take(np.array([1, 3, 5, 7])).take(np.array([0, 2]))
    assert len(taken) == 2
    assert taken["a"].tolist() == [10, 50]
    assert taken["b"].tolist() == [1.0, 5.0]
    assert Rows({"a": np.arange(3)}).take(np.array([], dtype=np.int64)).empty
