"""The optional columns of a facts file: either may be left out, those present come in order."""

import pytest

from validator.io.facts_schema import COLUMNS, header_ok


@pytest.mark.parametrize(
    "extra", [[], ["decimals"], ["composition"], ["decimals", "composition"]]
)
def test_any_optional_columns_in_their_order_are_accepted(extra):
    assert header_ok(COLUMNS + extra)


@pytest.mark.parametrize(
    "extra", [["composition", "decimals"], ["decimals", "decimals"], ["slot"]]
)
def test_optional_columns_out_of_order_repeated_or_unknown_are_refused(extra):
    assert not header_ok(COLUMNS + extra)
