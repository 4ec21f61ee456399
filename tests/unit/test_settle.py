"""A large batch hands its freed heap pages back before each step that allocates the size of
the corpus again (the joins, the chains, assembling's ids and links, the review's
localisation and ranges); a small batch, such as each of the review's re-evaluations, does
not pay for the trims."""

from __future__ import annotations

import sys
from pathlib import Path

from validator import heap
from validator.pipeline import check

ROOT = Path(__file__).resolve().parents[2]


class FakeLibc:
    def __init__(self) -> None:
        self.trims = 0

    def malloc_trim(self, pad: int) -> int:
        self.trims += 1
        return 1


def test_only_a_large_batch_is_settled(monkeypatch):
    libc = FakeLibc()
    monkeypatch.setattr(heap, "_libc", [libc])
    assert not heap.settle(heap.LARGE - 1)
    assert libc.trims == 0
    assert heap.settle(heap.LARGE)
    assert libc.trims == 1


def test_settling_is_skipped_where_malloc_trim_is_not_glibcs(monkeypatch):
    monkeypatch.setattr(heap, "_libc", [None])
    assert not heap.settle(heap.LARGE)


def _callers(monkeypatch) -> list[str]:
    callers: list[str] = []

    def trim() -> bool:
        callers.append(sys._getframe(2).f_code.co_name)  # the caller of settle
        return True

    monkeypatch.setattr(heap, "trim", trim)
    return callers


def test_a_large_run_settles_before_each_step_that_allocates_its_size(monkeypatch):
    callers = _callers(monkeypatch)
    monkeypatch.setattr(heap, "LARGE", 0)  # data/ as if it were large
    check([ROOT / "data"])
    # The whole corpus's backend run: before joining the parts, before the chains; in
    # assembling, before the ids and before sorting the links.
    assert callers[:4] == ["run", "run", "assemble", "assemble"]
    # The review: before the localisation and before the printed ranges.
    assert callers.count("review") == 2


def test_the_small_batches_of_the_committed_data_are_not_settled(monkeypatch):
    callers = _callers(monkeypatch)
    check([ROOT / "data"])
    assert callers == []
