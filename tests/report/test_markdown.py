"""The job summary: one table each for unacknowledged discrepancies, acknowledged ones and stale
waivers, where no data string can become markup."""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt

from tests.publish.helpers import document, fact, growth_check, report_of
from tests.report.corpus import STALE, WAIVED, make_corpus
from validator.findings.model import StaleWaiver
from validator.pipeline import run
from validator.report.markdown import MAX_ROWS, escape, render_markdown

HOSTILE = (
    "a|b\nc\r<script>alert(1)</script> [x](https://e.example) ![i](https://e.example/i.png) "
    "*em* _em_ **b** `code` $x^2$ @someone #1 www.e.example https://e.example "
    "&amp; <!-- c --> \\| \u202eevil\x1b[31m ~~s~~ :smile:"
)


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def cells_per_row(html: str) -> list[int]:
    return [
        len(re.findall(r"<t[dh][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)
    ]


def test_the_corpus_summary_has_one_table_per_kind_of_finding(tmp_path):
    _, text = run([make_corpus(tmp_path)], "markdown")
    assert text.startswith("## validate\\: 1 discrepancy\\, 1 stale waiver \\(1 acknowledged\\)")
    html = html_of(text)
    titles = re.findall(r"<h3>(.*?)</h3>", html)
    assert titles == [
        "Unacknowledged discrepancies (1)",
        "Acknowledged discrepancies (1)",
        "Stale waivers (1)",
    ]
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert [cells_per_row(t) for t in tables] == [[6, 6], [5, 5], [3, 3]]
    assert "debt_to_asset_ratio:甲公司/合并/2024-12-31" in tables[0]
    assert WAIVED in tables[1] and "审计员甲" in tables[1]
    assert STALE in tables[2] and "waivers.yaml:8" in tables[2]


def test_a_clean_report_has_no_tables(tmp_path):
    report = report_of([(document(), [])])
    text = render_markdown(report)
    assert text.startswith("## validate\\: no unacknowledged discrepancies")
    assert "|" not in text


def test_every_data_string_is_inert_in_the_rendered_summary():
    check = growth_check(
        1,
        id=HOSTILE,
        substituted=HOSTILE,
        suspect=fact("stated", HOSTILE, location=HOSTILE, file=HOSTILE),
    )
    waived = replace(
        growth_check(2, id=f"w {HOSTILE}"),
        waived=True,
        waiver_reason=HOSTILE,
        waiver_reviewer=HOSTILE,
        waiver_date=HOSTILE,
    )
    stale = (StaleWaiver(HOSTILE, HOSTILE, HOSTILE, 3, HOSTILE),)
    text = render_markdown(report_of([(document(), [check, waived])], stale=stale))
    html = html_of(text)
    for markup in ("<script", "<a ", "<img", "<em>", "<strong>", "<code>", "<del>", "<!--"):
        assert markup not in html
    assert "&lt;script&gt;" in html
    assert [cells_per_row(t) for t in re.findall(r"<table>.*?</table>", html, re.S)] == [
        [6, 6],
        [5, 5],
        [3, 3],
    ]
    # mentions, autolinks, emoji and math are GitHub extensions the parser above does not know
    for raw in (" @someone", " https:", " www.e", " :smile:", " $x", "\u202e", "\x1b", "\r"):
        assert raw not in text
    assert "\\@someone" in text and "www\\.e\\.example" in text


def test_escaping_keeps_the_text_readable():
    assert html_of(escape("25.84% = (3.60亿元 − 3.43亿元) / |3.43亿元|")).strip() == (
        "<p>25.84% = (3.60亿元 − 3.43亿元) / |3.43亿元|</p>"
    )


def test_a_long_table_is_cut_with_a_pointer_to_the_junit_report():
    checks = [growth_check(n) for n in range(MAX_ROWS + 5)]
    text = render_markdown(report_of([(document(), checks)]))
    assert text.count("\n| growth") == MAX_ROWS
    assert "and 5 more\\: see the JUnit report" in text
