import hashlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What the tests must leave exactly as they found it in the working tree (site/ included: a test
# that builds a site writes it to a temporary folder, never over the developer's own).
GUARDED = ("site", "data", "schemas", "expectations")


def snapshot(root: Path = ROOT) -> dict[str, str]:
    """Every file below the guarded folders with its digest (Python's bytecode caches aside)."""
    found = {}
    for name in GUARDED:
        for path in sorted((root / name).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found[path.relative_to(root).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(
        [f"added {p}" for p in after.keys() - before.keys()]
        + [f"removed {p}" for p in before.keys() - after.keys()]
        + [f"changed {p}" for p in before.keys() & after.keys() if before[p] != after[p]]
    )


@pytest.fixture(scope="session", autouse=True)
def _working_tree_untouched():
    """Fail the run if any test wrote into the working tree's site/, data/, schemas/ or
    expectations/."""
    before = snapshot()
    yield
    if changed := changes(before, snapshot()):
        pytest.fail("the tests changed the working tree: " + ", ".join(changed[:20]))


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    monkeypatch.setenv("CI", os.environ.get("CI", "true"))
