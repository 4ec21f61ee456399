import os

import pytest


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    monkeypatch.setenv("CI", os.environ.get("CI", "true"))
