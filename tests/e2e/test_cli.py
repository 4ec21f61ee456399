"""End to end: the `validate` command on a small fixture and on the project's own data."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import ROOT, fact, make_data
from validator.cli.main import validate

F = fact
GOOD = [
    F("current_assets", "2024-12-31", "14.78"),
    F("noncurrent_assets", "2024-12-31", "5.08"),
    F("total_assets", "2024-12-31", "19.85"),
    F("total_liabilities", "2024-12-31", "10.62"),
    F("debt_to_asset_ratio", "2024-12-31", "53.51", "%"),
]


def invoke(*args: str):
    return CliRunner().invoke(
        validate, [*args, "--schemas", str(ROOT / "schemas"), "--no-docs"], catch_exceptions=False
    )


def test_consistent_data_exits_0(tmp_path):
    data = make_data(tmp_path, GOOD)
    result = invoke(str(data))
    assert result.exit_code == 0, result.output
    assert "Result: no unacknowledged discrepancies" in result.output


def test_a_mistyped_figure_exits_1_and_is_explained_with_its_location(tmp_path):
    rows = [
        *GOOD[:-1],
        F("debt_to_asset_ratio", "2024-12-31", "55.31", "%", location="表3 资产负债率"),
    ]
    data = make_data(tmp_path, rows)
    result = invoke(str(data))
    assert result.exit_code == 1
    out = result.output
    assert "✗ debt_to_asset_ratio:甲公司/合并/2024-12-31" in out
    assert "55.31% = 10.62亿元 / 19.85亿元" in out
    assert "stated:    [55.305, 55.315] %" in out
    assert "misses by:" in out
    assert "表3 资产负债率" in out and "facts.csv:6" in out


def test_json_report_is_documented_shape_and_byte_identical(tmp_path):
    data = make_data(tmp_path, GOOD)
    first = invoke(str(data), "--format", "json").output
    second = invoke(str(data), "--format", "json").output
    assert first == second
    report = json.loads(first)
    assert set(report["summary"]) >= {
        "facts",
        "checks",
        "consistent",
        "discrepant",
        "not_checkable",
        "waived",
        "documents",
        "exit_code",
    }
    check = report["checks"][0]
    assert set(check) >= {
        "id",
        "rule",
        "kind",
        "verdict",
        "waived",
        "stated",
        "derived",
        "message",
        "facts",
    }
    assert set(check["facts"][0]) >= {
        "entity",
        "period",
        "concept",
        "member",
        "value",
        "unit",
        "document",
        "location",
        "file",
        "line",
    }
    assert all(isinstance(f["value"], str) for c in report["checks"] for f in c["facts"])


def test_output_file_is_written_and_junit_reports_the_failure(tmp_path):
    rows = [*GOOD[:-1], F("debt_to_asset_ratio", "2024-12-31", "55.31", "%")]
    data = make_data(tmp_path, rows)
    out = tmp_path / "report.xml"
    result = invoke(str(data), "--format", "junit", "--output", str(out))
    assert result.exit_code == 1
    xml = out.read_text(encoding="utf-8")
    assert "<failure" in xml and "debt_to_asset_ratio:甲公司/合并/2024-12-31" in xml


def test_github_annotation_points_at_the_data_line(tmp_path):
    rows = [*GOOD[:-1], F("debt_to_asset_ratio", "2024-12-31", "55.31", "%")]
    data = make_data(tmp_path, rows)
    result = invoke(str(data), "--format", "github")
    assert result.exit_code == 1
    error = [line for line in result.output.splitlines() if line.startswith("::error")]
    assert "facts.csv,line=6," in error[0]  # the stated ratio, first of the alternatives
    assert all(f"of {len(error)})::" in e for e in error)  # each says it is one of them


@pytest.mark.parametrize(
    "setup,message",
    [
        (lambda p: p / "missing", "path does not exist"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "no facts found"),
    ],
)
def test_bad_paths_exit_2_with_a_message(tmp_path, setup, message):
    result = invoke(str(setup(tmp_path)))
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_row_names_file_line_and_column(tmp_path):
    data = make_data(tmp_path, [*GOOD, F("total_assets", "2024-12-31", "19,85")])
    result = invoke(str(data))
    assert result.exit_code == 2
    assert "facts.csv:7 column value" in result.output
    assert "thousands separators are not accepted" in result.output


def test_unquoted_comma_names_the_line(tmp_path):
    data = make_data(tmp_path, GOOD)
    csv_file = next(data.rglob("facts.csv"))
    with csv_file.open("a", encoding="utf-8") as fh:
        fh.write("甲公司,合并,2024-12-31,total_assets,,level,,,,19,85,亿元,表1,,\n")
    result = invoke(str(data))
    assert result.exit_code == 2
    assert "facts.csv:7: expected 14 fields, found 15" in result.output


def test_unknown_option_is_a_usage_error():
    result = CliRunner().invoke(validate, ["--no-such-option"])
    assert result.exit_code == 2


def test_output_into_missing_folder_is_an_input_error(tmp_path):
    data = make_data(tmp_path, GOOD)
    result = invoke(str(data), "--output", str(tmp_path / "nope" / "r.json"))
    assert result.exit_code == 2 and "output folder does not exist" in result.output


def test_project_data_is_evaluated_and_flags_the_source_discrepancies():
    result = CliRunner().invoke(validate, [str(ROOT / "data"), "--format", "json", "--no-docs"])
    report = json.loads(result.output)
    assert report["summary"]["checks"] >= 500
    flagged = {c["id"] for c in report["checks"] if c["verdict"] == "discrepant"}
    assert "growth:山石网科/合并/2024/rd_expenses vs 2023" in flagged
    assert "growth:山石网科/合并/2024/financial_expenses vs 2023" in flagged


def test_installed_command_runs_as_a_subprocess(tmp_path):
    data = make_data(tmp_path, GOOD)
    exe = Path(sys.executable).parent / "validate"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "validator.cli.main"]
    proc = subprocess.run(
        [*cmd, str(data), "--schemas", str(ROOT / "schemas")],
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
        cwd=tmp_path,  # its default site/ is built here, not in the working tree
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_data_docs_site_is_built_by_default_and_json_stays_clean(tmp_path):
    data = make_data(tmp_path, GOOD)
    site = tmp_path / "docs"
    result = CliRunner().invoke(
        validate,
        [
            str(data),
            "--schemas",
            str(ROOT / "schemas"),
            "--format",
            "json",
            "--docs-dir",
            str(site),
        ],
    )
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)  # the site's progress line goes to stderr
    assert (site / "index.html").is_file()
    assert "data docs" in result.stderr
