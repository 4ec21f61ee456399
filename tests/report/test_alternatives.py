"""Every renderer shows a tie as a tie: all alternative suspect sets, each proposal with its
evidence, and the search's note when it fell back; never one suspect picked by a tie-break."""

from __future__ import annotations

import re

from tests.report.ties import FILE, tied, tied_report
from validator.report.answers import render_explain
from validator.report.github import render_github
from validator.report.localised import fallback_note, localised
from validator.report.markdown import render_markdown
from validator.report.text import render_text

ERROR = re.compile(r"^::error file=([^,]+),line=(\d+),title=([^:]*)::(.*)$")


def _errors(text: str) -> list[tuple[str, int, str, str]]:
    return [(m[1], int(m[2]), m[3], m[4]) for line in text.splitlines() if (m := ERROR.match(line))]


def test_both_alternatives_are_listed_in_order_with_the_proposal_of_the_one_it_corrects():
    loc = localised(tied())
    assert [a.name for a in loc.alternatives] == ["研发费用 growth 2024 vs 2023", "研发费用 2024"]
    assert [len(a.proposals) for a in loc.alternatives] == [1, 0]
    assert loc.tie and loc.note == ""  # an exact search needs no note


def test_the_text_report_shows_one_of_the_two_and_the_proposal_with_its_evidence():
    text = render_text(tied_report(), width=200)
    assert f"suspects:  one of: 研发费用 growth 2024 vs 2023 3.68% ({FILE}:12)" in text
    assert f"| 研发费用 2024 139.90亿元 ({FILE}:13)" in text
    assert (
        f"proposal:  3.68 → 3.86 (transposed digits) at {FILE}:12: every relation of 研发费用 "
        "growth 2024 vs 2023 then holds" in text
    )
    assert "suspect: " not in text  # no single suspect named


def test_explain_shows_the_same_in_full():
    printed_twice = tied().suspects[1][0]
    other = printed_twice.__class__(**{**printed_twice.__dict__, "file": "data/x/other.csv"})
    report = tied_report(suspects=(tied().suspects[0], (printed_twice, other, other)))
    c = report.checks[0]
    compact = render_text(report, width=200)
    full = render_explain(report, c.id, width=200)
    assert "and 2 more printings" in compact and "data/x/other.csv" not in compact
    assert f"({FILE}:13, data/x/other.csv:13, data/x/other.csv:13)" in full
    assert "located:   exact: single figures; 2 alternatives" in full
    assert "evidence:  least corroborated figure — 研发费用 139.90亿元" in full
    assert "proposal:  3.68 → 3.86 (transposed digits)" in full


def test_a_search_that_fell_back_says_so():
    note = "not localised: 9 discrepancies over 40 figures exceed the exact search bound"
    text = render_text(tied_report(locate_note=note + "; 2 alternatives"), width=200)
    assert f"located:   {note}" in text
    budget = "exact: single figures; corrections not searched: the run's budget is spent"
    assert fallback_note(budget + "; 2 alternatives") == budget
    assert fallback_note("exact: sets of 2 figures; 3 alternatives") == ""


def test_the_annotation_lands_on_both_lines_each_saying_it_is_one_of_two():
    errors = _errors(render_github(tied_report()))
    assert [(f, n) for f, n, _, _ in errors] == [(FILE, 12), (FILE, 13)]
    for i, (_, _, title, message) in enumerate(errors, start=1):
        assert title.endswith(f"(suspect {i} of 2)")
        assert "is one of 2 alternatives" in message
    assert "Proposal: 3.68 → 3.86 (transposed digits)" in errors[0][3]
    assert "Proposal" not in errors[1][3]  # the proposal belongs to the stated figure only
    assert "line=11" in render_github(tied_report())  # the base: a notice, not an error


def test_annotations_of_alternatives_escape_their_data():
    hostile = "x\n::warning::owned %0A"
    stated, nxt = (a[0] for a in tied().suspects)
    evil = nxt.__class__(**{**nxt.__dict__, "concept_zh": hostile})
    out = render_github(tied_report(suspects=((stated,), (evil,))))
    assert "\n::warning" not in out
    assert all(line.startswith(("::error", "::notice", "Result")) for line in out.splitlines())
    assert "x%0A::warning::owned %250A" in out


def test_the_markdown_summary_lists_the_alternatives_and_the_proposal():
    md = render_markdown(tied_report())
    assert "one of" in md and "3\\.68 → 3\\.86" in md
