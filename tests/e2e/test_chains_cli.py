"""A chain finding end to end: a small data folder whose growth and share imply two different
prior-year revenues; the CLI flags it, explains the chain and lists every figure with its role;
the partitioned run finds the same."""

import json

from click.testing import CliRunner

from tests.helpers import ROOT, fact, make_data
from validator.cli.main import validate

F = fact
SEGMENT = "segment:云安全产品"
ROWS = [
    F("total_operating_revenue", "2024", "9.97"),
    F("total_operating_revenue", "2024", "10.60", "%", measure="growth", base="2023"),
    F("total_operating_revenue", "2023", "5.00", member=SEGMENT),
    F("total_operating_revenue", "2023", "60.00", "%", member=SEGMENT, measure="share",
      whole="total_operating_revenue"),
]  # fmt: skip
CHECK = "chain:甲公司/合并/2023/total_operating_revenue"


def invoke(data, *args):
    return CliRunner().invoke(validate, [str(data), "--schemas", str(ROOT / "schemas"), *args])


def test_the_cli_flags_and_explains_a_chain(tmp_path):
    data = make_data(tmp_path, ROWS)
    result = invoke(data, "--no-docs")
    assert result.exit_code == 1, result.output
    assert f"✗ {CHECK}" in result.output
    assert "implied by growth" in result.output and "no common value" in result.output
    report = json.loads(invoke(data, "--no-docs", "--format", "json").output)
    (check,) = [c for c in report["checks"] if c["id"] == CHECK]
    assert check["verdict"] == "discrepant" and check["unit"] == "亿元"
    words = check["expression"]
    assert words.startswith("total_operating_revenue 2023 implied by growth (")
    assert "jia-2024-annual/facts.csv:3) as [9.0095, 9.0194] and by share (" in words
    lines = {(f["role"], f["value"], f["line"]) for f in check["facts"]}
    assert lines == {("current", "9.97", 2), ("growth", "10.60", 3), ("part", "5.00", 4),
                     ("share", "60.00", 5)}  # fmt: skip
