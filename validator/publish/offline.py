"""Checks and fixes that make a built site self-contained: nothing remote, every run listed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from validator.publish.errors import PublishError

TEXT_SUFFIXES = {".html", ".css", ".js", ".svg", ".json"}
# a reference a browser would fetch: src=/href=/url(/@import with a scheme or a protocol-relative //
REMOTE = re.compile(
    r"""(?:\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//)|(?:@import)""",
    re.IGNORECASE,
)
CSS_REMOTE_URL = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//[^)]*\)""", re.IGNORECASE)
LINK = re.compile(r"""<a\s+href="([^"]+)\"""")


def text_files(root: Path) -> Iterable[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


def strip_remote_css(root: Path) -> None:
    """GX copies its stylesheet, which draws a logo from S3 in dark mode: draw nothing instead."""
    for path in sorted(root.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        fixed = CSS_REMOTE_URL.sub("none", text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8", newline="\n")


def remote_references(root: Path) -> list[str]:
    """`file: reference` for every remote reference left in the site (none is expected)."""
    found = []
    for path in text_files(root):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in _remote_in(text):
            found.append(f"{path.relative_to(root).as_posix()}: {m}")
    return found


def _remote_in(text: str) -> list[str]:
    """REMOTE's matches, looked for only around a `//` or an `@import` (every match has one):
    a page of thousands of findings is scanned in a fraction of the time."""
    hits: list[str] = []
    seen: set[int] = set()
    for marker in ("//", "@import"):
        at = text.find(marker)
        while at >= 0:
            window_start = max(0, at - 80)
            for m in REMOTE.finditer(text, window_start, at + len(marker)):
                if m.start() not in seen and m.end() >= at:
                    seen.add(m.start())
                    hits.append(m.group(0))
            at = text.find(marker, at + len(marker))
    return hits


def drop_unused_static(root: Path) -> None:
    """GX copies its fonts and images (4 MB) into static/; the pages use none of them."""
    static = root / "static"
    pages = [p.read_text(encoding="utf-8") for p in root.rglob("*.html")]
    if static.is_dir() and not any("static/" in page for page in pages):
        shutil.rmtree(static)


def check_offline(root: Path) -> None:
    drop_unused_static(root)
    strip_remote_css(root)
    found = remote_references(root)
    if found:
        raise PublishError(f"the site would load remote resources: {'; '.join(found[:5])}")


def check_index(root: Path, run_names: list[str]) -> None:
    """The index links every document's validation page, and every link leads to a file."""
    index = root / "index.html"
    if not index.is_file():
        raise PublishError("Great Expectations wrote no index.html")
    links = LINK.findall(index.read_text(encoding="utf-8"))
    broken = [h for h in links if "://" not in h and not (root / _unquote(h)).is_file()]
    pages = [h for h in links if h.startswith("validations/")]
    missing = [r for r in run_names if not any(f"/{r}/" in _unquote(h) for h in pages)]
    if broken or missing:
        raise PublishError(
            f"index.html is incomplete: broken links {broken[:3]}, runs not listed {missing[:3]}"
        )


def _unquote(href: str) -> str:
    from urllib.parse import unquote

    return unquote(href.replace("&amp;", "&"))
