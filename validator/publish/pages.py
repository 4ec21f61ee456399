"""The frame of the project's own pages (source views, findings lists, not checkable).

The same offline frame as the GX pages: the project's stylesheet inlined, a navigation bar of
relative links, nothing remote. A page may carry the findings list's small inline script; it
only sorts and filters rows that are all in the HTML, so without JavaScript nothing is hidden.
"""

from __future__ import annotations

from pathlib import Path

from validator.publish.anchors import FINDINGS_PAGE, NOT_CHECKABLE_PAGE
from validator.publish.html import esc
from validator.publish.listing_script import SCRIPT

STYLES = Path("plugins") / "custom_data_docs" / "styles" / "data_docs_custom_styles.css"


def nav(root: str) -> str:
    links = [
        ("index.html", "Documents"),
        (FINDINGS_PAGE, "All findings"),
        (NOT_CHECKABLE_PAGE, "Not checkable"),
    ]
    items = "".join(
        f'<li class="breadcrumb-item"><a href="{root}{h}">{t}</a></li>' for h, t in links
    )
    return (
        f'<nav class="vf-navbar"><a class="vf-brand" href="{root}index.html">validate · data docs'
        f'</a><ol class="breadcrumb">{items}</ol></nav>'
    )


def page(title: str, root: str, body: str, css: str, script: bool = False) -> str:
    """A whole page; `title` and every data string in `body` are escaped by the caller."""
    js = f"<script>{SCRIPT}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh">\n<head><meta charset="UTF-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f"<title>{title}</title><style>{css}</style></head>\n"
        f'<body class="vf-page vf-own">{nav(root)}<main class="vf-main">{body}</main>{js}</body>\n'
        "</html>\n"
    )


def heading(text: str, sub: str = "") -> str:
    sub_html = f"<div class='vf-muted'>{sub}</div>" if sub else ""
    return f"<header class='vf-head'><h4>{text}</h4>{sub_html}</header>"


def write_page(root_dir: Path, relative: str, html: str) -> None:
    path = root_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8", newline="\n")


def read_styles(context_dir: Path) -> str:
    return (context_dir / STYLES).read_text(encoding="utf-8")


__all__ = ["esc", "heading", "nav", "page", "read_styles", "write_page"]
