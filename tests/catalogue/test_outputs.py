"""Outputs beyond the catalogue rows: file modes, a failed publication replaces nothing, a
built site carries the marker that lets the next run replace it."""

import os

from tests.catalogue.test_bad_inputs import leftovers, run, scratch
from validator.publish.errors import PublishError
from validator.publish.site import MARKER_FILE


def test_a_new_report_gets_the_mode_of_a_plain_write(tmp_path):
    p = scratch(tmp_path / "project")
    old = os.umask(0o022)
    try:
        result = run(p, "--output", str(tmp_path / "report.txt"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.txt").stat().st_mode & 0o777 == 0o644


def test_a_replaced_report_keeps_its_mode(tmp_path):
    p = scratch(tmp_path / "project")
    report = tmp_path / "report.txt"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o664)
    assert run(p, "--output", str(report)).exit_code == 0
    assert report.stat().st_mode & 0o777 == 0o664 and report.read_text("utf-8") != "old"


def test_a_failed_publication_replaces_no_report(tmp_path, monkeypatch):
    p = scratch(tmp_path / "project")
    report = tmp_path / "report.json"
    report.write_text("the earlier report", encoding="utf-8")

    def broken(*args, **kwargs):
        raise PublishError("disk full")

    monkeypatch.setattr("validator.publish.site._build", broken)
    result = run(p, "--output", str(report), "--docs-dir", str(tmp_path / "site"), docs=True)
    assert result.exit_code == 2 and "disk full" in result.output
    assert report.read_text("utf-8") == "the earlier report"
    assert not (tmp_path / "site").exists() and not leftovers(tmp_path)


def test_a_built_site_carries_its_marker_and_is_replaced_by_the_next_run(tmp_path):
    p = scratch(tmp_path / "project")
    site = tmp_path / "site"
    old = os.umask(0o022)
    try:
        assert run(p, "--docs-dir", str(site), docs=True).exit_code == 0
    finally:
        os.umask(old)
    assert (site / MARKER_FILE).is_file() and site.stat().st_mode & 0o777 == 0o755
    (site / "stale.html").write_text("from the earlier build", encoding="utf-8")
    assert run(p, "--docs-dir", str(site), docs=True).exit_code == 0
    assert not (site / "stale.html").exists() and (site / MARKER_FILE).is_file()
    assert not leftovers(tmp_path)
