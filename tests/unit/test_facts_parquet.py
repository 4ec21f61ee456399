"""Reading a facts Parquet file: the same table as the CSV, or a located error."""

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.helpers import fact, write_csv
from validator.errors import InputError
from validator.io.facts_csv import read_facts_csv
from validator.io.facts_files import facts_files, read_facts_file
from validator.io.facts_parquet import read_facts_parquet
from validator.io.facts_schema import COLUMNS

ROWS = [
    fact("total_assets", "2024-12-31", "19.850"),
    {**fact("total_liabilities", "2024-12-31", "10.62"), "note": "含, 逗号"},
    fact("debt_to_asset_ratio", "2024-12-31", "53.51", "%"),
]


def table(rows=ROWS, **overrides: pa.Array) -> pa.Table:
    columns = {c: pa.array([r[c] for r in rows], pa.string()) for c in COLUMNS}
    columns.update(overrides)
    return pa.table(columns)


def write(path: Path, t: pa.Table) -> Path:
    pq.write_table(t, path)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        read_facts_parquet(path, path.name)
    return [str(p) for p in exc.value.problems]


def test_a_parquet_file_reads_as_the_same_table_as_its_csv_export(tmp_path):
    write_csv(tmp_path / "facts.csv", ROWS)
    write(tmp_path / "facts.parquet", table())
    from_csv = read_facts_csv(tmp_path / "facts.csv", "facts")
    from_parquet = read_facts_parquet(tmp_path / "facts.parquet", "facts")
    assert from_parquet.equals(from_csv)


def test_literals_stay_as_printed_and_rows_are_placed_as_in_the_csv_export(tmp_path):
    frame = read_facts_parquet(write(tmp_path / "f.parquet", table()), "f.parquet")
    assert frame["value"].tolist() == ["19.850", "10.62", "53.51"]
    assert frame["line"].tolist() == [2, 3, 4]  # row N is line N + 1
    assert set(frame["file"]) == {"f.parquet"}


def test_dictionary_encoded_and_large_string_columns_are_strings(tmp_path):
    t = table(
        unit=pa.array(["亿元", "亿元", "%"]).dictionary_encode(),
        note=pa.array(["", "", ""], pa.large_string()),
    )
    frame = read_facts_parquet(write(tmp_path / "f.parquet", t), "f.parquet")
    assert frame["unit"].tolist() == ["亿元", "亿元", "%"]


def test_several_row_groups_are_one_table(tmp_path):
    path = tmp_path / "f.parquet"
    pq.write_table(table(ROWS * 5), path, row_group_size=4)
    frame = read_facts_parquet(path, "f.parquet")
    assert frame["line"].tolist() == list(range(2, 17))


def test_a_numeric_column_is_refused_naming_the_column_and_its_type(tmp_path):
    path = write(tmp_path / "f.parquet", table(value=pa.array([19.85, 10.62, 53.51])))
    (message,) = problems(path)
    assert message.startswith("f.parquet column value: column 'value' has type double")
    assert "must be a string column" in message


def test_an_integer_src_line_column_is_refused(tmp_path):
    path = write(tmp_path / "f.parquet", table(src_line=pa.array([1, 2, 3], pa.int64())))
    (message,) = problems(path)
    assert "column 'src_line' has type int64" in message


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (COLUMNS[:-1], "bad header: missing column(s) note. Expected: entity,scope,"),
        ([*COLUMNS, "comment"], "bad header: unknown column(s) comment. Expected:"),
        (
            ["scope", "entity", *COLUMNS[2:]],
            "columns are in the wrong order. Expected: entity,scope,period",
        ),
    ],
)
def test_wrong_columns_get_the_messages_of_the_csv_header_check(tmp_path, names, expected):
    columns = {n: pa.array([""] * 3, pa.string()) for n in names}
    (message,) = problems(write(tmp_path / "f.parquet", pa.table(columns)))
    assert message.startswith(f"f.parquet: {expected}")


def test_a_corrupt_file_is_a_located_error_not_a_traceback(tmp_path):
    path = tmp_path / "f.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    (message,) = problems(path)
    assert message.startswith("f.parquet: not a readable Parquet file:")


def test_a_truncated_file_is_a_located_error(tmp_path):
    path = write(tmp_path / "f.parquet", table())
    path.write_bytes(path.read_bytes()[:-20])
    (message,) = problems(path)
    assert message.startswith("f.parquet: not a readable Parquet file:")


def test_a_null_cell_is_located_at_its_row_and_column(tmp_path):
    path = write(tmp_path / "f.parquet", table(unit=pa.array(["亿元", None, "%"])))
    assert problems(path) == [
        "f.parquet:3 column unit: null value (an empty field is an empty string)"
    ]


def test_no_rows_and_empty_rows_are_refused_as_in_csv(tmp_path):
    assert problems(write(tmp_path / "none.parquet", table([]))) == [
        "none.parquet: no facts: the file has columns and no rows"
    ]
    blank = dict.fromkeys(COLUMNS, "")
    path = write(tmp_path / "blank.parquet", table([ROWS[0], blank]))
    assert problems(path) == ["blank.parquet:3: empty row (remove it)"]


def test_a_folder_yields_csv_and_parquet_files_in_name_order(tmp_path):
    write_csv(tmp_path / "b.csv", ROWS)
    write(tmp_path / "a.parquet", table())
    (tmp_path / "notes.txt").write_text("not facts")
    files = facts_files(tmp_path)
    assert [p.name for p in files] == ["a.parquet", "b.csv"]
    assert read_facts_file(files[0], "a").equals(read_facts_file(files[1], "a"))
