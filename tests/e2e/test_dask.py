"""`validate --scheduler` / `--workers` on a Dask LocalCluster of 2 workers, each worker reading
its own facts files: the JSON report is byte-identical to the single-process run, on the
committed data and on a generated corpus, and a bad input on a worker is the single run's
located error, exit 2, with nothing written."""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from click.testing import CliRunner

from tests.helpers import ROOT
from validator.cli.main import validate

distributed = pytest.importorskip("distributed")
sys.path.insert(0, str(ROOT))
import benchmarks.generate as generate_module  # noqa: E402
from benchmarks.generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as patch:  # several documents, so both workers read
        patch.setattr(generate_module, "ENTITIES_PER_DOCUMENT", 20)
        info = generate(out, 20_000)
    assert info["entities"] > 2
    assert len(list((out / "data").rglob("facts.csv"))) >= 3
    return out / "data"


def json_report(*args: str) -> str:
    result = CliRunner().invoke(
        validate,
        [*args, "--schemas", str(ROOT / "schemas"), "--no-docs", "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_a_generated_corpus_on_an_existing_cluster_of_two_gives_the_same_json(scheduler, generated):
    single = json_report(str(generated))
    assert json.loads(single)["summary"]["facts"] >= 19_000
    assert json_report(str(generated), "--scheduler", scheduler) == single


def test_the_committed_data_on_a_local_cluster_of_two_gives_the_same_json():
    single = json_report(str(ROOT / "data"))
    assert json_report(str(ROOT / "data"), "--workers", "2") == single


def test_workers_and_scheduler_together_are_a_usage_error():
    result = CliRunner().invoke(validate, ["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "--workers and --scheduler are exclusive" in result.output


def test_a_scheduler_that_cannot_be_reached_is_a_clear_error_exit_2():
    result = CliRunner().invoke(
        validate, [str(ROOT / "data"), "--no-docs", "--scheduler", "nonsense://x"]
    )
    assert result.exit_code == 2
    assert "--scheduler nonsense://x: cannot connect: unknown address scheme" in result.output


def test_bad_rows_on_both_workers_give_the_single_runs_error_and_nothing_is_written(
    scheduler, tmp_path
):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for path in (
        data / "688023.SH/freebuf-2024h1-results/facts.csv",
        data / "688030.SH/lianhe-2025-tracking-rating/prose.csv",
    ):
        path.write_text(path.read_text(encoding="utf-8").replace(",亿元,", ",亿圆,"), "utf-8")
    args = [str(data), "--schemas", str(ROOT / "schemas"), "--no-docs", "--format", "json"]
    single = CliRunner().invoke(validate, [*args, "--output", str(tmp_path / "a.json")])
    spread = CliRunner().invoke(
        validate, [*args, "--output", str(tmp_path / "b.json"), "--scheduler", scheduler]
    )
    assert single.exit_code == spread.exit_code == 2
    assert "unknown unit (not in schemas/units.yaml) (got '亿圆')" in single.stderr
    assert spread.stderr == single.stderr
    assert not (tmp_path / "a.json").exists() and not (tmp_path / "b.json").exists()
