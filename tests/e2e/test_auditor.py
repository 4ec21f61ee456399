"""The auditor's questions at the command line: explain one check, show every check of one
figure, filter any format, and refuse contradictory options."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from tests.helpers import ROOT
from tests.snapshots.corpus import small_corpus
from validator.cli import terminal
from validator.cli.main import validate

RD = "growth:甲公司/合并/2024/rd_expenses vs 2023"
FACTS = "data/600000.SH/jia-2024-annual/facts.csv"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The small corpus in the working directory, with its schemas beside it."""
    small_corpus(tmp_path)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, env: dict[str, str] | None = None):
    """The CLI at a fixed width (a test worker's console may have none), unless `env` says."""
    env = {"COLUMNS": "120", **(env or {})}
    return CliRunner().invoke(validate, list(args), env=env, catch_exceptions=False)


def test_no_arguments_validates_data_as_before(corpus):
    result = invoke("--no-docs")
    assert result.exit_code == 1
    assert "validate: 11 facts in 1 document, 8 checks" in result.output
    assert result.output.endswith("Result: 1 discrepancy (1 acknowledged)\n")


def test_quiet_and_verbose_together_are_a_usage_error(corpus):
    result = invoke("data", "--quiet", "--verbose", "--no-docs")
    assert result.exit_code == 2
    assert "--quiet and --verbose contradict each other" in result.output


def test_the_summary_counts_and_not_checkable_reasons(corpus):
    out = invoke("data", "--no-docs").output
    row = next(line for line in out.splitlines() if line.startswith(" 1 甲公司"))
    assert row.split() == ["1", "甲公司", "11", "8", "3", "1", "1", "3"]
    assert "Not checkable (3): what would make them checkable" in out
    assert "营业总收入 2023 is not stated: 2 relations wait for it (abs_change, growth)" in out
    assert "1 relation waits for it" in out


def test_explain_prints_one_check_in_full(corpus):
    result = invoke("explain", RD)
    assert result.exit_code == 0
    assert result.output.startswith(f"≈ {RD}\n")
    assert "misses by: 20.5795 %" in result.output
    assert f"({FACTS}:9)" in result.output and "acknowledged by 审计员甲" in result.output


def test_explain_of_an_unknown_check_suggests_the_nearest_ids(corpus):
    result = invoke("explain", RD.replace("rd_expenses", "rd_expense"))
    assert result.exit_code == 2
    assert f"did you mean '{RD}'" in result.output


def test_explain_names_what_a_not_checkable_check_waits_for(corpus):
    result = invoke("explain", "growth:甲公司/合并/2024/total_operating_revenue vs 2023")
    assert "reason:   no stated level of total_operating_revenue for the base 2023" in result.output
    assert "missing:  营业总收入 2023 (it would unlock 2 relations)" in result.output


def test_show_a_figure_by_its_data_line(corpus):
    result = invoke("show", f"{FACTS}:4")
    assert result.exit_code == 0
    out = result.output
    assert "资产总额 2024-12-31: 19.85亿元" in out
    assert "takes part in 3 checks: 1 consistent, 1 discrepant, 1 not checkable" in out
    assert "✗ debt_to_asset_ratio:甲公司/合并/2024-12-31  as total_assets" in out


def test_show_a_figure_by_concept_and_period(corpus):
    by_name = invoke("show", "--concept", "研发费用", "--period", "2024").output
    assert f"≈ {RD}  as current" in by_name
    assert invoke("show", "--concept", "rd_expenses", "--period", "2024").output == by_name


@pytest.mark.parametrize(
    "args,message",
    [
        (["show"], "give FILE:LINE, or --concept with --period"),
        (["show", "facts.csv"], "expected FILE:LINE"),
        (["show", "nope.csv:3"], "not a facts file of a checked document"),
    ],
)
def test_show_with_a_bad_figure_is_a_clear_error(corpus, args, message):
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.output


def test_show_a_line_without_checks_says_so(corpus):
    result = invoke("show", f"{FACTS}:2")  # current assets: in one consistent check
    assert result.exit_code == 0
    assert invoke("show", f"{FACTS}:99").output == (
        f"validate: no check involves a figure at {FACTS}:99\n"
    )


def test_only_filters_json_and_the_exit_code_stays_the_whole_runs(corpus):
    result = invoke("data", "--no-docs", "--format", "json", "--only", "not_checkable")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert {c["verdict"] for c in report["checks"]} == {"not_checkable"}
    assert report["summary"]["exit_code"] == 1 and report["summary"]["not_checkable"] == 3


def test_kind_recounts_the_summary_over_its_scope(corpus):
    result = invoke("data", "--no-docs", "--kind", "growth", "--format", "json")
    summary = json.loads(result.output)["summary"]
    # 研发费用's growth (acknowledged), 营业总收入's (waits for 2023), and the growth implied by
    # 营业总收入's stated change (consistent)
    assert (summary["checks"], summary["waived"], summary["not_checkable"]) == (3, 1, 1)
    assert summary["documents"][0]["checks"] == 3


def test_a_filtered_github_run_never_claims_a_clean_result(corpus):
    result = invoke("data", "--no-docs", "--format", "github", "--only", "acknowledged")
    assert result.exit_code == 1
    assert "::error" not in result.output
    assert result.output.endswith("Result: 1 discrepancy outside the selection (1 acknowledged)\n")


def test_filters_apply_to_junit_and_text(corpus):
    junit = invoke("data", "--no-docs", "--format", "junit", "--kind", "formula").output
    # the formula ratio and the chain of 营业总收入 2023 (growth and change agree)
    assert 'tests="2"' in junit and "debt_to_asset_ratio" in junit and "rd_expenses" not in junit
    text = invoke("data", "--no-docs", "--only", "discrepant", "--kind", "formula").output
    assert "Discrepancies (1)" in text and "Not checkable" not in text
    consistent = invoke("data", "--no-docs", "--only", "consistent").output
    assert "Consistent (3)" in consistent and "✓ assets_current_plus_noncurrent" in consistent
    assert "Discrepancies" not in consistent


@pytest.mark.parametrize(
    "args,message",
    [
        (["--document", "no-such-doc"], "--document no-such-doc: no such document"),
        (["--only", "wrong"], "wrong: expected consistent, discrepant"),
        (["--kind", "growht"], "growht: expected sum"),
    ],
)
def test_bad_filters_are_clear_errors(corpus, args, message):
    result = invoke("data", "--no-docs", *args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("columns", [60, 100])
def test_the_report_wraps_at_the_width_of_columns(corpus, columns):
    out = invoke("data", "--no-docs", "--verbose", env={"COLUMNS": str(columns)}).output
    widths = [cell_len(line) for line in out.split("\n")]
    assert columns - 10 < max(widths) <= columns


def test_colour_only_when_asked_or_on_a_terminal_without_no_color(corpus, monkeypatch):
    assert "\x1b[" not in invoke("data", "--no-docs").output
    assert "\x1b[1;31m✗\x1b[0m" in invoke("data", "--no-docs", "--color", "always").output
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert terminal.use_color("auto", to_file=False)
    assert not terminal.use_color("auto", to_file=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not terminal.use_color("auto", to_file=False)
    assert terminal.use_color("always", to_file=False)


def test_commands_have_their_own_help_and_the_default_keeps_its_own():
    top = invoke("--help").output
    assert top.startswith("Usage: validate [OPTIONS] [PATHS]...")
    assert "explain CHECK_ID" in top and "show FILE:LINE" in top
    assert invoke("explain", "--help").output.startswith(
        "Usage: validate explain [OPTIONS] CHECK_ID"
    )
    assert invoke("show", "--help").output.startswith("Usage: validate show [OPTIONS] [FILE:LINE]")
