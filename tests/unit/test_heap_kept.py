"""While a writer runs, the C heap keeps its freed pages; afterwards glibc's trim threshold is
what it was and the pages are handed back, even when the writer fails."""

from __future__ import annotations

import pytest

from validator import heap


class FakeLibc:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def mallopt(self, option: int, value: int) -> int:
        self.calls.append(("mallopt", option, value))
        return 1

    def malloc_trim(self, pad: int) -> int:
        self.calls.append(("trim", pad))
        return 1


def test_the_pages_are_kept_inside_and_handed_back_after(monkeypatch):
    libc = FakeLibc()
    monkeypatch.setattr(heap, "_libc", [libc])
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with heap.kept(1 << 20):
        assert libc.calls == [("mallopt", heap.M_TRIM_THRESHOLD, 1 << 20)]
    assert libc.calls[1:] == [
        ("mallopt", heap.M_TRIM_THRESHOLD, heap.DEFAULT_TRIM_THRESHOLD),
        ("trim", 0),
    ]


def test_the_threshold_the_run_was_given_is_restored_after_a_failure(monkeypatch):
    libc = FakeLibc()
    monkeypatch.setattr(heap, "_libc", [libc])
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    with pytest.raises(RuntimeError), heap.kept():
        raise RuntimeError("the writer failed")
    assert libc.calls[-2:] == [("mallopt", heap.M_TRIM_THRESHOLD, 65536), ("trim", 0)]


def test_nothing_is_asked_without_glibc(monkeypatch):
    monkeypatch.setattr(heap, "_libc", [None])
    with heap.kept():
        pass
