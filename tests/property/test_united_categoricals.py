"""Joining the templates' parts in codes gives what pandas' union of categoricals gives: the
same categories in the same order, the same codes, missing values kept missing."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.api.types import union_categoricals

from validator.engine.checks import united

NAMES = ["stated", "total", "", "member", "合计", "a:b"]
value = st.one_of(st.sampled_from(NAMES), st.none())


@st.composite
def part(draw) -> pd.Series:
    values = draw(st.lists(value, max_size=8))
    if draw(st.booleans()):
        return pd.Series(values, dtype="str")
    order = draw(st.permutations(NAMES))
    return pd.Series(pd.Categorical(values, categories=list(order)))


@settings(max_examples=200, deadline=None)
@given(st.lists(part(), min_size=1, max_size=6))
def test_united_parts_are_the_union_of_their_categoricals(parts):
    expected = union_categoricals(
        [p if isinstance(p.dtype, pd.CategoricalDtype) else p.astype("category") for p in parts],
        ignore_order=True,
    )
    found = united(parts)
    assert list(found.categories) == list(expected.categories)
    assert found.codes.tolist() == expected.codes.tolist()
