"""The Arrow text primitives give what Python's own string operations give: JSON literals as
`json.dumps` writes them, templates as `str.format` fills them, groups as `str.join` joins them,
and the bytes of a column (a slice of one too) as its strings encoded one after another."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from validator.report.arrow_text import (
    choose,
    distinct_literals,
    fill,
    grouped,
    literals,
    text_array,
    utf8,
)

TEXTS = st.lists(st.text(), max_size=20)
HOSTILE = ["", '"', "\\", "表1\x1b[31m\u202e\u200b\x7f\x85\u2028", "\x00\n\r\t", "😀 <&>"]


@given(TEXTS)
def test_literals_are_json_dumps(values):
    expected = [json.dumps(v, ensure_ascii=False) for v in values]
    array = np.array(values, dtype=object)
    assert literals(array).to_pylist() == expected
    assert distinct_literals(array).to_pylist() == expected


def test_hostile_literals():
    expected = [json.dumps(v, ensure_ascii=False) for v in HOSTILE]
    assert literals(np.array(HOSTILE * 2, dtype=object)).to_pylist() == expected * 2


@given(st.lists(st.tuples(st.text(), st.text()), max_size=10), st.text())
def test_fill_is_format(rows, literal):
    template = "{{" + literal.replace("{", "{{").replace("}", "}}") + "{a}|{b}}}"
    a, b = (text_array([r[i] for r in rows]) for i in (0, 1))
    got = fill(template, {"a": a, "b": b}, len(rows)).to_pylist()
    assert got == [template.format(a=x, b=y) for x, y in rows]


def test_fill_with_one_text_for_every_row():
    assert fill("<{a}>", {"a": "x"}, 3).to_pylist() == ["<x>"] * 3


@given(st.lists(st.lists(st.text(), max_size=4), max_size=8), st.text(max_size=3))
def test_grouped_is_join(groups, sep):
    items = text_array([x for g in groups for x in g])
    counts = np.array([len(g) for g in groups], dtype=np.int64)
    assert grouped(items, counts, sep).to_pylist() == [sep.join(g) for g in groups]


def test_choose_takes_row_by_row():
    got = choose(np.array([True, False, True]), text_array(["a", "b", "c"]), "-")
    assert got.to_pylist() == ["a", "-", "c"]


@given(TEXTS, st.integers(0, 20), st.integers(0, 20))
def test_utf8_is_the_strings_encoded_in_order(values, start, length):
    column = text_array(values).slice(start, length)
    expected = "".join(values[start : start + length]).encode("utf-8")
    assert bytes(utf8(column)) == expected


def test_utf8_of_an_empty_column():
    assert bytes(utf8(pa.array([], pa.string()))) == b""


def test_the_json_writer_lays_out_its_chunks_in_a_pool_that_keeps_its_pages(monkeypatch):
    """Each chunk's buffers come from a retaining pool (else every chunk is faulted in afresh
    from the system), and the run's own pool is back once the report is written."""
    from tests.helpers import ROOT
    from validator.pipeline import check
    from validator.report import json_stream

    report = check([ROOT / "data"], None)
    seen: list[str] = []
    layout = json_stream._chunk

    def recording(*args):
        seen.append(pa.default_memory_pool().backend_name)
        return layout(*args)

    monkeypatch.setattr(json_stream, "_chunk", recording)
    before = pa.default_memory_pool().backend_name
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        for _ in json_stream.json_bytes(report, chunk=100):
            pass
        assert pa.default_memory_pool().backend_name == "system"
    finally:
        pa.set_memory_pool(getattr(pa, f"{before}_memory_pool")())
    assert len(seen) > 1 and set(seen) <= {"mimalloc", "jemalloc"}


@settings(deadline=None)
@given(TEXTS)
def test_quoted_arrow_strings_are_json_dumps(values):
    values = values + HOSTILE
    expected = [json.dumps(v, ensure_ascii=False) for v in values]
    assert distinct_literals(pa.array(values, pa.large_string())).to_pylist() == expected


@settings(deadline=None)
@given(TEXTS)
def test_quoted_arrow_strings_are_json_dumps_without_hostile_company(values):
    expected = [json.dumps(v, ensure_ascii=False) for v in values]
    assert distinct_literals(pa.array(values, pa.string())).to_pylist() == expected


def test_each_character_to_escape_is_found_alone_among_plain_strings():
    """The quick test for a chunk without anything to escape must see every such character
    by itself, between multi-byte ones."""
    for ch in [*map(chr, range(0x20)), '"', "\\"]:
        values = ["资产总额", f"负债{ch}合计", "plain"]
        expected = [json.dumps(v, ensure_ascii=False) for v in values]
        assert distinct_literals(pa.array(values, pa.string())).to_pylist() == expected, ch
