"""build_site: one validation per document, offline, deterministic, escaped, atomic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from tests.publish.helpers import (
    CONTEXT,
    copy_context,
    document,
    fact,
    growth_check,
    page_of,
    report_of,
    tree,
)
from validator.findings.model import Report
from validator.publish import PublishError, build_site
from validator.publish.listing_script import SCRIPT

REMOTE = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""")
DATA_DOCS = ["lianhe-2025-tracking-rating", "freebuf-2024h1-results", "kanjian-2024h1-results"]


@pytest.fixture(scope="module")
def data_site(tmp_path_factory, data_report: Report) -> Path:
    root = tmp_path_factory.mktemp("data-site")
    result = build_site(data_report, root / "site", copy_context(root / "expectations"))
    assert result.index == root / "site" / "index.html" and result.documents == 3
    return root / "site"


def test_one_validation_result_per_document(data_site: Path, data_report: Report):
    pages = sorted(p.parent.parent.name for p in (data_site / "validations").rglob("*.html"))
    assert pages == sorted(DATA_DOCS)
    index = (data_site / "index.html").read_text("utf-8")
    for doc in DATA_DOCS:
        link = re.search(rf'<a href="(validations/audit_programme/{doc}/[^"]+\.html)">', index)
        assert link and (data_site / link.group(1)).is_file()
    assert "山石网科 · 山石网科通信技术股份有限公司" in index


def test_the_pages_read_like_an_audit_programme(data_site: Path):
    page = page_of(data_site, "lianhe-2025-tracking-rating")
    headings = re.findall(r"<h5 class=\"m-0\" >\s*(.*?)\s*</h5>", page)
    assert headings[-10:] == [
        "Table-Level Expectations",  # the document summary
        "1 · Sums · 合计与分项",
        "2 · Formulas and ratios · 公式与比率",
        "3 · Growth and changes · 增长与变动",
        "4 · Percentage-point changes · 百分点变动",
        "5 · Shares · 占比",
        "6 · Duplicates · 重复披露",
        "7 · Bounds · 界限",
        "8 · Acknowledged discrepancies · 已确认差异",
        "9 · Stale waivers · 过期豁免",
    ]
    assert re.search(r"\d+ consistent", page) and re.search(r"\d+ not checkable", page)
    # the twelve discrepancies of the rating report are acknowledged: listed with their reasons
    assert page.count("vf-finding vf-acknowledged") == 14
    assert "growth:山石网科/合并/2024/rd_expenses vs 2023" in page
    assert "Verified against the source" in page


def without_list_script(page: str) -> str:
    """A page less the findings lists' own inline script (it only sorts and filters)."""
    return page.replace(f"<script>{SCRIPT}</script>", "")


def test_no_file_loads_anything_remote(data_site: Path):
    for path in data_site.rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text("utf-8")
            assert not REMOTE.search(text), path
            assert "url(http" not in text.replace(" ", "") and "@import" not in text, path
            # no other script: everything is plain HTML, the lists are sorted without one too
            assert "<script" not in without_list_script(text), path


def test_the_same_data_rebuilds_the_same_files(
    data_site: Path, data_report: Report, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("TZ", "Asia/Shanghai")  # the machine's time zone must not matter
    again = tmp_path / "site"
    build_site(data_report, again, copy_context(tmp_path / "expectations"))
    first, second = tree(data_site), tree(again)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []


def test_the_committed_context_is_left_untouched(data_report: Report, tmp_path: Path):
    context = copy_context(tmp_path / "expectations")
    before = tree(context)
    build_site(data_report, tmp_path / "site", context)
    after = {k: v for k, v in tree(context).items() if not k.startswith("uncommitted/")}
    assert after == before
    results = list((context / "uncommitted" / "validations").rglob("*.json"))
    assert len(results) == 3


def unexpected_table(page: str) -> str:
    """The GX table of failing values (the findings' own tables are nested in its cells)."""
    start = page.index('class="table-bordered table-sm mt-3"')
    return page[start : page.index("</tbody>\n</table>", start)]


def test_unacknowledged_discrepancies_fail_and_show_every_part(context: Path, tmp_path: Path):
    suspect = fact("stated", "25.84", "%", measure="growth", base="2023", line=12)
    checks = [
        growth_check(1, suspect=suspect, suspect_reason="least corroborated"),
        growth_check(2, waived=True, waiver_reason="印刷错误，已核对", waiver_reviewer="张三"),
    ]
    report = report_of([(document(), checks), (document("yi-2024-annual"), [])])
    build_site(report, tmp_path / "site", context)
    page = page_of(tmp_path / "site", "jia-2024-annual")
    table = unexpected_table(page)
    assert "rd_expenses_0001" in table and "rd_expenses_0002" not in table
    for part in ("[25.835, 25.845] %", "20.5795 %", "facts.csv:12", "least corroborated"):
        assert part in table
    acknowledged = page.split("8 · Acknowledged discrepancies")[-1]
    assert "rd_expenses_0002" in acknowledged and "印刷错误，已核对" in acknowledged
    assert "1 unacknowledged discrepancies" in page and "1 acknowledged" in page
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert index.count("ge-failed-icon") == 1 and index.count("ge-success-icon") == 1


def test_data_strings_render_as_text(context: Path, tmp_path: Path):
    evil = "<script>alert('x')</script>"
    c = growth_check(1, facts=(fact("stated", "1", concept_zh=evil, location=evil),))
    doc = document(title=f"标题{evil}", entity=f"甲{evil}")
    build_site(report_of([(doc, [c])]), tmp_path / "site", context)
    for path in (tmp_path / "site").rglob("*.html"):
        text = without_list_script(path.read_text("utf-8"))
        assert "<script" not in text, path
    assert "&lt;script&gt;alert(" in page_of(tmp_path / "site", "jia-2024-annual")


def test_more_than_gx_shows_is_announced_and_kept_in_findings_json(context: Path, tmp_path: Path):
    checks = [growth_check(n) for n in range(205)]
    report = report_of([(document(), checks)], full=False)
    build_site(report, tmp_path / "site", context)
    page = page_of(tmp_path / "site", "jia-2024-annual")
    table = unexpected_table(page)
    assert len(re.findall(r"rd_expenses_\d{4}", table)) == 200
    assert "rd_expenses_0199" in table and "rd_expenses_0200" not in table
    assert "205 unacknowledged discrepancies: Great Expectations lists only the first 200" in page
    assert "the other 5 are not on this page" in page
    assert "../../../../findings.json" in page
    findings = json.loads((tmp_path / "site" / "findings.json").read_text("utf-8"))
    assert len(findings["checks"]) == 205


def test_a_failed_build_keeps_the_previous_site(context: Path, tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    report = report_of([(document(), [growth_check(1)])])
    build_site(report, site, context)
    before = tree(site)

    def broken(ctx, target: Path, keys: list) -> None:
        (target / "index.html").write_text("half a site", "utf-8")
        raise OSError("disk full")

    monkeypatch.setattr("validator.publish.gx_run.render_site", broken)
    with pytest.raises(PublishError, match=r"cannot build the data docs .*: OSError: disk full"):
        build_site(report.subset(np.array([], dtype=np.int64)), site, context)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["expectations", "site"]


def test_a_folder_that_is_not_a_site_is_never_replaced(context: Path, tmp_path: Path):
    precious = tmp_path / "data"
    precious.mkdir()
    (precious / "facts.csv").write_text("x", "utf-8")
    with pytest.raises(PublishError, match="refusing to replace"):
        build_site(report_of([(document(), [])]), precious, context)
    assert (precious / "facts.csv").read_text("utf-8") == "x"


def test_a_missing_context_is_a_clear_error(tmp_path: Path):
    with pytest.raises(PublishError, match="audit programme"):
        build_site(report_of([(document(), [])]), tmp_path / "site", tmp_path / "nowhere")
    assert not (tmp_path / "site").exists()


def test_the_committed_suite_is_what_gx_reads():
    suite = json.loads((CONTEXT / "expectations" / "audit_programme.json").read_text("utf-8"))
    assert suite["name"] == "audit_programme" and len(suite["expectations"]) == 10


def test_relative_folders_and_no_documents(tmp_path: Path, monkeypatch):
    copy_context(tmp_path / "expectations")
    monkeypatch.chdir(tmp_path)
    before = tree(tmp_path / "expectations")
    result = build_site(report_of([]), Path("site"), Path("expectations"))
    assert result.index == Path("site/index.html") and result.index.is_file()
    assert result.documents == 0
    after = {k: v for k, v in tree(tmp_path / "expectations").items() if "uncommitted/" not in k}
    assert after == before  # nothing was written into the context by mistake
    assert sorted(p.name for p in tmp_path.iterdir()) == ["expectations", "site"]


def test_a_remote_reference_anywhere_in_a_page_is_found(tmp_path: Path):
    from validator.publish.offline import check_offline

    filler = "<div class='vf-finding'>25.84% a//b</div>" * 20000
    (tmp_path / "page.html").write_text(f"{filler}<img src = 'https://cdn.example/x.png'>", "utf-8")
    with pytest.raises(PublishError, match=r"page.html: src = 'https://"):
        check_offline(tmp_path)


def test_document_ids_that_would_share_a_folder_are_a_clear_error(context: Path, tmp_path: Path):
    docs = [(document("jia 2024"), []), (document("jia_2024"), [])]
    with pytest.raises(PublishError, match=r"would share a folder"):
        build_site(report_of(docs), tmp_path / "site", context)
