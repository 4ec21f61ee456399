"""Filtering a report: the scope (--kind, --document) is recounted, the outcomes listed (--only)
are narrowed, and the exit code stays the whole run's."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tests.helpers import ROOT, SCHEMAS
from tests.snapshots.corpus import small_corpus
from validator.errors import ExitCode, InputError
from validator.findings.from_checks import findings_from_checks
from validator.pipeline import check
from validator.report.select import KINDS, Selection, select
from validator.report.style import clean
from validator.report.text import render_text


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    small_corpus(root)
    before = Path.cwd()
    os.chdir(root)
    try:
        yield check([Path("data")], SCHEMAS)
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def data():
    return check([ROOT / "data"], SCHEMAS)


def test_nothing_selected_is_the_report_itself(small):
    assert select(small, Selection()) is small


def test_a_scope_of_everything_recounts_exactly_what_the_engine_counted(data):
    everything = Selection(kinds=frozenset(KINDS))
    recounted = select(data, everything)
    assert recounted.totals == data.totals
    assert [s.counts for s in recounted.documents] == [s.counts for s in data.documents]
    assert recounted.facts == data.facts


def test_a_document_scope_counts_that_document_alone(data):
    doc = data.documents[0]
    one = select(data, Selection(documents=frozenset({doc.document.id})))
    assert [s.document.id for s in one.documents] == [doc.document.id]
    assert one.totals == {**doc.counts} and one.facts == doc.facts


def test_only_narrows_the_listing_but_not_the_counts_or_the_exit_code(small):
    acknowledged = select(small, Selection(only=frozenset({"acknowledged"})))
    assert [c.id for c in acknowledged.checks] == ["growth:甲公司/合并/2024/rd_expenses vs 2023"]
    assert acknowledged.totals == small.totals
    assert acknowledged.exit_code == small.exit_code == ExitCode.DISCREPANT
    assert acknowledged.unlisted_failures == 1


def test_an_unknown_document_is_an_input_error(small):
    with pytest.raises(InputError, match="no-such: no such document"):
        select(small, Selection(documents=frozenset({"no-such"})))


def test_control_characters_in_data_never_reach_the_terminal(small):
    (c,) = small.discrepancies
    evil = dataclasses.replace(c.facts[0], location="表3\x1b[2J\x07")
    report = findings_from_checks(small.documents, [dataclasses.replace(c, facts=(evil,))])
    for color in (False, True):
        text = render_text(report, color=color)
        assert "\x1b[2J" not in text and "\x07" not in text
        assert "表3\\x1b[2J\\x07" in text
    assert clean("a\x9bb\nc\u202e") == "a\\x9bb\\x0ac<U+202E>"  # C1, newlines, bidi too


def test_no_line_of_the_text_report_can_be_read_as_a_workflow_command():
    from rich.text import Text

    from validator.report.style import to_string

    text = to_string([Text("::error::a"), Text("    ::warning::b")], color=False, width=60)
    assert text.split("\n")[:2] == ["\\x3a:error::a", "    \\x3a:warning::b"]
