"""The site shows a tie as a tie: every alternative suspect set and its proposals on the finding,
and in the source view each suspect printing marked "one of N" with its proposed correction."""

from __future__ import annotations

from dataclasses import replace

from tests.publish.test_source_view import facts
from tests.report.ties import FILE, tied
from validator.findings.types import PrintedRange
from validator.publish.anchors import Where, fact_anchor
from validator.publish.html import finding_html
from validator.publish.listing import Listed, findings_list
from validator.publish.source import source_view
from validator.publish.source_html import source_html

ROWS = facts(
    ("rd_expenses", "", "2023", "134.70", "表1 研发费用 2023年", "40", 11),
    ("rd_expenses", "", "2024", "3.68", "表1 同比 2024年", "41", 12),
    ("rd_expenses", "", "2024", "139.90", "表1 研发费用 2024年", "42", 13),
    ("rd_expenses", "", "2024", "139.90", "表9 研发费用 2024年", "90", 14),
)


def _cell(html: str, line: int) -> str:
    return html.split(f"id='{fact_anchor(FILE, line)}'")[1].split("</div>")[0]


def test_a_finding_lists_both_alternatives_and_the_proposal_with_its_evidence():
    html = finding_html(tied())
    assert "suspect figures" in html and "one of 2" in html
    assert html.count("<li>") == 2
    assert "研发费用 growth 2024 vs 2023: 3.68%" in html and "研发费用 2024: 139.90亿元" in html
    assert (
        "proposal: 3.68 → 3.86 (transposed digits) at data/600000.SH/jia-2024-annual/facts.csv:12:"
        " every relation of 研发费用 growth 2024 vs 2023 then holds" in html
    )


def test_a_search_that_fell_back_says_so_on_the_finding():
    html = finding_html(tied(locate_note="not localised: too many sets; 2 alternatives"))
    assert "<th>located</th>" in html and "not localised: too many sets" in html
    assert "<th>located</th>" not in finding_html(tied())


def test_each_suspect_cell_is_one_of_two_and_the_corrected_one_shows_its_proposal():
    c = tied()
    html = source_html(source_view("jia-2024-annual", ROWS, [c]), [c])
    stated, nxt, base = _cell(html, 12), _cell(html, 13), _cell(html, 11)
    assert "one of 2 suspects · growth" in stated and "→ 3.86 (transposed digits)" in stated
    assert "one of 2 suspects · growth" in nxt and "vf-proposal" not in nxt
    assert "suspect" not in base and "growth" in base  # involved, not suspect


def test_a_suspect_printed_outside_the_check_is_marked_too():
    other = replace(tied().suspects[1][0], line=14, location="表9 研发费用 2024年")
    c = tied(suspects=(tied().suspects[0], (*tied().suspects[1], other)))
    html = source_html(source_view("jia-2024-annual", ROWS, [c]), [c])
    assert "one of 2 suspects · growth" in _cell(html, 14)


def test_the_findings_list_names_every_alternative():
    html = findings_list([Listed("jia-2024-annual", tied(), "")], Where(), with_document=False)
    assert "one of 2" in html and "facts.csv:12" in html and "facts.csv:13" in html


def test_proposals_on_the_site_are_escaped():
    evil = replace(tied().proposals[0], evidence="<script>alert(1)</script>", corrected="<b>")
    c = tied(proposals=(evil,))
    html = finding_html(c) + source_html(source_view("jia-2024-annual", ROWS, [c]), [c])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "→ <b>" not in html


def test_the_printed_range_of_an_operand_only_suspect_is_on_the_finding_and_its_cell():
    r = PrintedRange(
        fact=-1, literal="139.90", unit="亿元", lo="139.65", hi="139.67", file=FILE, line=13,
        figure="研发费用 2024",
    )  # fmt: skip
    c = tied(ranges=(r,))
    assert "printed range: 研发费用 2024 139.90亿元 at " in finding_html(c)
    html = source_html(source_view("jia-2024-annual", ROWS, [c]), [c])
    assert "printed 139.65–139.67 亿元 would hold" in _cell(html, 13)
    assert "would hold" not in _cell(html, 12)
