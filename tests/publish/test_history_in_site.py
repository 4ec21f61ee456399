"""With the packaged GX context (a throwaway copy per run), the site itself keeps the earlier
runs, so the next build can say what is new, fixed or still open."""

import shutil

from click.testing import CliRunner

from tests.helpers import ROOT
from validator.cli.main import validate


def test_a_second_build_compares_with_the_first(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    site = tmp_path / "site"
    args = [str(tmp_path / "data"), "--schemas", str(ROOT / "schemas"), "--docs-dir", str(site)]
    assert CliRunner().invoke(validate, args).exit_code == 0
    assert (site / ".history").is_dir()
    facts = tmp_path / "data" / "688030.SH" / "lianhe-2025-tracking-rating" / "charts-01-19.csv"
    text = facts.read_text(encoding="utf-8")
    slip = "segment:云安全产品,level,,,,0.51,"
    assert slip in text
    facts.write_text(text.replace(slip, "segment:云安全产品,level,,,,0.61,", 1), encoding="utf-8")
    assert CliRunner().invoke(validate, args).exit_code == 1
    page = (site / "documents" / "lianhe-2025-tracking-rating" / "findings.html").read_text("utf-8")
    assert "run-0002" in (site / "index.html").read_text("utf-8") or "new" in page
