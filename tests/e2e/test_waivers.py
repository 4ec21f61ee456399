"""Waivers acknowledge exactly the discrepancy they pin; anything else still fails."""

import json

import pytest
from click.testing import CliRunner

from tests.helpers import ROOT, fact, make_data, write_csv
from validator.cli.main import validate

F = fact
RD = [
    F("rd_expenses", "2023", "3.43"),
    F("rd_expenses", "2024", "3.60"),
    F("rd_expenses", "2024", "25.84", "%", measure="growth", base="2023"),
]
CHECK = "growth:甲公司/合并/2024/rd_expenses vs 2023"
WAIVER = f"""waivers:
  - check: "{CHECK}"
    reason: >-
      The source prints 同比增长25.84% although its own table gives 3.43 and 3.60 亿元.
    reviewer: 审计员甲
    date: 2026-11-22
    figures: ["stated 25.84%", "current 3.60亿元", "base 3.43亿元"]
"""


def invoke(data, *args):
    return CliRunner().invoke(
        validate, [str(data), "--schemas", str(ROOT / "schemas"), "--no-docs", *args]
    )


def with_waiver(tmp_path, rows, waiver=WAIVER):
    data = make_data(tmp_path, rows)
    folder = next(data.rglob("document.yaml")).parent
    (folder / "waivers.yaml").write_text(waiver, encoding="utf-8")
    return data


def test_a_waived_discrepancy_is_visible_and_does_not_fail(tmp_path):
    result = invoke(with_waiver(tmp_path, RD))
    assert result.exit_code == 0, result.output
    assert "Acknowledged discrepancies (1)" in result.output
    assert "审计员甲" in result.output and "25.84%" in result.output
    report = json.loads(invoke(with_waiver(tmp_path / "j", RD), "--format", "json").output)
    (check,) = [c for c in report["checks"] if c["id"] == CHECK]
    assert check["waived"] is True and check["waiver"]["reviewer"] == "审计员甲"
    assert report["summary"]["waived"] == 1 and report["summary"]["discrepant"] == 0


def test_a_new_discrepancy_beside_a_waived_one_still_fails(tmp_path):
    rows = [*RD, F("total_assets", "2024-12-31", "19.85"), F("total_assets", "2024-12-31", "19.58")]
    result = invoke(with_waiver(tmp_path, rows))
    assert result.exit_code == 1
    assert "Discrepancies (1)" in result.output
    assert "✗ duplicate:甲公司/合并/2024-12-31/total_assets" in result.output


def test_a_waiver_whose_figures_changed_is_stale_and_hides_nothing(tmp_path):
    rows = [*RD[:2], F("rd_expenses", "2024", "25.48", "%", measure="growth", base="2023")]
    result = invoke(with_waiver(tmp_path, rows))
    assert result.exit_code == 1
    assert "Stale waivers (1)" in result.output
    assert "the figures changed" in result.output
    assert f"✗ {CHECK}" in result.output  # the discrepancy itself is not acknowledged


def test_a_waiver_for_a_discrepancy_that_is_gone_is_stale(tmp_path):
    rows = [*RD[:2], F("rd_expenses", "2024", "4.96", "%", measure="growth", base="2023")]
    result = invoke(with_waiver(tmp_path, rows))
    assert result.exit_code == 1
    assert "no discrepancy has this id any more" in result.output


def test_a_waiver_for_an_unknown_check_is_stale(tmp_path):
    result = invoke(with_waiver(tmp_path, RD, WAIVER.replace("rd_expenses vs", "rd_expense vs")))
    assert result.exit_code == 1
    assert "Stale waivers (1)" in result.output


def test_a_waiver_without_reason_is_an_input_error(tmp_path):
    bad = WAIVER.replace("reviewer: 审计员甲\n", "")
    result = invoke(with_waiver(tmp_path, RD, bad))
    assert result.exit_code == 2
    assert "waivers.yaml" in result.output and "reviewer" in result.output


def test_github_annotations_skip_acknowledged_and_flag_stale(tmp_path):
    result = invoke(with_waiver(tmp_path, RD), "--format", "github")
    assert "::error" not in result.output
    rows = [*RD[:2], F("rd_expenses", "2024", "4.96", "%", measure="growth", base="2023")]
    result = invoke(with_waiver(tmp_path / "b", rows), "--format", "github")
    assert "::error file=" in result.output and "waivers.yaml" in result.output


def test_the_waiver_template_pins_the_figures(tmp_path):
    data = make_data(tmp_path, RD)
    result = invoke(data, "--waiver-template")
    assert CHECK in result.output
    assert '"stated 25.84%"' in result.output and '"base 3.43亿元"' in result.output


SEGMENTS = [
    F("operating_revenue", "2024", "1.00", member="segment:甲"),
    F("operating_revenue", "2024", "1.00", member="segment:乙"),
    F("operating_revenue", "2024", "3.00", member="segment:丙"),
    F("operating_revenue", "2024", "5.50"),
]
SEGMENT_CHECK = "sum:甲公司/合并/2024/operating_revenue/segment"


def _template_waiver(tmp_path, rows):
    """The waiver --waiver-template writes, completed by a reviewer."""
    text = invoke(make_data(tmp_path / "t", rows), "--waiver-template").output
    return text.replace(
        "TODO: verified against the source text: why this is in the source",
        "The source prints segment revenues that do not add up to its total.",
    ).replace('"TODO"', '"审计员甲"').replace('"YYYY-MM-DD"', '"2026-11-22"')


def test_equal_figures_of_different_facts_are_pinned_one_by_one(tmp_path):
    waiver = _template_waiver(tmp_path, SEGMENTS)
    assert waiver.count("segment:甲 1.00亿元") == 1 and waiver.count("segment:乙 1.00亿元") == 1
    assert invoke(with_waiver(tmp_path / "ok", SEGMENTS, waiver)).exit_code == 0
    # Swapping two members' values keeps the multiset of values but not the figures.
    swapped = [
        SEGMENTS[0],
        F("operating_revenue", "2024", "3.00", member="segment:乙"),
        F("operating_revenue", "2024", "1.00", member="segment:丙"),
        SEGMENTS[3],
    ]
    result = invoke(with_waiver(tmp_path / "swap", swapped, waiver))
    assert result.exit_code == 1 and "the figures changed" in result.output


def test_a_documents_waiver_cannot_acknowledge_another_documents_discrepancy(tmp_path):
    data = make_data(tmp_path, RD)
    other = data / "600000.SH" / "other-doc"
    other.mkdir()
    doc = (data / "600000.SH" / "jia-2024-annual" / "document.yaml").read_text(encoding="utf-8")
    (other / "document.yaml").write_text(doc.replace("jia-2024-annual", "other-doc"), "utf-8")
    write_csv(other / "facts.csv", [F("total_assets", "2024-12-31", "19.85")])
    (other / "waivers.yaml").write_text(WAIVER, encoding="utf-8")
    result = invoke(data)
    assert result.exit_code == 1
    assert f"✗ {CHECK}" in result.output and "Stale waivers (1)" in result.output


def test_a_waiver_template_left_as_printed_is_rejected_with_its_location(tmp_path):
    data = make_data(tmp_path, RD)
    template = invoke(data, "--waiver-template").output
    folder = next(data.rglob("document.yaml")).parent
    (folder / "waivers.yaml").write_text(template, encoding="utf-8")
    result = invoke(data)
    assert result.exit_code == 2
    where = f"{folder / 'waivers.yaml'}:2"
    for field in ("reason", "reviewer", "date"):
        assert f"{where} column {field}: {field} still holds the --waiver-template placeholder" in (
            result.output
        ), result.output


@pytest.mark.parametrize(
    ("field", "placeholder"),
    [
        ("reason", "TODO: check the source again before merging this"),
        ("reviewer", "TODO"),
        ("date", "YYYY-MM-DD"),
    ],
)
def test_a_waiver_with_one_placeholder_left_is_rejected(tmp_path, field, placeholder):
    completed = {"reason": "The source prints", "reviewer": "审计员甲", "date": "2026-11-22"}
    text = WAIVER.replace(completed[field], placeholder)
    assert text != WAIVER
    result = invoke(with_waiver(tmp_path, RD, text))
    assert result.exit_code == 2
    assert f"waivers.yaml:2 column {field}: {field} still holds" in result.output, result.output
