"""Documents without findings: beyond a few, they are published together, so that the site
grows with its findings, not with its documents; their history is kept all the same."""

from __future__ import annotations

import re
from pathlib import Path

from tests.publish.helpers import document, growth_check, report_of
from validator.publish import PublishError, build_site
from validator.publish.quiet import PAGED_QUIET, QUIET_RUN

BUSY = "jia-2024-annual"


def quiet_ids(n: int) -> list[str]:
    return [f"clean-{i:02d}" for i in range(n)]


def corpus(quiet: int, found_in: tuple[str, ...] = ()):
    """One document with a finding, `quiet` documents without (unless named in `found_in`)."""
    docs = [(document(BUSY), [growth_check(1)])]
    for i, doc in enumerate(quiet_ids(quiet)):
        checks = [growth_check(50 + i, doc=doc)] if doc in found_in else []
        docs.append((document(doc, folder=f"data/60{i:04d}.SH/{doc}"), checks))
    return report_of(docs)


def validations(site: Path) -> list[str]:
    return sorted(p.parent.parent.name for p in (site / "validations").rglob("*.html"))


def test_a_few_clean_documents_are_published_one_by_one(context: Path, tmp_path: Path):
    build_site(corpus(PAGED_QUIET), tmp_path / "site", context)
    assert validations(tmp_path / "site") == sorted([BUSY, *quiet_ids(PAGED_QUIET)])
    assert (tmp_path / "site" / "documents" / "clean-00" / "source.html").is_file()


def test_many_clean_documents_share_one_validation_and_have_no_pages(
    context: Path, tmp_path: Path
):
    site = tmp_path / "site"
    build_site(corpus(PAGED_QUIET + 1), site, context)
    assert validations(site) == sorted([BUSY, QUIET_RUN])
    assert not (site / "documents" / "clean-00").exists()
    assert (site / "documents" / BUSY / "source.html").is_file()
    index = (site / "index.html").read_text("utf-8")
    assert f"{PAGED_QUIET + 1} documents · without findings" in index
    page = next((site / "validations").glob(f"*/{QUIET_RUN}/*/*.html")).read_text("utf-8")
    assert "clean-07 · 甲公司 · 甲公司2024年报摘要: 40 facts" in page
    assert "documents/clean-" not in page  # no link to a page that is not there


def test_a_clean_document_that_gains_a_finding_is_compared_with_its_quiet_run(
    context: Path, tmp_path: Path
):
    build_site(corpus(PAGED_QUIET + 1), tmp_path / "one", context)
    build_site(corpus(PAGED_QUIET + 1, found_in=("clean-03",)), tmp_path / "two", context)
    page = (tmp_path / "two" / "documents" / "clean-03" / "findings.html").read_text("utf-8")
    assert "Run 2, compared with run 1" in page
    assert re.search(r"data-status='new'", page)


def test_a_document_whose_findings_were_fixed_keeps_its_page(context: Path, tmp_path: Path):
    build_site(corpus(PAGED_QUIET + 2, found_in=("clean-03",)), tmp_path / "one", context)
    build_site(corpus(PAGED_QUIET + 2), tmp_path / "two", context)
    page = (tmp_path / "two" / "documents" / "clean-03" / "findings.html").read_text("utf-8")
    assert "fixed since run 1 · 1" in page  # not quiet: the previous run had a finding
    assert QUIET_RUN in validations(tmp_path / "two")


def test_the_quiet_run_name_is_not_a_document_id(context: Path, tmp_path: Path):
    report = report_of([(document(QUIET_RUN), [growth_check(1, doc=QUIET_RUN)])])
    try:
        build_site(report, tmp_path / "site", context)
    except PublishError as exc:
        assert "reserved" in str(exc)
    else:
        raise AssertionError("a document may not take the quiet documents' run name")
