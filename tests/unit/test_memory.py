"""The memory safeguards a large run relies on: freed memory is returned (a fixed mmap
threshold, Arrow on malloc), and the findings table holds its per-check strings compactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from validator.cli import memory

ROOT = Path(__file__).resolve().parents[2]


class FakeLibc:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def mallopt(self, option: int, value: int) -> int:
        self.calls.append((option, value))
        return 1


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(memory, "_done", [])
    libc = FakeLibc()
    monkeypatch.setattr(memory, "_glibc", lambda: libc)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    yield libc
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


def test_the_mmap_threshold_is_fixed_once(fresh):
    assert memory.return_freed_memory() is True
    assert memory.return_freed_memory() is True
    assert fresh.calls == [(memory.M_MMAP_THRESHOLD, 32 * 1024 * 1024)]


def test_a_threshold_set_in_the_environment_is_left_alone(fresh, monkeypatch):
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    assert memory.return_freed_memory() is False
    assert fresh.calls == []


def test_without_glibc_nothing_is_set(monkeypatch):
    monkeypatch.setattr(memory, "_done", [])
    monkeypatch.setattr(memory, "_glibc", lambda: None)
    assert memory.return_freed_memory() is False


def test_the_command_returns_freed_memory_at_start_up():
    code = (
        "import sys, pyarrow as pa; from validator.cli import main as m; sys.argv = ['validate',"
        " '--version']\ntry:\n    m.main()\nexcept SystemExit:\n    pass\n"
        "from validator.cli import memory\n"
        "print(memory._done, pa.default_memory_pool().backend_name)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.splitlines()[-1]
    if memory._glibc() is None:
        pytest.skip("not glibc")
    assert out == "[True] system"


def test_check_ids_are_arrow_strings(data_findings=None):
    from validator.pipeline import check

    f = check([ROOT / "data"], None)
    assert isinstance(f.table["check_id"].dtype, pd.StringDtype)
    assert f.table["check_id"].dtype.storage == "pyarrow"
