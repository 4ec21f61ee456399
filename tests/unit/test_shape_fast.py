"""The quick proof of a facts table's shape: it passes only tables pandera passes, and leaves
every doubtful one to pandera (whose located errors are then reported)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pandera.pandas as pa

from tests.helpers import ROOT, dictionary
from validator.io.facts_csv import read_facts_csv
from validator.io.facts_schema import STR, facts_schema
from validator.io.shape_fast import surely_valid


def _facts() -> tuple[pd.DataFrame, pa.DataFrameSchema]:
    """The facts of one committed document, as the loader hands them to the shape check."""
    path = sorted((ROOT / "data").rglob("*.csv"))[0]
    table = read_facts_csv(path, str(path)).drop(columns=["file", "line"])
    d = dictionary()
    entities = dict.fromkeys(table["entity"].unique(), None)
    return table, facts_schema(replace(d, entities=entities))


def test_a_valid_table_is_proved_and_pandera_agrees():
    table, schema = _facts()
    schema.validate(table, lazy=True)
    assert surely_valid(table, schema)


def test_one_bad_value_is_left_to_pandera():
    table, schema = _facts()
    table.loc[3, "value"] = "1,234.5"
    assert not surely_valid(table, schema)


def test_a_row_rule_is_checked_over_whole_rows():
    table, schema = _facts()
    level = (table["measure"] == "level").to_numpy().argmax()
    table.loc[level, "base"] = "2023"  # only a change has a base
    assert not surely_valid(table, schema)


def test_a_null_another_dtype_or_order_is_left_to_pandera():
    table, schema = _facts()
    nulled = table.copy()
    nulled.loc[0, "note"] = None
    assert not surely_valid(nulled, schema)
    assert not surely_valid(table.astype({"note": object}), schema)
    assert not surely_valid(table[list(reversed(table.columns))], schema)


def test_a_uniqueness_rule_is_never_proved_by_distinct_values():
    frame = pd.DataFrame({"a": pd.array(["x", "x"], dtype=STR)})
    schema = pa.DataFrameSchema({"a": pa.Column(STR, unique=True)}, strict=True, ordered=True)
    assert not surely_valid(frame, schema)
