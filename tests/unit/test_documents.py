"""document.yaml: the quick proof of a valid document never stands in for pandera's verdict."""

import pandas as pd
import pandera.pandas as pa
import pytest

from validator.io.documents import _DOCUMENT_SCHEMA, surely_valid

GOOD = {
    "id": "annual-2024",
    "entity": "甲公司",
    "title": "2024 年年度报告",
    "publisher": "甲公司",
    "date": "2025-04-30",
}


def _pandera_passes(data: dict) -> bool:
    try:
        _DOCUMENT_SCHEMA.validate(pd.DataFrame([data]), lazy=True)
    except pa.errors.SchemaErrors:
        return False
    return True


@pytest.mark.parametrize(
    "data",
    [
        GOOD,
        {**GOOD, "notes": ["one", "two"], "source_file": "a.pdf", "published_at": "2025"},
        {**GOOD, "reference": "x", "entity": "e" * 60, "title": "t" * 300},
    ],
)
def test_a_document_proved_valid_passes_the_schema(data):
    assert surely_valid(data)
    assert _pandera_passes(data)


@pytest.mark.parametrize(
    "data",
    [
        {k: v for k, v in GOOD.items() if k != "title"},
        {**GOOD, "colour": "red"},
        {**GOOD, "id": "Annual"},
        {**GOOD, "id": "annual\n"},
        {**GOOD, "entity": ""},
        {**GOOD, "entity": "e" * 61},
        {**GOOD, "publisher": "p" * 201},
        {**GOOD, "title": "t" * 301},
        {**GOOD, "date": "2024-02-30"},
        {**GOOD, "date": "２０２４-01-01"},
        {**GOOD, "title": 2024},
        {**GOOD, "notes": None},
        {**GOOD, "source_file": None},
    ],
)
def test_a_document_the_schema_refuses_is_left_to_pandera(data):
    assert not surely_valid(data)
    assert not _pandera_passes(data)
