"""The package built and installed once per run, for the tests that use it as a user would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

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
