"""The data docs in a real browser with the network blocked: open the index, click through to a
document, find a known discrepancy, and keep screenshots as test artefacts.

Needs Chromium (Debian package `chromium`). Without it the test is skipped, unless
REQUIRE_BROWSER=1 (as in CI), when it fails. Screenshots go to $ARTIFACTS_DIR/browser, by
default artifacts/browser/ in the repository (not committed).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.cdp import Browser, find_chromium
from tests.publish.helpers import ROOT, copy_context

CHECK_ID = "growth:山石网科/合并/2024/rd_expenses vs 2023"
DOCUMENT = "lianhe-2025-tracking-rating"
DOCUMENTS = [DOCUMENT, "freebuf-2024h1-results", "kanjian-2024h1-results"]


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path:
        return path
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install -y chromium)")
    pytest.skip(
        "chromium is not installed (apt-get install -y chromium); set REQUIRE_BROWSER=1 to fail"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from validator.pipeline import check
    from validator.publish import build_site

    root = tmp_path_factory.mktemp("browser")
    report = check([ROOT / "data"], ROOT / "schemas")
    return build_site(report, root / "site", copy_context(root / "expectations")).index


@pytest.fixture
def artifacts() -> Path:
    folder = Path(os.environ.get("ARTIFACTS_DIR", ROOT / "artifacts")) / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def rect_of(browser: Browser, selector_js: str) -> dict[str, float]:
    """Scroll an element into view: its box in page coordinates, and in the viewport the centre
    of its first line box (a wrapped link's box has gaps between its lines)."""
    return browser.evaluate(
        f"(() => {{ const e = {selector_js}; e.scrollIntoView({{block: 'center'}});"
        " const r = e.getBoundingClientRect(), f = e.getClientRects()[0];"
        " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height,"
        " vx: f.x + f.width / 2, vy: f.y + f.height / 2}; })()"
    )


def test_click_through_to_a_known_discrepancy(chromium: str, site: Path, tmp_path, artifacts):
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.navigate(site.as_uri())
        runs = browser.evaluate(
            "[...document.querySelectorAll('.vf-index-table a[href^=\"validations/\"]')]"
            ".map(a => a.textContent)"
        )
        assert sorted(runs) == sorted(DOCUMENTS)  # listed without any script or network
        browser.screenshot(artifacts / "index.png")

        link = rect_of(browser, f"document.querySelector('a[href*=\"/{DOCUMENT}/\"]')")
        browser.events.clear()
        browser.click(link["vx"], link["vy"])
        browser.wait_for("Page.loadEventFired")
        assert f"/validations/audit_programme/{DOCUMENT}/" in browser.evaluate("location.href")
        browser.screenshot(artifacts / "document.png")

        finding = (
            "[...document.querySelectorAll('.vf-id')]"
            f".find(e => e.textContent === {CHECK_ID!r}).closest('.vf-finding')"
        )
        text = browser.evaluate(f"{finding}.innerText")
        for part in ("25.84%", "[4.6579, 5.2555] %", "20.5795 %", "prose.csv:213"):
            assert part in text, part
        visible = browser.evaluate(f"getComputedStyle({finding}).borderLeftStyle")
        assert visible == "solid"  # the project's stylesheet applies
        box = rect_of(browser, finding)
        clip = {k: box[k] for k in ("x", "y", "width", "height")}
        browser.screenshot(artifacts / "finding.png", clip)

        remote = [u for u in browser.requested_urls() if not u.startswith(("file:", "data:"))]
        assert remote == []
    finally:
        browser.close()
