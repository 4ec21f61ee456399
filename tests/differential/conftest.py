"""Shared cases and a summary of the differential figures at the end of the run."""

from __future__ import annotations

import pytest

from tests.differential.cases import Case, generate

FIGURES: dict[str, object] = {}


@pytest.fixture(scope="session")
def cases() -> list[Case]:
    return generate()


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        terminalreporter.section("Calculations 1.1 differential")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")
