"""Rounding-aware Great Expectations expectations, for a user's own suite and checkpoint.

Over a wide table of printed literals (strings; one row per entity and period, one column per
line item). Importing this module registers them with GX:

    import validator.integrations.gx_expectations as vx
    suite.add_expectation(vx.ExpectMulticolumnSumWithinRounding(
        column_list=["current_assets", "noncurrent_assets", "total_assets"]))  # total last
    suite.add_expectation(vx.ExpectRatioWithinRounding(
        column_list=["debt_ratio", "liabilities", "total_assets"], scale="0.01"))
    suite.add_expectation(vx.ExpectGrowthWithinRounding(
        column_list=["growth", "y2024", "y2023"], scale="0.01"))

A row is expected when the stated literal's rounding interval overlaps the interval derived
from the others, decided exactly (validator/integrations/pandera_checks.py shares the maths).
"""

from __future__ import annotations

from typing import ClassVar

import pandas as pd
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
)
from great_expectations.expectations.metrics.map_metric_provider.multicolumn_condition_partial import (  # noqa: E501
    multicolumn_condition_partial,
)

from validator.integrations.pandera_checks import _growth_row, _judge, _ratio_row, _sum_row

_DOMAIN = ("batch_id", "table", "column_list", "row_condition", "condition_parser", "ignore_row_if")


class MulticolumnSumWithinRounding(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.sum_within_rounding"
    condition_domain_keys = _DOMAIN
    condition_value_keys = ()

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, **kwargs: object) -> pd.Series:
        *items, total = list(column_list.columns)
        return _judge(column_list.astype(str), lambda row: _sum_row(row, total, items))


class RatioWithinRounding(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.ratio_within_rounding"
    condition_domain_keys = _DOMAIN
    condition_value_keys = ("scale",)

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, scale: str = "1", **kwargs: object) -> pd.Series:
        ratio, numerator, denominator = list(column_list.columns)
        return _judge(
            column_list.astype(str),
            lambda row: _ratio_row(row, ratio, numerator, denominator, str(scale)),
        )


class GrowthWithinRounding(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.growth_within_rounding"
    condition_domain_keys = _DOMAIN
    condition_value_keys = ("scale",)

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(
        cls, column_list: pd.DataFrame, scale: str = "0.01", **kwargs: object
    ) -> pd.Series:
        growth, current, base = list(column_list.columns)
        return _judge(
            column_list.astype(str), lambda row: _growth_row(row, growth, current, base, str(scale))
        )


class ExpectMulticolumnSumWithinRounding(MulticolumnMapExpectation):
    """The last column is the total of the others, within the rounding of every literal."""

    map_metric: ClassVar[str] = "multicolumn_values.sum_within_rounding"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly",)
    args_keys: ClassVar[tuple[str, ...]] = ("column_list",)


class ExpectRatioWithinRounding(MulticolumnMapExpectation):
    """column_list = [ratio, numerator, denominator]: ratio × scale = numerator / denominator."""

    scale: str = "1"
    map_metric: ClassVar[str] = "multicolumn_values.ratio_within_rounding"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", "scale")
    args_keys: ClassVar[tuple[str, ...]] = ("column_list", "scale")


class ExpectGrowthWithinRounding(MulticolumnMapExpectation):
    """column_list = [growth, current, base]: growth × scale = (current − base) / |base|."""

    scale: str = "0.01"
    map_metric: ClassVar[str] = "multicolumn_values.growth_within_rounding"
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", "scale")
    args_keys: ClassVar[tuple[str, ...]] = ("column_list", "scale")
