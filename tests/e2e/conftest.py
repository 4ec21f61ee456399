"""The package built and installed once per run, for the tests that use it as a user would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.try_repo import TryRepo, start
from tests.install import build_wheel, fresh_venv


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path

    @property
    def validate(self) -> Path:
        return self.venv / "bin" / "validate"


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("installed")
    wheel = build_wheel(tmp)
    return Installed(wheel, fresh_venv(tmp / "venv", wheel))


PRE_COMMIT_TEST = "test_pre_commit_try_repo_runs_the_hook_with_the_packaged_schemas"
_try_repo: list[TryRepo] = []


def pytest_collection_modifyitems(session, config, items) -> None:
    """Start `pre-commit try-repo` at once when its test is selected, and run that test last,
    so that the rest of the suite runs while the hook's environment installs (try_repo.py)."""
    waiting = [item for item in items if item.name == PRE_COMMIT_TEST]
    if waiting and not _try_repo:
        _try_repo.append(start())
    items[:] = [item for item in items if item.name != PRE_COMMIT_TEST] + waiting


def pytest_sessionfinish(session, exitstatus) -> None:
    for run in _try_repo:
        run.close()


@pytest.fixture
def try_repo() -> TryRepo:
    if not _try_repo:
        _try_repo.append(start())
    return _try_repo[0]
