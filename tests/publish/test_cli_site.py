"""`validate` builds the review pages from the findings of the run, whatever the report format."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.publish.helpers import ROOT, copy_context
from validator.cli.main import validate


def test_the_text_report_builds_a_site_that_explains_every_check(tmp_path: Path):
    """The findings hold every check and every stated fact: the not-checkable page lists each
    check that could not be decided and the source view redraws every recorded figure."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    copy_context(tmp_path / "expectations")  # the run's history stays out of the repository
    site = tmp_path / "docs"
    args = [str(ROOT / "data"), "--schemas", str(tmp_path / "schemas"), "--docs-dir", str(site)]
    result = CliRunner().invoke(validate, args)
    assert result.exit_code == 0, result.stderr
    assert "Result: no unacknowledged discrepancies (14 acknowledged)" in result.stdout
    # the text report still lists what fails only: no consistent check as a block of its own
    assert not any(line.startswith("✓ ") for line in result.stdout.splitlines())
    not_checkable = (site / "not-checkable.html").read_text("utf-8")
    assert not_checkable.count("<tr data-document=") == 126
    source = (site / "documents" / "lianhe-2025-tracking-rating" / "source.html").read_text("utf-8")
    assert "All 955 recorded figures" in source and "source line 699" in source
    assert (tmp_path / "expectations" / "uncommitted" / "validations").is_dir()
