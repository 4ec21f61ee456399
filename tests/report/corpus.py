"""A small data folder with one of each outcome a report distinguishes: a consistent check, an
unacknowledged discrepancy, an acknowledged one, a stale waiver and a check that is not
checkable."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import fact, make_data

F = fact
ROWS = [
    # 19.85 = 14.78 + 5.08 (consistent); 10.62 / 19.85 = 53.50% ≠ 55.51% (discrepant)
    F("current_assets", "2024-12-31", "14.78"),
    F("noncurrent_assets", "2024-12-31", "5.08"),
    F("total_assets", "2024-12-31", "19.85"),
    F("total_liabilities", "2024-12-31", "10.62"),
    F("debt_to_asset_ratio", "2024-12-31", "55.51", "%"),
    # 25.84% stated, (3.60 − 3.43) / 3.43 = 4.96% derived: discrepant, acknowledged below
    F("rd_expenses", "2023", "3.43"),
    F("rd_expenses", "2024", "3.60"),
    F("rd_expenses", "2024", "25.84", "%", measure="growth", base="2023"),
]
WAIVED = "growth:甲公司/合并/2024/rd_expenses vs 2023"
STALE = "growth:甲公司/合并/2024/revenue vs 2023"
WAIVERS = f"""waivers:
  - check: "{WAIVED}"
    reason: >-
      The source prints 同比增长25.84% although its own table gives 3.43 and 3.60 亿元.
    reviewer: 审计员甲
    date: 2026-11-22
    figures: ["stated 25.84%", "current 3.60亿元", "base 3.43亿元"]
  - check: "{STALE}"
    reason: >-
      Acknowledged once; the figure it pinned has since been corrected.
    reviewer: 审计员甲
    date: 2026-11-22
    figures: ["stated 9.99%"]
"""


def make_corpus(root: Path) -> Path:
    """The data folder of the corpus, below root."""
    data = make_data(root, ROWS)
    folder = next(data.rglob("document.yaml")).parent
    (folder / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    return data
