"""A report given in pieces is written as they come, and stays atomic: a report that fails
half-way leaves the old file as it was and no temporary file behind."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator

import pytest

from validator.cli.outputs import write_stdout
from validator.errors import InputError
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


def test_bytes_pieces_are_written_as_they_are(tmp_path):
    target = tmp_path / "report.json"
    prepare_output(target, iter(["{", memoryview('"表": 1'.encode()), b"}\n"])).commit()
    assert target.read_bytes() == '{"表": 1}\n'.encode()


def test_a_large_report_is_dropped_from_the_page_cache_as_it_is_written(tmp_path, monkeypatch):
    import os

    from validator.report import output

    dropped: list[tuple[int, int]] = []
    real = os.posix_fadvise

    def advise(fd: int, start: int, length: int, advice: int) -> None:
        assert advice == os.POSIX_FADV_DONTNEED
        dropped.append((start, length))
        real(fd, start, length, advice)

    monkeypatch.setattr(output, "CACHE_WINDOW", 10)
    monkeypatch.setattr(os, "posix_fadvise", advise)
    pieces = ["0123456", memoryview(b"789abc"), b"def", "表" * 9, "end"]
    target = tmp_path / "report.json"
    prepare_output(target, iter(pieces)).commit()
    assert target.read_text(encoding="utf-8") == "0123456789abcdef" + "表" * 9 + "end"
    assert dropped == [(0, 13), (13, 30)]  # from the start, each range at least the window


def test_without_page_cache_advice_a_large_report_is_written_all_the_same(tmp_path, monkeypatch):
    import os

    from validator.report import output

    monkeypatch.setattr(output, "CACHE_WINDOW", 4)
    monkeypatch.delattr(os, "posix_fadvise")
    target = tmp_path / "report.json"
    prepare_output(target, iter(["abcdef", b"ghijkl"])).commit()
    assert target.read_text(encoding="utf-8") == "abcdefghijkl"


def _stdout(monkeypatch, encoding: str) -> io.BytesIO:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, newline="\n")
    monkeypatch.setattr(sys, "stdout", stream)
    return raw


def test_standard_output_takes_bytes_and_text_in_order(monkeypatch):
    raw = _stdout(monkeypatch, "utf-8")
    write_stdout(iter(["a", memoryview("表".encode()), "b", b"c"]))
    assert raw.getvalue() == "a表bc".encode()


def test_bytes_that_the_standard_output_encoding_cannot_hold_are_an_error(monkeypatch):
    raw = _stdout(monkeypatch, "latin-1")
    write_stdout(iter(["é".encode(), " ok"]))  # UTF-8 bytes written in the stream's encoding
    assert raw.getvalue() == "é ok".encode("latin-1")
    with pytest.raises(InputError, match="in its encoding"):
        write_stdout(iter(["表".encode()]))
