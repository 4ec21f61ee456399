"""The run that loads the facts on the workers (in-process partitions here; on a Dask cluster in
tests/e2e/test_dask.py): the same findings as one process, and for every bad input the same
located problems, in the same order, as one process reading every file."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.helpers import ROOT
from validator.engine.partition import (
    PARTITION_BYTES,
    assign_files,
    group_files,
    partition_count,
)
from validator.engine.partitioned import LocalMap
from validator.errors import InputError
from validator.io.project_files import project_files
from validator.partitioned_run import FactRows, check_on_workers
from validator.pipeline import check
from validator.report.json_stream import render_json

sys.path.insert(0, str(ROOT))
import benchmarks.generate as generate_module
from benchmarks.generate import generate

SCHEMAS = ROOT / "schemas"
KEDA = "002230.SZ/kanjian-2024h1-results"
ANHENG = "688023.SH/freebuf-2024h1-results"
SHANSHI = "688030.SH/lianhe-2025-tracking-rating"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def problems(run: Callable[[], object]) -> list[str]:
    with pytest.raises(InputError) as caught:
        run()
    return [str(p) for p in caught.value.problems]


def same_error(data: Path, partitions: int = 3) -> list[str]:
    single = problems(lambda: check([data], SCHEMAS))
    spread = problems(lambda: check_on_workers([data], LocalMap(partitions), SCHEMAS))
    assert spread == single
    return single


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_committed_data_in_three_partitions_gives_the_single_run_byte_for_byte():
    single = check([ROOT / "data"], SCHEMAS)
    spread = check_on_workers([ROOT / "data"], LocalMap(3), SCHEMAS)
    pd.testing.assert_frame_equal(spread.table, single.table)
    pd.testing.assert_frame_equal(
        spread.fact_table.drop(columns="key"), single.fact_table.drop(columns="key")
    )
    assert spread.documents == single.documents
    assert spread.stale_waivers == single.stale_waivers
    assert render_json(spread) == render_json(single)


def test_files_that_name_a_common_entity_go_to_one_partition():
    assert group_files([frozenset("a"), frozenset("b"), frozenset("ca"), frozenset("d")]) == [
        [0, 2],
        [1],
        [3],
    ]
    assert group_files([frozenset("a"), frozenset("b"), frozenset("ab")]) == [[0, 1, 2]]
    parts = assign_files([frozenset("a"), frozenset("b"), frozenset("a")], [5, 8, 4], 2)
    assert sorted(parts) == [[0, 2], [1]]


def test_a_document_naming_other_entities_is_kept_with_them():
    pf = project_files([ROOT / "data"], SCHEMAS)
    shanshi = [f for f in pf.files if SHANSHI in f.display]
    assert set().union(*(f.entities for f in shanshi)) >= {"山石网科", "奇安信", "中国"}
    parts = assign_files([f.entities for f in pf.files], [f.size for f in pf.files], 3)
    owner = {i: p for p, files in enumerate(parts) for i in files}
    assert len({owner[pf.files.index(f)] for f in shanshi}) == 1


def test_an_unreadable_file_before_a_bad_document_is_the_error(data: Path):
    (data / ANHENG / "facts.csv").write_text("entity,scope\n", encoding="utf-8")
    edit(data / SHANSHI / "document.yaml", "entity: 山石网科", "entity: 无此公司")
    assert same_error(data) == [
        f"{data / ANHENG / 'facts.csv'}:1: bad header: missing column(s) period, concept, member,"
        " measure, base, whole, qualifier, value, unit, location, src_line, note. Expected: "
        "entity,scope,period,concept,member,measure,base,whole,qualifier,value,unit,location,"
        "src_line,note"
    ]


def test_a_bad_document_before_an_unreadable_file_is_the_error(data: Path):
    edit(data / KEDA / "document.yaml", "entity: 科大讯飞", "entity: 无此公司")
    (data / SHANSHI / "prose.csv").write_text("entity,scope\n", encoding="utf-8")
    assert same_error(data) == [
        f"{data / KEDA / 'document.yaml'} column entity: unknown entity '无此公司'"
    ]


def test_of_two_unreadable_files_in_two_partitions_the_first_is_the_error(data: Path):
    edit(data / SHANSHI / "prose.csv", "\n山石网科,", "\n\n山石网科,")
    edit(data / ANHENG / "facts.csv", ",亿元,", ",亿元,,", 3)
    assert "expected 14 fields" in same_error(data)[0]


def test_more_than_fifty_bad_rows_in_three_partitions_are_counted_as_one_process_counts(
    data: Path,
):
    for doc in (KEDA, ANHENG, SHANSHI + "/appendix-2.csv", SHANSHI + "/prose.csv"):
        path = data / doc if doc.endswith(".csv") else data / doc / "facts.csv"
        edit(path, ",亿元,", ",亿圆,", 30)
    found = same_error(data)
    assert len(found) == 51
    assert found[-1].startswith("… and ")


def test_rows_of_contradictory_columns_in_two_partitions_give_the_same_problems(data: Path):
    edit(data / ANHENG / "facts.csv", "2024H1,operating_revenue", "2024-06-30,operating_revenue", 2)
    edit(data / SHANSHI / "charts-01-19.csv", ",2024,", ",2024-12-31,", -1)
    found = same_error(data)
    assert "period type does not match the concept" in found[0]
    assert len(found) == 50


def test_a_bad_row_in_one_partition_comes_before_contradictory_rows_in_another(data: Path):
    edit(data / ANHENG / "facts.csv", "2024H1,operating_revenue", "2024-06-30,operating_revenue")
    edit(data / SHANSHI / "prose.csv", ",亿元,", ",亿圆,")
    found = same_error(data)
    assert found == [
        f"{data / SHANSHI / 'prose.csv'}:2 column unit: unknown unit (not in schemas/units.yaml)"
        " (got '亿圆')"
    ]


def test_a_corpus_of_figures_all_not_stated_is_the_same_error(data: Path):
    for path in data.rglob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text(
            "\n".join([lines[0]] + [_unstated(line) for line in lines[1:]]) + "\n",
            encoding="utf-8",
        )
    assert same_error(data)[0].endswith("no facts found: the facts files have no rows")


def _unstated(line: str) -> str:
    import csv
    import io

    row = next(csv.reader([line]))
    row[9] = "--"
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue()


def test_a_bad_waiver_comes_after_valid_facts_and_before_a_bad_rulebook(data: Path):
    edit(data / SHANSHI / "waivers.yaml", "reviewer:", "reviewr:")
    (data / SHANSHI / "rules.yaml").write_text("relations: [", encoding="utf-8")
    assert "reviewr" in same_error(data)[0]
    shutil.copy(ROOT / "data" / SHANSHI / "waivers.yaml", data / SHANSHI / "waivers.yaml")
    assert "rules.yaml" in same_error(data)[0]


class RecordingMap(LocalMap):
    def __init__(self, threads: int):
        super().__init__(threads)
        self.items: list = []

    def map(self, fn, shared, items):
        self.items = list(items)
        return super().map(fn, shared, items)


def test_each_partition_reads_only_its_own_files_and_every_file_is_read_once():
    mapper = RecordingMap(3)
    check_on_workers([ROOT / "data"], mapper, SCHEMAS)
    read = [[f.path for _, f in files] for files in mapper.items]
    assert len(read) == 3
    every = [name for files in read for name in files]
    assert sorted(every) == sorted(str(p) for p in (ROOT / "data").rglob("*.csv"))


def test_the_facts_around_discrepancies_are_found_by_corpus_position_and_no_other_row():
    rows = FactRows(pd.DataFrame({"v": ["c", "a", "b"]}), np.array([30, 10, 20]))
    assert rows.iloc[np.array([10, 30])]["v"].tolist() == ["a", "c"]
    with pytest.raises(KeyError):
        rows.iloc[np.array([10, 15])]


def test_partitions_are_counted_from_the_corpus_size_not_only_the_workers():
    assert partition_count([10, 20], workers=2, bound=100) == 2
    assert partition_count([60, 60, 60], workers=2, bound=100) == 2
    assert partition_count([60, 60, 61], workers=2, bound=90) == 3
    assert partition_count([PARTITION_BYTES] * 10, workers=2) == 10
    with pytest.raises(ValueError):
        partition_count([1], workers=1, bound=0)


def test_a_corpus_above_the_bound_goes_on_more_partitions_than_workers_and_gives_one_runs_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(generate_module, "ENTITIES_PER_DOCUMENT", 5)
    generate(tmp_path, 20_000)
    data = tmp_path / "data"
    files = sorted(data.rglob("facts.csv"))
    total = sum(f.stat().st_size for f in files)
    bound = total // 5
    mapper = RecordingMap(2)
    spread = check_on_workers([data], mapper, SCHEMAS, partition_bytes=bound)
    read = [[f.path for _, f in part] for part in mapper.items]
    assert len(read) >= 5 > 2
    assert sorted(p for part in read for p in part) == sorted(map(str, files))
    single = check([data], SCHEMAS)
    assert (single.table["verdict"].astype(str) == "discrepant").any()
    pd.testing.assert_frame_equal(spread.table, single.table)
    pd.testing.assert_frame_equal(
        spread.fact_table.drop(columns="key"), single.fact_table.drop(columns="key")
    )
    assert render_json(spread) == render_json(single)
