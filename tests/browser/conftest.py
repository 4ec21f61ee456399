"""A headless Chromium (the system's, driven by Playwright) on a site built from the project's data.

Playwright never downloads a browser here: it drives /usr/bin/chromium (Debian package
`chromium`). Without it the browser tests are skipped, unless REQUIRE_BROWSER=1 (as in CI), when
they fail. Every request is routed: a URL that is not a file of the site is recorded and
aborted, and the tests assert there is none. Screenshots go to $ARTIFACTS_DIR/browser, by
default artifacts/browser/ in the repository (not committed).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.publish.helpers import ROOT, copy_context

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTH = 1280


def find_chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _unavailable(why: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {why}")
    pytest.skip(f"{why}; set REQUIRE_BROWSER=1 to fail instead")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if not executable:
        _unavailable("chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Offline:
    """A page whose every request is checked: files load, anything else is aborted and kept."""

    def __init__(self, browser: Any, javascript: bool = True) -> None:
        self.remote: list[str] = []
        self.context = browser.new_context(
            viewport={"width": WIDTH, "height": 900}, java_script_enabled=javascript
        )
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri())
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline(browser: Any) -> Iterator[Offline]:
    session = Offline(browser)
    yield session
    assert session.remote == []  # no page asked for anything but its own files
    session.close()


@pytest.fixture
def no_script(browser: Any) -> Iterator[Offline]:
    session = Offline(browser, javascript=False)
    yield session
    assert session.remote == []
    session.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site `validate data/` builds (the findings hold every check and every stated fact)."""
    from validator.pipeline import check
    from validator.publish import build_site

    root = tmp_path_factory.mktemp("browser")
    report = check([ROOT / "data"], ROOT / "schemas")
    context = copy_context(root / "expectations")
    return build_site(report, root / "site", context).index.parent


@pytest.fixture
def artifacts() -> Path:
    folder = Path(os.environ.get("ARTIFACTS_DIR", ROOT / "artifacts")) / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
