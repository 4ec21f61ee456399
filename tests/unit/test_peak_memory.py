"""What keeps the peak of a large run down: freed heap pages are returned between the phases,
the backend's loop state is gone before assembling, the lean checks are let go of as they are
read, and the large intermediate arrays are built compactly (bits, one packed sort key, codes
instead of strings) with the same results as the plain forms."""

from __future__ import annotations

import gc
import math
import weakref
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from validator import heap
from validator.engine import assemble as assemble_module
from validator.engine import links, run
from validator.engine.binder import Binder, Index
from validator.engine.chains import _links
from validator.engine.rows import Rows
from validator.engine.select import Bits, Masks, stated_mask
from validator.pipeline import check

ROOT = Path(__file__).resolve().parents[2]


class FakeLibc:
    def __init__(self) -> None:
        self.trims: list[int] = []

    def malloc_trim(self, pad: int) -> int:
        self.trims.append(pad)
        return 1


def test_trim_returns_every_free_page_on_glibc(monkeypatch):
    libc = FakeLibc()
    monkeypatch.setattr(heap, "_libc", [libc])
    assert heap.trim() is True
    assert libc.trims == [0]


def test_trim_does_nothing_without_glibc(monkeypatch):
    monkeypatch.setattr(heap, "_libc", [None])
    assert heap.trim() is False


def test_freed_heap_is_returned_after_loading_before_assembling_and_after_the_backend(
    monkeypatch,
):
    calls: list[str] = []
    monkeypatch.setattr("validator.pipeline.trim", lambda: calls.append("pipeline"))
    monkeypatch.setattr(run, "trim", lambda: calls.append("backend"))
    real = run.assemble

    def spy(*args, **kwargs):
        calls.append("assemble")
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "assemble", spy)
    check([ROOT / "data"])
    # loading; the first (whole) backend run: after its loop, before assembling; after it
    assert calls[:5] == ["pipeline", "backend", "backend", "assemble", "pipeline"]


def test_assembling_starts_without_the_loops_masks_rows_and_index(monkeypatch):
    alive: list[list[str]] = []
    seen_columns: list[list[str]] = []
    real = run.assemble

    def spy(plan, lean, values, *rest):
        gc.collect()
        kinds = (Masks, Rows, Binder, Index)
        alive.append([type(o).__name__ for o in gc.get_objects() if isinstance(o, kinds)])
        seen_columns.append(list(values.columns))
        held = [lean]
        del lean
        return real(plan, held.pop(), values, *rest)

    monkeypatch.setattr(run, "assemble", spy)
    check([ROOT / "data"])
    assert alive and all(a == [] for a in alive)
    assert seen_columns[0] == assemble_module.FIELD_COLUMNS


def test_the_lean_checks_are_let_go_of_once_read(monkeypatch):
    """The backend passes the only reference and assembling drops it: by the time the links
    are sorted, the lean Checks object is gone."""
    refs: list[weakref.ref] = []
    gone: list[bool] = []
    real_assemble, real_sorted = run.assemble, assemble_module.sorted_links

    def spy(plan, lean, values, facts, d, notes, figures):  # no tuple of the arguments
        refs.append(weakref.ref(lean))
        held = [lean]
        del lean
        return real_assemble(plan, held.pop(), values, facts, d, notes, figures)

    def sorted_spy(*args, **kwargs):
        gc.collect()
        gone.append(refs[-1]() is None)
        return real_sorted(*args, **kwargs)

    monkeypatch.setattr(run, "assemble", spy)
    monkeypatch.setattr(assemble_module, "sorted_links", sorted_spy)
    check([ROOT / "data"])
    assert gone and all(gone)


def test_bits_hold_a_mask_in_an_eighth_of_its_bytes():
    rng = np.random.default_rng(1)
    bits = Bits(1001)
    masks = {k: rng.random(1001) < 0.3 for k in range(5)}
    for k, m in masks.items():
        bits[k] = m
    for k, m in masks.items():
        assert k in bits
        assert bits[k].dtype == bool
        np.testing.assert_array_equal(bits[k], m)
    assert bits.nbytes == 5 * math.ceil(1001 / 8)


def test_the_stated_rows_from_bits_are_those_of_the_plain_masks(monkeypatch):
    made: list[Masks] = []

    class Recorded(Masks):
        def __init__(self, values, d):
            super().__init__(values, d)
            made.append(self)

    monkeypatch.setattr(run, "Masks", Recorded)
    check([ROOT / "data"])
    masks = made[0]
    n = len(masks.values)
    assert isinstance(masks._patterns, Bits) and isinstance(masks._memo, Bits)
    assert masks._patterns.nbytes <= len(masks._patterns._packed) * math.ceil(n / 8)
    for patterns, rows in masks._stated.items():
        if patterns:
            expected = np.flatnonzero(stated_mask(patterns, masks.values, masks.d))
            np.testing.assert_array_equal(rows, expected)


def _facts(rng, n: int, files: int, max_line: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "file": pd.Categorical(rng.choice([f"f{i}.csv" for i in range(files)], n)),
            "line": rng.integers(2, max_line, n),
        }
    )


def _lexsorted(check, fact, role, role_names, facts) -> np.ndarray:
    role_rank = np.argsort(np.argsort(role_names, kind="stable"), kind="stable")
    names = facts["file"].astype(object).to_numpy()
    file_rank = np.unique(names, return_inverse=True)[1].reshape(-1)
    line = facts["line"].to_numpy()
    return np.lexsort((np.arange(len(fact)), role_rank[role], line[fact], file_rank[fact], check))


@pytest.mark.parametrize("max_line", [50, 2**40])  # packed, and the lexsort beyond 63 bits
def test_the_packed_link_order_is_the_lexsort_of_its_keys(max_line):
    rng = np.random.default_rng(7)
    facts = _facts(rng, 300, 4, max_line)
    m = 5000
    check_ = rng.integers(0, 800, m)
    fact = rng.integers(0, 300, m)
    role_names = np.array(["stated", "part", "total", "member"], dtype=object)
    role = rng.integers(0, 4, m).astype(np.int8)
    got = links._link_order(check_, fact, role, role_names, facts)
    np.testing.assert_array_equal(got, _lexsorted(check_, fact, role, role_names, facts))


def test_the_documents_of_each_check_are_its_distinct_documents_sorted():
    rng = np.random.default_rng(3)
    document = pd.Series(pd.Categorical(rng.choice(["b", "a", "c"], 200)))
    check_ = np.sort(rng.integers(0, 60, 900))
    fact = rng.integers(0, 200, 900)
    got = links.check_documents(check_, fact, document)
    pairs = sorted({(int(c), document.iloc[f]) for c, f in zip(check_, fact, strict=True)})
    assert list(zip(got["check"].tolist(), got["document"].tolist(), strict=True)) == pairs


def test_chain_links_are_the_same_with_categorical_or_string_roles():
    rng = np.random.default_rng(5)
    k = 400
    names = np.array(["stated", "growth", "share", "whole"], dtype=object)
    role = names[rng.integers(0, 4, k)]
    plain = pd.DataFrame(
        {"element": rng.integers(0, 100, k), "key_id": rng.integers(0, 50, k), "role": role}
    )
    coded = plain.assign(
        role=pd.Categorical(role, categories=["share", "whole", "growth", "stated"])
    )
    rows = np.sort(rng.choice(100, 60, replace=False))
    check_ = rng.integers(0, 20, 60)
    stated_key = np.where(rng.random(20) < 0.5, rng.integers(0, 50, 20), -1)
    expected = _links(plain, rows, check_, stated_key)
    got = _links(coded, rows, check_, stated_key)
    pd.testing.assert_frame_equal(got, expected)


def _member_sums_of_the_whole_frame(values: pd.DataFrame, rows: np.ndarray):
    """The member sums as they were built from a frame of every taken row and column."""
    from validator.engine.keys import combine_codes
    from validator.engine.select import member_kind
    from validator.engine.sums import GROUP
    from validator.io.columns import by_value
    from validator.rules.plan import MemberRule

    v = values.iloc[rows][[*GROUP, "member", "member_axis", "key_id", "lo", "hi"]]
    kind = by_value(v["member"], lambda m: member_kind(m).value)
    axis = v["member_axis"].cat.codes.to_numpy().astype(np.int64)
    group = combine_codes([v[c].to_numpy() for c in GROUP])
    with_axis = combine_codes([group, axis])
    totals = pd.DataFrame(
        {
            "key_id": v["key_id"].to_numpy(),
            "lo_total": v["lo"].to_numpy(),
            "hi_total": v["hi"].to_numpy(),
            "with_axis": with_axis,
            "base_group": group,
            "kind": kind,
        }
    )
    return totals[kind != MemberRule.MEMBER.value]


def test_member_sums_read_at_their_rows_give_the_totals_of_the_whole_frame(monkeypatch):
    from validator.engine import sums

    seen: list[tuple] = []
    real = run.member_sums

    def spy(values, rows):
        found = real(values, rows)
        seen.append((found, _member_sums_of_the_whole_frame(values, rows)))
        return found

    monkeypatch.setattr(run, "member_sums", spy)
    check([ROOT / "data"])
    assert sums.member_sums is real
    assert any(found is not None for found, _ in seen)
    for found, expected in seen:
        if found is not None:
            pd.testing.assert_frame_equal(found.totals, expected)


def test_printed_and_value_are_one_array_where_nothing_was_normalised():
    from validator.io.normalise import stated_rows

    raw = pd.DataFrame({"value": pd.array(["9.97", "--", "1.5"], dtype="str")})
    kept, stated = stated_rows(raw)
    assert stated.tolist() == [True, False, True]
    assert kept["value"].tolist() == kept["printed"].tolist() == ["9.97", "1.5"]
    assert np.shares_memory(
        np.asarray(kept["value"].array._pa_array.chunks[0].buffers()[2]),
        np.asarray(kept["printed"].array._pa_array.chunks[0].buffers()[2]),
    )
    full_width = pd.DataFrame({"value": pd.array(["１.5", "+2"], dtype="str")})
    kept, _ = stated_rows(full_width)
    assert kept["printed"].tolist() == ["１.5", "+2"]
    assert kept["value"].tolist() == ["1.5", "2"]


def test_the_typed_facts_hold_their_provenance_texts_as_codes():
    from validator.io.facts_table import PROVENANCE_TEXTS

    found = check([ROOT / "data"])
    facts = found.fact_table
    for column in ("location", "src_line", "concept_zh"):
        assert isinstance(facts[column].dtype, pd.CategoricalDtype)
    assert isinstance(found.links["role"].dtype, pd.CategoricalDtype)
    assert {"location", "src_line", "note", "decimals", "composition"} == set(PROVENANCE_TEXTS)


def test_an_id_field_of_many_categories_reads_a_missing_value_as_empty():
    """Codes are widened before the missing code is replaced: int8 codes of a categorical with
    more than 127 categories would wrap into a negative, and so another, category."""
    from validator.engine.ids import Field

    names = [f"c{i:03d}" for i in range(200)]
    column = pd.Series(pd.Categorical([names[5], None, names[150]], categories=names))
    field = Field.of(column)
    assert field.codes.dtype == np.int32
    assert field.objects().tolist() == ["c005", "", "c150"]


def test_the_statements_bounds_are_gone_before_the_chains(monkeypatch):
    seen: list[list[str]] = []
    real = run.chain_checks

    def spy(plan, values, *rest):
        seen.append(list(values.columns))
        return real(plan, values, *rest)

    monkeypatch.setattr(run, "chain_checks", spy)
    check([ROOT / "data"])
    assert seen and not any(set(run.STATEMENT_BOUNDS) & set(s) for s in seen)


def test_joined_checks_keep_every_row_and_take_the_joined_arrays_as_they_are():
    from validator.engine.checks import Checks

    def part(rule: str, n: int) -> Checks:
        table = pd.DataFrame(
            {
                "rule": pd.Categorical([rule] * n),
                "anchor": np.arange(n, dtype=np.int64),
                "miss": np.zeros(n),
            }
        )
        links = pd.DataFrame(
            {
                "check": np.arange(n, dtype=np.int64),
                "key_id": np.arange(n, dtype=np.int64) + 10,
                "role": pd.Categorical(["stated"] * n),
            }
        )
        return Checks(table, links)

    parts = [part("a", 2), part("b", 3)]
    joined = Checks.concat(parts)
    assert joined.table["rule"].astype(str).tolist() == ["a", "a", "b", "b", "b"]
    assert joined.table["anchor"].tolist() == [0, 1, 0, 1, 2]
    assert joined.links["check"].tolist() == [0, 1, 2, 3, 4]
    assert joined.links["key_id"].tolist() == [10, 11, 10, 11, 12]
    # one block per column: the frame took the joined arrays, no block copy of the numbers
    assert joined.table._mgr.nblocks == len(joined.table.columns)


def test_rows_read_a_categorical_at_the_rows_taken():
    frame = pd.DataFrame(
        {
            "period_key": pd.Categorical(["2024", None, "2023", "2024"]),
            "lo": np.arange(4, dtype=float),
        }
    )
    rows = Rows.of(frame, ["period_key", "lo"])
    taken = rows.take(np.array([3, 1, 2]))
    assert taken["period_key"][[0, 2]].tolist() == ["2024", "2023"]
    assert pd.isna(taken["period_key"][1])
    assert rows["period_key"][[0, 2, 3]].tolist() == ["2024", "2023", "2024"]
    assert taken["lo"].tolist() == [3.0, 1.0, 2.0]

