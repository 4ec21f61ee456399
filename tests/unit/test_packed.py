"""The check table's trip from a worker to the client: text columns travel as distinct strings
and codes, come back with the values and dtypes the worker had, and share one string per
distinct value; a column that is not all strings travels as it is."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

from tests.helpers import ROOT
from validator.engine.merge import merge_findings
from validator.engine.packed import Coded, merged_column, pack, unpack
from validator.engine.partition import partition_rows
from validator.engine.partitioned import PartitionedBackend
from validator.engine.run import NumpyBackend
from validator.io.project import load_project
from validator.review.suspects import with_suspects
from validator.rules.rulebook import load_rulebooks


def _objects(values: list) -> pd.Series:
    return pd.Series(np.array(values, dtype=object), dtype=object)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    project = load_project([ROOT / "data"], ROOT / "schemas")
    plan = load_rulebooks(list(project.rule_files), project.dictionary)
    return NumpyBackend().run(plan, project.facts, project.dictionary).table


def test_the_check_table_comes_back_as_it_was_sent(table):
    packed = pickle.loads(pickle.dumps(pack(table), protocol=5))
    pd.testing.assert_frame_equal(unpack(packed), table)
    # Every text column travels compact: categorical or Arrow strings as built, or coded.
    for name, column in packed.data.items():
        assert isinstance(column, Coded) or column.dtype != object, name


def test_a_decoded_column_holds_one_string_per_distinct_value(table):
    rules = pd.DataFrame({"rule": _objects([str(r) for r in table["rule"]])})
    half = len(rules) // 2
    parts = [pack(rules.iloc[:half]), pack(rules.iloc[half:].reset_index(drop=True))]
    assert isinstance(parts[0].data["rule"], Coded)
    rule = merged_column(parts, "rule")
    assert rule.tolist() == table["rule"].tolist() and rule.dtype == object
    assert len({id(v) for v in rule}) == rule.nunique()


def test_categorical_parts_merge_into_the_sorted_union_of_their_categories(table):
    half = len(table) // 2
    parts = [pack(table.iloc[:half]), pack(table.iloc[half:].reset_index(drop=True))]
    rule = merged_column(parts, "rule")
    pd.testing.assert_series_equal(rule, table["rule"].reset_index(drop=True), check_names=False)


def test_parts_with_different_strings_merge_in_the_order_given():
    a = pd.DataFrame({"s": _objects(["x", "y", "x"]), "n": [1, 2, 3]})
    b = pd.DataFrame({"s": _objects(["z", "x"]), "n": [4, 5]})
    order = np.array([4, 0, 3, 1, 2])
    got = pd.DataFrame({c: merged_column([pack(a), pack(b)], c, order) for c in ("s", "n")})
    want = pd.concat([a, b], ignore_index=True).take(order).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize(
    "values", [["x", None, "x"], ["x", float("nan"), "y"], ["x", ("a", "b"), "x"], []]
)
def test_a_column_that_is_not_all_strings_travels_whole(values):
    frame = pd.DataFrame({"s": _objects(values)})
    packed = pack(frame)
    assert not isinstance(packed.data["s"], Coded)
    back = unpack(packed)
    pd.testing.assert_frame_equal(back, frame)
    assert [type(v) for v in back["s"]] == [type(v) for v in values]


def test_a_coded_part_and_a_whole_part_merge_into_one_column():
    a, b = pd.DataFrame({"s": _objects(["x", "y"])}), pd.DataFrame({"s": _objects([None])})
    got = merged_column([pack(a), pack(b)], "s")
    assert got.tolist() == ["x", "y", None] and got.dtype == object


def test_partitions_merged_from_packed_tables_give_the_single_check_table():
    project = load_project([ROOT / "data"], ROOT / "schemas")
    plan = load_rulebooks(list(project.rule_files), project.dictionary)
    assert len(partition_rows(project.facts, 3)) == 3
    merged = PartitionedBackend(3).run(plan, project.facts, project.dictionary)
    single = NumpyBackend().run(plan, project.facts, project.dictionary)
    pd.testing.assert_frame_equal(merged.table, single.table)
    assert isinstance(merged.table["entity"].dtype, pd.CategoricalDtype)


def test_suspects_named_on_each_partition_merge_into_those_named_on_the_whole_run():
    project = load_project([ROOT / "data"], ROOT / "schemas")
    plan = load_rulebooks(list(project.rule_files), project.dictionary)
    facts, d = project.facts, project.dictionary
    rows = partition_rows(facts, 3)
    parts = [with_suspects(NumpyBackend().run(plan, facts.iloc[r], d)) for r in rows]
    merged = merge_findings(parts, rows)
    single = with_suspects(NumpyBackend().run(plan, facts, d))
    assert (single.table["suspect"] >= 0).sum() >= 5  # discrepancies with a suspect fact
    pd.testing.assert_frame_equal(merged.table, single.table)
    assert parts == []  # each part is dropped once merged
