"""Rounding-aware expectations in a user's own Great Expectations suite."""

import pandas as pd
import pytest

gx = pytest.importorskip("great_expectations")
vx = pytest.importorskip("validator.integrations.gx_expectations")

WIDE = pd.DataFrame(
    {
        "current": ["14.78", "14.78"],
        "noncurrent": ["5.08", "5.08"],
        "total": ["19.85", "19.90"],  # the second row's total misses 19.86 ± 0.01
        "liabilities": ["10.62", "10.62"],
        "ratio": ["53.51", "53.51"],
        "y2023": ["9.01", "9.01"],
        "y2024": ["9.97", "9.97"],
        "growth": ["10.65", "12.00"],
    }
)


def _validate(expectation):
    ctx = gx.get_context(mode="ephemeral")
    source = ctx.data_sources.add_pandas("figures")
    asset = source.add_dataframe_asset("wide")
    batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
        batch_parameters={"dataframe": WIDE}
    )
    return batch.validate(expectation, result_format="COMPLETE")


def test_a_sum_within_rounding_flags_only_the_row_that_misses():
    result = _validate(
        vx.ExpectMulticolumnSumWithinRounding(column_list=["current", "noncurrent", "total"])
    )
    assert not result.success
    assert result.result["unexpected_count"] == 1
    assert result.result["unexpected_index_list"] == [1]


def test_ratio_and_growth_within_rounding():
    ratio = vx.ExpectRatioWithinRounding(
        column_list=["ratio", "liabilities", "total"], scale="0.01"
    )
    assert _validate(ratio).result["unexpected_count"] == 1  # 10.62/19.90 = 53.37% ≠ 53.51%
    growth = vx.ExpectGrowthWithinRounding(column_list=["growth", "y2024", "y2023"])
    assert _validate(growth).result["unexpected_index_list"] == [1]
