"""GX page views that render offline, deterministic pages (named in great_expectations.yml).

GX's own templates load jQuery, Bootstrap, bootstrap-table and Font Awesome from CDNs, fill the
index table with JavaScript and put random ids in the page. These views look up templates in
the context's `plugins/custom_data_docs/views` *before* GX's (GX only consults them after its
own), so the project's templates replace the page frame, the navigation bar, the index tables and
the collapsible blocks; element ids are numbered per page. The index renderer adds a column
with each document's findings. GX is imported here, so this module is
only imported by GX itself while it builds the site.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from great_expectations.render.renderer.site_index_page_renderer import SiteIndexPageRenderer
from great_expectations.render.view.view import DefaultJinjaPageView
from jinja2 import ChoiceLoader, FileSystemLoader


class OfflinePageView(DefaultJinjaPageView):
    """Expectation suite and validation result pages."""

    def __init__(self, custom_styles_directory=None, custom_views_directory=None) -> None:
        if not custom_views_directory or not custom_styles_directory:
            raise ValueError("the validator's views need plugins/custom_data_docs/ (views, styles)")
        super().__init__(custom_styles_directory, custom_views_directory)
        theirs = self.env.loader.loaders if isinstance(self.env.loader, ChoiceLoader) else []
        ours = FileSystemLoader([custom_views_directory, custom_styles_directory])
        self.env.loader = ChoiceLoader([ours, *theirs])
        self.env.filters["utc_date"] = utc_date
        self._ids = itertools.count(1)

    def render(self, document: Any, template: Any = None, **kwargs: Any) -> Any:
        self._ids = itertools.count(1)  # ids depend on the page alone
        return super().render(document, template, **kwargs)

    def generate_html_element_uuid(self, prefix: str | None = None) -> str:
        return f"{prefix or 'id-'}{next(self._ids)}"


class OfflineIndexPageView(OfflinePageView):
    """The index page (`index.html`)."""

    _template = "index_page.j2"


class FindingsIndexPageRenderer(SiteIndexPageRenderer):
    """GX's index with one more column: each document's findings, from its batch spec."""

    @classmethod
    def _generate_validation_results_link_table(cls, index_links_dict: dict) -> Any:
        table = super()._generate_validation_results_link_table(index_links_dict)
        links = index_links_dict.get("validations_links", [])
        table.table_columns.insert(4, {"field": "findings", "title": "Findings"})
        table.table_columns.insert(5, {"field": "review", "title": "Review"})
        for row, link in zip(table.table_data, links, strict=True):
            spec = link.get("batch_spec") or {}
            row["findings"] = spec.get("findings", "")
            row["review"] = spec.get("review", "")  # trusted HTML: links built by the project
        return table


def utc_date(timestamp: float | str | None) -> str:
    """A run's timestamp as a UTC date, whatever the time zone of the machine building the site."""
    if timestamp in (None, ""):
        return ""
    return dt.datetime.fromtimestamp(float(timestamp), dt.UTC).strftime("%Y-%m-%d")
