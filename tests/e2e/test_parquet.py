"""End to end: a document whose facts are a Parquet file reports as the same facts in CSV."""

import json

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from click.testing import CliRunner

from tests.helpers import ROOT, fact, make_data
from validator.cli.main import validate

F = fact
ROWS = [
    F("current_assets", "2024-12-31", "14.78"),
    F("noncurrent_assets", "2024-12-31", "5.08"),
    F("total_assets", "2024-12-31", "19.85"),
    F("total_assets", "2024-12-31", "198500.00", "万元", location="附注"),
    F("total_liabilities", "2024-12-31", "10.62"),
    F("debt_to_asset_ratio", "2024-12-31", "55.31", "%", location="表3 资产负债率"),
    F("total_assets", "2023-12-31", "18.00"),
    F("total_assets", "2024-12-31", "10.28", "%", measure="growth", base="2023-12-31"),
]


def invoke(*args: str):
    return CliRunner().invoke(
        validate, [*args, "--schemas", str(ROOT / "schemas"), "--no-docs"], catch_exceptions=False
    )


def to_parquet(data):
    """The data folder's facts.csv replaced by facts.parquet holding the same strings."""
    (csv_path,) = data.rglob("facts.csv")
    table = pacsv.read_csv(
        csv_path,
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(pacsv.read_csv(csv_path).column_names, "string"),
            strings_can_be_null=False,
        ),
    )
    pq.write_table(table, csv_path.with_suffix(".parquet"))
    csv_path.unlink()
    return csv_path.with_suffix(".parquet")


def test_a_parquet_document_gives_the_json_report_of_the_same_facts_as_csv(tmp_path):
    as_csv = invoke(str(make_data(tmp_path / "csv", ROWS)), "--format", "json")
    parquet_data = make_data(tmp_path / "parquet", ROWS)
    to_parquet(parquet_data)
    as_parquet = invoke(str(parquet_data), "--format", "json")
    assert as_csv.exit_code == as_parquet.exit_code == 1
    csv_report, parquet_report = json.loads(as_csv.output), json.loads(as_parquet.output)
    assert csv_report["summary"]["discrepant"] >= 1
    facts = [f for c in parquet_report["checks"] for f in c["facts"]]
    assert {f["file"].rsplit("/", 1)[-1] for f in facts} == {"facts.parquet"}
    normalised = as_parquet.output.replace(str(tmp_path / "parquet"), str(tmp_path / "csv"))
    assert normalised.replace("facts.parquet", "facts.csv") == as_csv.output


def test_a_discrepancy_in_parquet_names_the_file_and_the_line_of_the_row(tmp_path):
    data = make_data(tmp_path, ROWS)
    to_parquet(data)
    result = invoke(str(data))
    assert result.exit_code == 1
    assert "facts.parquet:7" in result.output  # row 6, the stated debt-to-asset ratio


def test_parquet_and_csv_files_of_one_document_are_read_together(tmp_path):
    data = make_data(tmp_path, ROWS[:4])
    folder = next(data.rglob("facts.csv")).parent
    more = make_data(tmp_path / "more", ROWS[4:])
    (folder / "more.parquet").write_bytes(to_parquet(more).read_bytes())
    report = json.loads(invoke(str(data), "--format", "json").output)
    assert report["summary"]["facts"] == len(ROWS)


def test_a_bad_parquet_file_exits_2_with_a_located_message(tmp_path):
    data = make_data(tmp_path, ROWS)
    path = to_parquet(data)
    path.write_bytes(b"not parquet at all")
    result = invoke(str(data))
    assert result.exit_code == 2
    assert "facts.parquet: not a readable Parquet file" in result.output
    assert "Traceback" not in result.output


def test_a_parquet_row_failing_the_facts_schema_is_located_like_a_csv_line(tmp_path):
    rows = [*ROWS[:2], F("total_assets", "2024-12-31", "19.85", "亿")]
    data = make_data(tmp_path, rows)
    to_parquet(data)
    result = invoke(str(data))
    assert result.exit_code == 2
    assert "facts.parquet:4 column unit: unknown unit" in result.output
