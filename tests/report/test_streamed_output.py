"""A report given in pieces is written as they come, and stays atomic: a report that fails
half-way leaves the old file as it was and no temporary file behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from validator.report.output import prepare_output


def test_the_pieces_are_written_in_order(tmp_path):
    target = tmp_path / "report.json"
    prepare_output(target, iter(["{", '"a": 1', "}\n"])).commit()
    assert target.read_text(encoding="utf-8") == '{"a": 1}\n'


def test_a_report_that_fails_half_way_replaces_nothing(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")

    def pieces() -> Iterator[str]:
        yield "new, half"
        raise RuntimeError("rendering failed")

    with pytest.raises(RuntimeError):
        prepare_output(target, pieces())
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_nothing_is_in_place_before_commit(tmp_path):
    target = tmp_path / "report.json"
    pending = prepare_output(target, iter(["a", "b"]))
    assert not target.exists()
    pending.commit()
    assert target.read_text(encoding="utf-8") == "ab"
