"""A data repository adds a relation of its own in YAML, and it is checked, explained, waived,
published and annotated like the package's own."""

import json

from click.testing import CliRunner

from tests.helpers import ROOT, fact, make_data
from validator.cli.main import validate

F = fact
RULES = """rulebook: jia-own
source: 甲公司 reporting manual, 净利率 defined on 营业收入
relations:
  - id: jia_return_on_assets
    zh: 总资产收益率 = 净利润 / 期末资产总额
    en: Return on assets = net profit / closing total assets
    kind: formula
    stated: {concept: return_on_total_assets, measure: level}
    operands:
      profit: {concept: net_profit, missing: "no stated net profit for {period}"}
      assets: {concept: total_assets, missing: "no stated closing total assets for {period}"}
    derived: profit / assets
    reads: net profit / closing total assets
    values: "{profit} / {assets}"
    check_id: "{rule}:{entity}/{scope}/{period}"
"""
ROWS = [
    F("net_profit", "2024", "1.20"),
    F("total_assets", "2024-12-31", "10.00"),
    F("return_on_total_assets", "2024", "14.00", "%"),  # 1.20 / 10.00 is 12%
]
CHECK = "jia_return_on_assets:甲公司/合并/2024"


def project(tmp_path, rows=ROWS, waiver: str = ""):
    data = make_data(tmp_path, rows)
    folder = next(data.rglob("document.yaml")).parent
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    if waiver:
        (folder / "waivers.yaml").write_text(waiver, encoding="utf-8")
    return data


def invoke(data, *args):
    return CliRunner().invoke(validate, [str(data), "--schemas", str(ROOT / "schemas"), *args])


def test_a_user_relation_is_checked_and_explained(tmp_path):
    result = invoke(project(tmp_path), "--no-docs")
    assert result.exit_code == 1, result.output
    assert f"✗ {CHECK}" in result.output
    assert "14.00% = 1.20亿元 / 10.00亿元" in result.output
    report = json.loads(invoke(project(tmp_path / "j"), "--no-docs", "--format", "json").output)
    (check,) = [c for c in report["checks"] if c["id"] == CHECK]
    assert check["verdict"] == "discrepant"
    assert check["expression"] == "net profit / closing total assets"
    assert {f["role"] for f in check["facts"]} == {"stated", "profit", "assets"}
    assert check["suspect"] is not None


def test_a_user_relation_says_which_operand_is_missing(tmp_path):
    report = json.loads(
        invoke(project(tmp_path, ROWS[1:]), "--no-docs", "--format", "json").output
    )
    (check,) = [c for c in report["checks"] if c["id"] == CHECK]
    assert check["verdict"] == "not_checkable"
    assert check["reason"] == "no stated net profit for 2024"


def test_a_user_relation_is_waived_annotated_and_published(tmp_path):
    waiver = f"""waivers:
  - check: "{CHECK}"
    reason: >-
      The source prints 总资产收益率 14.00% on an average of assets its table does not give.
    reviewer: 审计员甲
    date: 2026-11-22
    figures: ["profit 1.20亿元", "assets 10.00亿元", "stated 14.00%"]
"""
    result = invoke(project(tmp_path, waiver=waiver), "--no-docs")
    assert result.exit_code == 0, result.output
    annotations = invoke(project(tmp_path / "g"), "--no-docs", "--format", "github").output
    assert annotations.startswith("::error file=") and "jia_return_on_assets" in annotations
    site = tmp_path / "site"
    result = invoke(project(tmp_path / "s"), "--docs-dir", str(site))
    assert result.exit_code == 1
    assert CHECK in (site / "findings.json").read_text(encoding="utf-8")
