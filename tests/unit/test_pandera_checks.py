"""Rounding-aware checks inside a user's own pandera schema."""

import pandas as pd
import pandera.pandas as pa
import pytest

from validator.integrations.pandera_checks import explain_rounding

WIDE = pd.DataFrame(
    {
        "entity": ["甲", "乙"],
        "current": ["14.78", "14.78"],
        "noncurrent": ["5.08", "5.08"],
        "total_assets": ["19.85", "19.90"],  # 乙: 19.90 misses 19.86 ± 0.01
        "liabilities": ["10.62", "10.62"],
        "debt_ratio": ["53.51", "53.51"],
    }
)


def schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        checks=[
            pa.Check.sums_within_rounding(total="total_assets", items=["current", "noncurrent"]),
        ]
    )


def test_a_sum_that_rounds_consistently_passes_and_a_slip_fails_with_its_row():
    schema().validate(WIDE.iloc[:1])
    with pytest.raises(pa.errors.SchemaError) as caught:
        schema().validate(WIDE)
    assert set(caught.value.failure_cases["index"]) == {1}
    (row,) = explain_rounding(WIDE, schema().checks[0]).to_dict("records")
    assert row["row"] == 1 and row["miss"] == pytest.approx(0.025)
    assert row["stated"] == "[19.895, 19.905]"


def test_ratio_and_growth_checks_are_exact():
    ratio = pa.Check.ratio_within_rounding(
        ratio="debt_ratio", numerator="liabilities", denominator="total_assets", scale="0.01"
    )
    assert ratio(WIDE.iloc[:1]).check_passed  # 10.62 / 19.85 = 53.50% within [53.505, 53.515]
    growth = pa.Check.growth_within_rounding(growth="g", current="y1", base="y0")
    frame = pd.DataFrame({"y0": ["9.01"], "y1": ["9.97"], "g": ["10.65"]})
    assert growth(frame).check_passed
    assert not growth(frame.assign(g=["12.00"])).check_passed


def test_the_checks_survive_yaml():
    text = schema().to_yaml()
    assert "sums_within_rounding" in text
    again = pa.DataFrameSchema.from_yaml(text)
    with pytest.raises(pa.errors.SchemaError):
        again.validate(WIDE)
