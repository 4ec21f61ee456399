"""The column-wise JSON and JUnit writers give the same bytes as the per-check renderers
(tests/report/reference.py) on every kind of corpus: the project's data (suspects, proposals,
waivers, checks that are not checkable), a generated corpus, every outcome with a stale waiver,
hostile strings, no document at all, and random strings in the fact and label columns."""

from __future__ import annotations

import functools
import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from tests.helpers import ROOT, fact, make_data
from tests.report.corpus import make_corpus
from tests.report.reference import reference_json, reference_junit
from validator.findings.model import Findings
from validator.pipeline import check, empty_findings
from validator.report.json_stream import json_chunks
from validator.report.junit_stream import junit_chunks

HOSTILE = "表1\x1b[31m\u202e\u200b\x7f\x85\u2028 <&\"'> ::x %0A \\ \t 😀"  # one CSV line
CONTROLS = HOSTILE + "\x00\n\r\x0c"


def assert_same(f: Findings, chunk: int | None = None) -> None:
    if chunk is None:
        json_text, junit_text = "".join(json_chunks(f)), "".join(junit_chunks(f))
    else:
        json_text, junit_text = "".join(json_chunks(f, chunk)), "".join(junit_chunks(f, chunk))
    assert json_text == reference_json(f)
    assert junit_text == reference_junit(f)


@functools.cache
def corpus() -> Findings:
    return check([make_corpus(Path(tempfile.mkdtemp()))])


@functools.cache
def project_data() -> Findings:
    return check([ROOT / "data"], ROOT / "schemas")


def test_the_project_data():
    f = project_data()
    assert f.table["suspect"].ge(0).any() and f.table["waived"].any()
    assert (f.table["verdict"] == "not_checkable").any()
    assert_same(f)


def test_the_project_data_in_small_chunks():
    assert_same(project_data(), chunk=7)


def test_every_outcome_with_a_stale_waiver():
    f = corpus()
    assert f.stale_waivers
    assert_same(f)
    assert_same(f, chunk=1)


def test_a_generated_corpus(tmp_path):
    generate(tmp_path / "g", 20_000)
    assert_same(check([tmp_path / "g" / "data"]))


def test_hostile_strings_in_every_text_field(tmp_path):
    rows = [
        fact("current_assets", "2024-12-31", "14.78", location=HOSTILE),
        fact("noncurrent_assets", "2024-12-31", "5.08", location=HOSTILE + "2"),
        fact("total_assets", "2024-12-31", "19.85", location="<b>&amp;</b>"),
        fact("total_liabilities", "2024-12-31", "10.62"),
        fact("debt_to_asset_ratio", "2024-12-31", "55.51", "%", location=HOSTILE),
    ]
    assert_same(check([make_data(tmp_path, rows)]))


def test_no_document():
    """What a run with nothing to check (nothing changed since a commit) reports."""
    assert_same(empty_findings())


def _with_strings(f: Findings, texts: list[str]) -> Findings:
    """The findings with random strings in the fact and label columns."""
    facts = f.fact_table.copy()
    table = f.table.copy()
    n = len(texts)
    for i, column in enumerate(("location", "value", "file")):
        values = [texts[(j + i) % n] for j in range(len(facts))]
        categorical = isinstance(facts[column].dtype, pd.CategoricalDtype)
        facts[column] = pd.Categorical(values) if categorical else pd.array(values, dtype="string")
    for i, column in enumerate(("check_id", "entity", "period", "member", "printings")):
        table[column] = [texts[(j + i) % n] for j in range(len(table))]
    return replace(f, fact_table=facts, table=table)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(), min_size=1, max_size=6))
def test_random_strings_in_fact_and_label_columns(texts):
    assert_same(_with_strings(corpus(), texts))


@pytest.mark.parametrize("chunk", [1, 3])
def test_random_strings_on_the_project_data(chunk):
    assert_same(_with_strings(project_data(), [CONTROLS, "", "a", "é\u202e"]), chunk)
