"""The Python API: the doctested examples of validator/api.py, and bad input as exceptions."""

import doctest

import pandas as pd
import pytest

import validator.api
from tests.helpers import ROOT
from validator.api import InputError, validate_facts, validate_paths


def test_the_documented_examples_run():
    result = doctest.testmod(validator.api)
    assert result.attempted > 0 and result.failed == 0


def test_validate_paths_gives_the_findings_of_the_cli():
    findings = validate_paths([ROOT / "data"], ROOT / "schemas")
    assert findings.totals["checks"] == 708 and int(findings.exit_code) == 0
    frame = findings.to_frame()
    assert set(frame["verdict"]) == {"consistent", "discrepant", "not_checkable"}


def test_bad_input_raises_the_located_error_of_the_cli():
    facts = pd.DataFrame(
        [{"entity": "甲", "scope": "合并", "period": "2024-12-31", "concept": "total_assets",
          "value": "19,85", "unit": "亿元", "location": "表1"}]
    )  # fmt: skip
    with pytest.raises(InputError) as caught:
        validate_facts(facts)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (1, "value")
    assert "thousands separators" in problem.message


def test_a_frame_of_numbers_is_refused():
    facts = pd.DataFrame([{"entity": "甲", "scope": "合并", "period": "2024-12-31",
                           "concept": "total_assets", "value": 19.85, "unit": "亿元",
                           "location": "表1"}])  # fmt: skip
    with pytest.raises(InputError, match="strings"):
        validate_facts(facts)
