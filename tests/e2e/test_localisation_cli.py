"""End to end: a transposed ratio (53.51 printed 53.15) through the `validate` command. No other
relation tells the ratio from its liabilities apart, so the text report, `explain` and the
GitHub annotations all show every alternative, the proposal with its evidence and the printed
range of the figure that is only an operand."""

import re

from click.testing import CliRunner

from tests.e2e.test_cli import GOOD, invoke
from tests.helpers import ROOT, fact, make_data
from validator.cli.main import validate

ROWS = [*GOOD[:-1], fact("debt_to_asset_ratio", "2024-12-31", "53.15", "%")]
CHECK = "debt_to_asset_ratio:甲公司/合并/2024-12-31"


def test_the_text_report_lists_every_alternative_with_the_proposal_and_the_range(tmp_path):
    result = invoke(str(make_data(tmp_path, ROWS)))
    assert result.exit_code == 1
    flat = " ".join(result.output.split())
    assert "suspects: one of: 资产负债率 2024-12-31 53.15%" in flat
    assert "| 负债总额 2024-12-31 10.62亿元" in flat
    assert "proposal: 53.15 → 53.51 (transposed digits) at" in flat
    assert "every relation of 资产负债率 2024-12-31 then holds" in flat
    assert "range: 负债总额 2024-12-31 10.62亿元 at" in flat
    assert "亿元 makes every relation of it consistent" in flat


def test_explain_shows_the_alternatives_in_full(tmp_path):
    data = make_data(tmp_path, ROWS)
    args = ["explain", CHECK, str(data), "--schemas", str(ROOT / "schemas")]
    result = CliRunner().invoke(validate, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "one of:" in flat and "located: exact: single figures" in flat
    assert "evidence: least corroborated figure" in flat


def test_every_alternative_line_gets_an_annotation_saying_it_is_one_of_n(tmp_path):
    result = invoke(str(make_data(tmp_path, ROWS)), "--format", "github")
    errors = re.findall(r"^::error file=[^,]+,line=(\d+),title=[^:]*\(suspect (\d) of (\d)\)::",
                        result.output, flags=re.MULTILINE)  # fmt: skip
    n = int(errors[0][2])
    assert n >= 2 and len(errors) == n
    assert len({line for line, _, _ in errors}) == n  # each on its own line
    assert "6" in {line for line, _, _ in errors}  # the ratio's line (the header is line 1)
