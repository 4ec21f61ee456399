"""History: earlier runs stay in the GX validation results store; the site says which findings
are new, fixed or still open since the previous run, and stays deterministic."""

from __future__ import annotations

import re
from pathlib import Path

from tests.publish.helpers import document, growth_check, report_of, tree
from validator.publish import build_site

DOC = "jia-2024-annual"


def report(*numbers: int):
    return report_of([(document(), [growth_check(n) for n in numbers])])


def statuses(site: Path) -> dict[str, str]:
    """check id -> status, from the document's findings list."""
    page = (site / "documents" / DOC / "findings.html").read_text("utf-8")
    rows = re.findall(
        r"<tr data-kind='[^']*' data-status='([^']*)'.*?<a href='[^']*'>([^<]+)</a>", page
    )
    return {check: status for status, check in rows}


def stored(context: Path) -> list[str]:
    return sorted(p.name for p in (context / "uncommitted" / "validations").rglob("*.json"))


def test_findings_are_new_open_or_fixed_since_the_previous_run(context: Path, tmp_path: Path):
    build_site(report(1, 2), tmp_path / "one", context)
    assert set(statuses(tmp_path / "one").values()) == {"—"}  # nothing to compare with
    build_site(report(2, 3), tmp_path / "two", context)
    assert stored(context) == ["600000.SH.run-0001.json", "600000.SH.run-0002.json"]
    two = statuses(tmp_path / "two")
    assert two == {
        "growth:甲公司/合并/2024/rd_expenses_0002 vs 2023": "open",
        "growth:甲公司/合并/2024/rd_expenses_0003 vs 2023": "new",
    }
    page = (tmp_path / "two" / "documents" / DOC / "findings.html").read_text("utf-8")
    assert "jia-2024-annual: fixed since run 1 · 1" in page and "rd_expenses_0001 vs 2023" in page
    assert "Run 2, compared with run 1" in page
    gx_page = next((tmp_path / "two" / "validations").rglob("*.html")).read_text("utf-8")
    assert "Run 2, since run 1: 1 new, 1 still open, 1 fixed." in gx_page
    assert len(list((tmp_path / "two" / "validations").rglob("*.html"))) == 1  # this run only


def test_the_same_input_and_history_build_the_same_site(context: Path, tmp_path: Path):
    build_site(report(1, 2), tmp_path / "one", context)
    build_site(report(2, 3), tmp_path / "two", context)
    build_site(report(2, 3), tmp_path / "again", context)  # the same run again, not a third
    assert stored(context) == ["600000.SH.run-0001.json", "600000.SH.run-0002.json"]
    first, second = tree(tmp_path / "two"), tree(tmp_path / "again")
    assert [k for k in first if first[k] != second.get(k)] == [] and first.keys() == second.keys()


def test_the_store_keeps_a_bounded_number_of_runs(context: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr("validator.publish.gx_history.HISTORY_RUNS", 2)
    for n in (1, 2, 3):
        build_site(report(n), tmp_path / "site", context)
    assert stored(context) == ["600000.SH.run-0002.json", "600000.SH.run-0003.json"]
    assert statuses(tmp_path / "site") == {
        "growth:甲公司/合并/2024/rd_expenses_0003 vs 2023": "new"
    }


def test_a_document_is_compared_with_the_latest_run_that_had_it(context: Path, tmp_path: Path):
    build_site(report(1, 2), tmp_path / "one", context)
    other = report_of([(document("yi-2024-annual"), [growth_check(7, doc="yi-2024-annual")])])
    build_site(other, tmp_path / "two", context)  # run 2: another document only
    build_site(report(2, 3), tmp_path / "three", context)
    page = (tmp_path / "three" / "documents" / DOC / "findings.html").read_text("utf-8")
    assert "Run 3, compared with run 1" in page
    assert sorted(statuses(tmp_path / "three").values()) == ["new", "open"]
