"""The check id is what a waiver pins: its format and the ids of the committed data are a
contract (validator/model/check_id.py)."""

from pathlib import Path

import pytest

from validator.model.check_id import IdFormat, IdFormatError
from validator.pipeline import check

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
MEASURE = "{rule}:{entity}/{scope}/{period}/{concept}{/member}{ vs base}{ of whole}"


def test_a_field_prints_its_surrounding_text_only_when_it_is_not_empty():
    f = IdFormat.parse(MEASURE)
    assert (
        f.one(rule="growth", entity="山石网科", scope="合并", period="2024", concept="rd_expenses",
              base="2023")
        == "growth:山石网科/合并/2024/rd_expenses vs 2023"
    )  # fmt: skip
    assert (
        f.one(rule="share", entity="甲", scope="合并", period="2024", concept="x",
              member="segment:A", whole="y@合并")
        == "share:甲/合并/2024/x/segment:A of y@合并"
    )  # fmt: skip


@pytest.mark.parametrize("text", ["{nosuchfield}", "{rule", "rule}", "{rule}{}"])
def test_a_bad_format_is_refused(text):
    with pytest.raises(IdFormatError):
        IdFormat.parse(text)


def test_the_ids_of_the_committed_data_do_not_change():
    findings = check([ROOT / "data"], ROOT / "schemas")
    ids = findings.table["check_id"].tolist()
    expected = (HERE / "data-check-ids.txt").read_text(encoding="utf-8").splitlines()
    assert ids == expected
