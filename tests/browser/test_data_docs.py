"""The data docs in a real browser, offline: what a reviewer sees on each page.

Every test runs with every request routed (nothing but the site's own files may load) and keeps
screenshots as test artefacts.
"""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import WIDTH, Offline
from validator.publish.anchors import check_anchor, fact_anchor

CHECK_ID = "growth:山石网科/合并/2024/rd_expenses vs 2023"
DOCUMENT = "lianhe-2025-tracking-rating"
DOCUMENTS = [DOCUMENT, "freebuf-2024h1-results", "kanjian-2024h1-results"]
STATED = ("data/688030.SH/lianhe-2025-tracking-rating/prose.csv", 213)  # 25.84%, the suspect


def test_click_through_to_a_known_discrepancy(offline: Offline, site: Path, artifacts: Path):
    page = offline.open(site / "index.html")
    runs = page.locator(".vf-index-table a[href^='validations/']").all_inner_texts()
    assert sorted(runs) == sorted(DOCUMENTS)  # listed without any script or network
    page.screenshot(path=artifacts / "index.png", full_page=True)

    page.locator(f"a[href*='/{DOCUMENT}/']").first.click()
    assert f"/validations/audit_programme/{DOCUMENT}/" in page.url
    page.screenshot(path=artifacts / "document.png")
    finding = page.locator(".vf-finding", has=page.locator(".vf-id", has_text=CHECK_ID)).first
    text = finding.inner_text()
    for part in ("25.84%", "[4.6579, 5.2555] %", "20.5795 %", "prose.csv:213", "source line 699"):
        assert part in text, part
    assert "one of 3" in finding.locator("tr.vf-suspect").inner_text()
    assert finding.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
    finding.screenshot(path=artifacts / "finding.png")


def test_the_picture_of_a_miss_renders(offline: Offline, site: Path, artifacts: Path):
    page = offline.open(site / "documents" / DOCUMENT / "findings.html")
    card = page.locator(f"#{check_anchor(CHECK_ID)}")
    svg = card.locator("svg.vf-miss-svg")
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 40
    for bar in ("vf-bar-stated", "vf-bar-derived", "vf-gap"):
        bar_box = svg.locator(f".{bar}").first.bounding_box()
        assert bar_box and bar_box["width"] > 0 and bar_box["height"] > 0, bar
    stated, derived = (
        svg.locator(f".{b}").first.bounding_box() for b in ("vf-bar-stated", "vf-bar-derived")
    )
    assert derived["x"] + derived["width"] < stated["x"]  # derived 4.7–5.3 % left of 25.84 %
    svg.screenshot(path=artifacts / "miss.png")
    # a miss of 0.0001 % gets a zoomed inset, drawn too
    tiny = page.locator(".vf-finding", has=page.locator(".vf-inset")).first
    inset = tiny.locator(".vf-inset").bounding_box()
    assert inset and inset["width"] > 300
    tiny.locator("svg.vf-miss-svg").screenshot(path=artifacts / "miss-zoomed.png")


def test_the_source_table_marks_the_flagged_cell(offline: Offline, site: Path, artifacts: Path):
    page = offline.open(site / "documents" / DOCUMENT / "source.html")
    figure = page.locator(f"#{fact_anchor(*STATED)}")
    assert (
        "25.84%" in figure.inner_text() and "prose.csv:213 · source line 699" in figure.inner_text()
    )
    assert "one of 3 suspects · growth" in figure.inner_text()  # a tie shown as a tie
    cell = figure.locator("xpath=ancestor::td[1]")
    assert "vf-flagged-cell" in cell.get_attribute("class")
    assert cell.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.locator("td.vf-flagged-cell").count() >= 10  # every flagged figure is marked
    cell.locator("xpath=ancestor::section[1]").screenshot(path=artifacts / "source-table.png")
    figure.locator("a.vf-flag", has_text="growth").first.click()  # to the finding explained
    assert page.url.endswith(f"findings.html#{check_anchor(CHECK_ID)}")
    assert page.locator(f"#{check_anchor(CHECK_ID)}").is_visible()


def test_the_findings_list_sorts_and_filters(offline: Offline, site: Path, artifacts: Path):
    page = offline.open(site / "findings.html")
    rows = page.locator(".vf-list-table tbody tr")
    assert rows.count() == 14
    page.locator("th button", has_text="misses by").click()
    misses = [float(v) for v in rows.evaluate_all("rs => rs.map(r => r.cells[5].dataset.v)")]
    assert misses == sorted(misses)
    page.locator("select[name=kind]").select_option("growth")
    assert page.locator(".vf-list-table tbody tr:not([hidden])").count() == 2
    page.locator("input[name=q]").fill("rd_expenses")
    assert page.locator(".vf-list-table tbody tr:not([hidden])").count() == 1
    assert "1 of 14 shown" in page.locator(".vf-count").inner_text()
    page.screenshot(path=artifacts / "findings-list.png", full_page=True)


def test_without_javascript_every_finding_is_listed(no_script: Offline, site: Path):
    page = no_script.open(site / "findings.html")
    assert page.locator(".vf-list-table tbody tr:visible").count() == 14
    assert not page.locator(".vf-controls").is_visible()


def test_not_checkable_checks_are_grouped_by_what_is_missing(
    offline: Offline, site: Path, artifacts: Path
):
    page = offline.open(site / "not-checkable.html")
    groups = page.locator(".vf-nc-group h5").all_inner_texts()
    assert groups[0].startswith("An operand of the formula is not stated")
    assert sum(int(g.rsplit("· ", 1)[1]) for g in groups) == 126
    assert page.locator(".vf-nc code", has_text="equity_attributable_to_parent").count() >= 1
    page.screenshot(path=artifacts / "not-checkable.png")


def test_nothing_overflows_at_1280_px(offline: Offline, site: Path):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    wide = {}
    for path in pages:
        page = offline.open(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide[path.relative_to(site).as_posix()] = width
    assert wide == {}
