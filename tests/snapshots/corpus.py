"""A small corpus with one of everything the text report shows: a discrepancy, an acknowledged
discrepancy (a waiver), checks that wait for a figure the document does not state, and long
Chinese locations that must wrap."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import fact, make_data

F = fact
ROWS = [
    F(
        "current_assets",
        "2024-12-31",
        "14.78",
        location="附件2-1 合并资产负债表 流动资产合计 2024年末",
    ),
    F("noncurrent_assets", "2024-12-31", "5.08", location="附件2-1 合并资产负债表 非流动资产合计"),
    F("total_assets", "2024-12-31", "19.85", location="附件2-1 合并资产负债表 资产总计 2024年末"),
    F("total_liabilities", "2024-12-31", "10.62", location="附件2-1 合并资产负债表 负债合计"),
    F("debt_to_asset_ratio", "2024-12-31", "55.31", "%", location="表3 主要财务指标 资产负债率"),
    F("rd_expenses", "2023", "3.43", location="图表18 研发费用 2023年"),
    F("rd_expenses", "2024", "3.60", location="图表18 研发费用 2024年"),
    F(
        "rd_expenses",
        "2024",
        "25.84",
        "%",
        measure="growth",
        base="2023",
        location="六(四)1 盈利能力 研发费用同比增长",
    ),
    F("total_operating_revenue", "2024", "9.97", location="二¶4 营业总收入 2024年"),
    F(
        "total_operating_revenue",
        "2024",
        "10.60",
        "%",
        measure="growth",
        base="2023",
        location="二¶4 同比增长",
    ),
    F(
        "total_operating_revenue",
        "2024",
        "0.96",
        measure="abs_change",
        base="2023",
        location="二¶4 同比增加",
    ),
]
WAIVER = """waivers:
  - check: "growth:甲公司/合并/2024/rd_expenses vs 2023"
    reason: >-
      The source prints 研发费用同比增长25.84% although its own 图表18 gives 3.43 and 3.60 亿元.
    reviewer: 审计员甲
    date: 2026-11-22
    figures: ["stated 25.84%", "current 3.60亿元", "base 3.43亿元"]
"""


def small_corpus(root: Path) -> Path:
    """Writes the corpus under `root`; returns its data folder."""
    data = make_data(root, ROWS)
    (next(data.rglob("document.yaml")).parent / "waivers.yaml").write_text(WAIVER, encoding="utf-8")
    return data
