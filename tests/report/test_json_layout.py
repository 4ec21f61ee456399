"""The JSON report's layout: indented, each check record compact on a line of its own, and
read back as the records `report_dict` holds."""

from __future__ import annotations

import json

from tests.report.test_column_writers import CONTROLS, _with_strings, corpus, project_data
from validator.report.json_report import report_dict
from validator.report.json_stream import render_json


def _check_lines(text: str) -> list[str]:
    lines = text.split("\n")  # the lines of grep and diff: U+2028 or NEL end none
    start = lines.index('  "checks": [')
    end = lines.index("  ],", start)
    return lines[start + 1 : end]


def test_each_check_is_one_line_of_compact_json():
    f = project_data()
    text = render_json(f)
    records = _check_lines(text)
    assert len(records) == len(f.table) > 0
    whole = report_dict(f)
    for line, expected in zip(records, whole["checks"], strict=True):
        assert line.startswith('    {"id":"')
        assert json.loads(line.removeprefix("    ").removesuffix(",")) == expected
    assert json.loads(text) == whole


def test_the_rest_of_the_report_is_indented():
    text = render_json(corpus())
    assert text.startswith('{\n  "validator": {\n    "version": ')
    assert '\n  "summary": {\n    "facts": ' in text
    assert text.endswith("\n}\n")


def test_a_report_without_checks_lists_none():
    from validator.pipeline import empty_findings

    text = render_json(empty_findings())
    assert '\n  "checks": [],\n' in text
    assert json.loads(text)["checks"] == []


def test_no_string_in_the_data_starts_a_line_of_its_own():
    """Control characters, line and paragraph separators and NEL in every text column: still
    one line per check, each the record of its check."""
    f = _with_strings(project_data(), [CONTROLS + "\u2028\u2029", "\n    {", "a"])
    text = render_json(f)
    records = _check_lines(text)
    assert len(records) == len(f.table)
    checks = report_dict(f)["checks"]
    for line, expected in zip(records, checks, strict=True):
        assert json.loads(line.removeprefix("    ").removesuffix(",")) == expected
