"""The source view: tables redrawn from the facts as printed, flagged figures marked."""

from __future__ import annotations

import pandas as pd

from tests.publish.helpers import fact, growth_check
from validator.publish.anchors import fact_anchor
from validator.publish.source import source_view, split_location
from validator.publish.source_html import source_html

FILE = "data/600000.SH/jia-2024-annual/facts.csv"


def facts(*rows: tuple[str, str, str, str, str, str, int]) -> pd.DataFrame:
    """(concept, member, period, value, location, src_line, line) rows of one document."""
    return pd.DataFrame(
        [
            {
                "entity": "甲公司",
                "scope": "合并",
                "period": period,
                "concept": concept,
                "member": member,
                "measure": "level",
                "base": "",
                "whole": "",
                "qualifier": "",
                "value": value,
                "unit": "亿元",
                "location": location,
                "src_line": src,
                "file": FILE,
                "line": line,
                "document": "jia-2024-annual",
            }
            for concept, member, period, value, location, src, line in rows
        ]
    )


TABLE = facts(
    ("revenue", "segment:乙", "2024", "2.00", "表2 乙产品 2024年 收入", "31", 2),
    ("revenue", "segment:甲", "2023", "1.00", "表2 甲产品 2023年 收入", "30", 3),
    ("revenue", "segment:甲", "2024", "1.10", "表2 甲产品 2024年 收入", "30", 4),
    ("total_assets", "", "2024-12-31", "9.97", "表1 资产总额 2024年末", "12", 5),
)


def test_a_location_names_table_row_and_column():
    assert split_location("图表4 边界安全产品 2023年 收入", "2023") == (
        "图表4",
        "边界安全产品 收入",
        "2023年",
    )
    assert split_location("附件2-1 现金类资产 2025年3月", "2025-03-31") == (
        "附件2-1",
        "现金类资产",
        "2025年3月",
    )
    assert split_location("优势1 营业总收入 同比", "2024") == ("优势1", "营业总收入 同比", "2024")


def test_tables_rows_and_columns_follow_the_source_text():
    view = source_view("jia-2024-annual", TABLE, [])
    assert [t.name for t in view.tables] == ["表1", "表2"]  # 表1 is printed first (line 12)
    table = view.tables[1]
    assert [label for label, _ in table.rows] == ["甲产品 收入", "乙产品 收入"]
    assert table.columns == ["2023年", "2024年"]
    assert view.complete and view.figures == view.drawn == 4


def test_the_flagged_figure_is_marked_and_linked_with_where_it_is_printed():
    flagged = fact("current", "1.10", file=FILE, line=4, location="表2 甲产品 2024年 收入")
    finding = growth_check(1, facts=(flagged,), suspect=flagged)
    html = source_html(source_view("jia-2024-annual", TABLE, [finding]), [finding])
    cell = html.split(f"id='{fact_anchor(FILE, 4)}'")[1].split("</td>")[0]
    assert "vf-flagged-cell" in html.split(f"id='{fact_anchor(FILE, 4)}'")[0][-200:]
    assert "findings.html#c-" in cell and "suspect · growth" in cell
    assert "facts.csv:4 · source line 30" in cell
    assert html.count("vf-flagged-cell") == 1


def test_a_large_document_is_drawn_where_its_findings_are(monkeypatch):
    monkeypatch.setattr("validator.publish.source.SOURCE_BUDGET", 2)
    flagged = fact("current", "1.10", file=FILE, line=4)
    view = source_view("jia-2024-annual", TABLE, [growth_check(1, facts=(flagged,))])
    assert not view.complete and view.figures == 4 and view.drawn == 2  # the row of 甲产品
    assert [t.name for t in view.tables] == ["表2"]


def test_a_figure_listed_twice_is_drawn_once():
    view = source_view("jia-2024-annual", pd.concat([TABLE, TABLE.iloc[[1]]]), [])
    assert view.figures == view.drawn == 4
