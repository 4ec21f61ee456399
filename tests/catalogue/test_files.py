"""The size limit holds for what is read, not for what a file claims its size is."""

from pathlib import Path

import pytest

import validator.io.text as text
from validator.errors import InputError


def test_the_limit_applies_to_the_bytes_read(monkeypatch):
    status = Path("/proc/self/status")  # a regular file that reports size 0
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    monkeypatch.setattr(text, "MAX_FILE_BYTES", 10)
    with pytest.raises(InputError, match="larger than 10 bytes"):
        text.read_bytes(status, "status")
