"""Stable names for the project's pages and the anchors inside them, shared by every page.

Anchors are short hashes of what they name (a check id, a data file and line), so they are the
same on every build and safe in a URL whatever characters the data uses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

FINDINGS_PAGE = "findings.html"
NOT_CHECKABLE_PAGE = "not-checkable.html"
DOCUMENTS_DIR = "documents"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def check_anchor(check_id: str) -> str:
    return f"c-{_digest(check_id)}"


def fact_anchor(file: str, line: int) -> str:
    return f"f-{_digest(f'{file}:{line}')}"


def doc_slug(doc_id: str) -> str:
    """A document id as a folder name (ids are folder names already; anything odd is replaced)."""
    slug = re.sub(r"[^A-Za-z0-9._-]", "_", doc_id).strip(".")
    return slug or "document"


def document_page(doc_id: str, page: str) -> str:
    """A document's page, relative to the site root: documents/<id>/source.html."""
    return f"{DOCUMENTS_DIR}/{doc_slug(doc_id)}/{page}"


@dataclass(frozen=True)
class Where:
    """What a page needs to link a figure: the way back to the site root, and the documents
    that have a source page."""

    root: str = ""
    documents: frozenset[str] = frozenset()

    def source_href(self, document: str, file: str, line: int) -> str | None:
        if document not in self.documents:
            return None
        return f"{self.root}{document_page(document, 'source.html')}#{fact_anchor(file, line)}"

    def finding_href(self, document: str, check_id: str) -> str:
        return f"{self.root}{document_page(document, FINDINGS_PAGE)}#{check_anchor(check_id)}"

    def at(self, root: str) -> Where:
        return Where(root, self.documents)
