"""Counts read as English: one thing, many things."""

import pytest

from validator.report.counts import noun, plural


@pytest.mark.parametrize(
    "n,word,expected",
    [
        (0, "document", "0 documents"),
        (1, "document", "1 document"),
        (2, "document", "2 documents"),
        (1, "discrepancy", "1 discrepancy"),
        (3, "discrepancy", "3 discrepancies"),
        (1, "relation", "1 relation"),
    ],
)
def test_plural(n, word, expected):
    assert plural(n, word) == expected


def test_a_verb_agrees_with_its_count():
    assert f"1 relation {noun(1, 'waits')}" == "1 relation waits"
    assert f"14 relations {noun(14, 'waits')}" == "14 relations wait"
