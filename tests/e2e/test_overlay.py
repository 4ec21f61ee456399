"""A data repository's schemas/ overlays the standard schemas: its files add to them, a file at
the same path replaces the standard one, and an id defined twice names both places."""

from click.testing import CliRunner

from tests.helpers import fact, make_data
from validator.cli.main import validate

F = fact
CONCEPTS = """concepts:
  - {id: order_backlog, zh: 在手订单, en: Order backlog, period: instant, dimension: money}
  - {id: backlog_cover, zh: 订单覆盖倍数, en: Backlog cover, period: instant, dimension: ratio}
"""
RULES = """rulebook: jia-orders
source: 甲公司 order book definitions
rules:
  - id: backlog_cover
    zh: 订单覆盖倍数 = 在手订单 / 资产总额
    en: Backlog cover = order backlog / total assets
    formula: backlog_cover = order_backlog / total_assets
"""


def overlay(tmp_path, concepts: str = CONCEPTS):
    data = make_data(
        tmp_path,
        [
            F("order_backlog", "2024-12-31", "30.00"),
            F("total_assets", "2024-12-31", "20.00"),
            F("backlog_cover", "2024-12-31", "2.00", "倍"),  # 30 / 20 is 1.5
        ],
    )
    schemas = tmp_path / "schemas"
    (schemas / "concepts").mkdir(parents=True)
    (schemas / "rulebooks").mkdir()
    (schemas / "concepts" / "orders.yaml").write_text(concepts, encoding="utf-8")
    (schemas / "rulebooks" / "orders.yaml").write_text(RULES, encoding="utf-8")
    return data


def test_an_overlay_adds_concepts_and_rules_to_the_standard_ones(tmp_path):
    result = CliRunner().invoke(validate, [str(overlay(tmp_path)), "--no-docs"])
    assert result.exit_code == 1, result.output
    assert "✗ backlog_cover:甲公司/合并/2024-12-31" in result.output


def test_a_concept_defined_in_the_overlay_and_the_standard_schemas_names_both(tmp_path):
    twice = CONCEPTS + (
        "  - {id: total_assets, zh: 资产, en: Assets, period: instant, dimension: money}\n"
    )
    result = CliRunner().invoke(validate, [str(overlay(tmp_path, twice)), "--no-docs"])
    assert result.exit_code == 2
    assert "concept 'total_assets' is defined twice" in result.output
    assert "orders.yaml" in result.output and "balance_sheet.yaml" in result.output
