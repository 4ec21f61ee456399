"""Fixtures: a scratch copy of the committed GX context, and the report of the project's data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.helpers import ROOT, copy_context
from validator.findings.model import Report


@pytest.fixture
def context(tmp_path: Path) -> Path:
    return copy_context(tmp_path / "expectations")


@pytest.fixture(scope="session")
def data_report() -> Report:
    from validator.pipeline import check

    return check([ROOT / "data"], ROOT / "schemas")
