"""Running GX: one validation of the audit programme per document, then the site. GX lives here.

Every name and time is taken from the data: the run name is the document id, the run time its
publication date, the batch its entity code; GX's load time and batch fingerprint are dropped, so
the same report gives the same validation results and pages.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from validator.publish.anchors import FINDINGS_PAGE, NOT_CHECKABLE_PAGE, document_page
from validator.publish.errors import PublishError
from validator.publish.findings import GX_SHOWN, DocumentFindings
from validator.publish.gx_history import META, read_history, run_batch
from validator.publish.history import History
from validator.publish.html import esc
from validator.publish.notes import (
    acknowledged_description,
    group_description,
    stale_description,
    summary_description,
)
from validator.publish.programme import ROW_COUNT_PARAMETER, SUITE_NAME, Programme
from validator.publish.quiet import QUIET_BATCH, QUIET_RUN

SITE_NAME = "local_site"
DATASOURCE, ASSET, BATCH_DEFINITION = "findings", "findings", "whole"
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": GX_SHOWN}


def open_context(context_dir: Path) -> Any:
    """The committed file data context (never scaffolded: a missing one is an error)."""
    if not (context_dir / "great_expectations.yml").is_file():
        raise PublishError(f"{context_dir}: no great_expectations.yml (the GX context)")
    import great_expectations as gx

    return gx.get_context(mode="file", context_root_dir=str(context_dir))


@contextmanager
def utc_clock() -> Iterator[None]:
    """Run with TZ=UTC: GX converts run times to the machine's time zone when it stores them."""
    if not hasattr(time, "tzset"):  # Windows: the time zone cannot be switched in-process
        yield
        return
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@contextmanager
def gx_errors() -> Iterator[None]:
    """Turn what GX only logs (a page it failed to render) into a PublishError."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("great_expectations")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if records:
        first = records[0].getMessage().strip().splitlines()
        raise PublishError(f"Great Expectations failed: {first[-1] if first else 'unknown'}")


def batch_identifier(d: DocumentFindings) -> str:
    """The entity code of the document's folder (data/<code>/<id>), safe as a file name (never
    beginning with `_`: that is the quiet documents' batch)."""
    if d.run_name == QUIET_RUN and not d.summary.document.folder:
        return QUIET_BATCH
    parts = Path(d.summary.document.folder).parts
    code = parts[-2] if len(parts) >= 2 else d.summary.document.entity
    return re.sub(r"[^A-Za-z0-9._-]", "_", code).strip("._") or "findings"


def runtime_suite(
    base: dict[str, Any], d: DocumentFindings, programme: Programme, history: History | None = None
) -> Any:
    """The committed suite with this document's counts and listings in its descriptions."""
    from great_expectations.core import ExpectationSuite

    data = copy.deepcopy(base)
    groups = {g.column: g for g in programme.groups}
    for exp in data["expectations"]:
        role = (exp.get("meta") or {}).get("role")
        column = exp.get("kwargs", {}).get("column", "")
        if role == "summary":
            exp["description"] = summary_description(d, exp.get("description", ""), history)
        elif role == "group":
            exp["description"] = group_description(groups[column], d)
        elif role == "acknowledged":
            exp["description"] = acknowledged_description(exp.get("description", ""), d)
        elif role == "stale":
            exp["description"] = stale_description(exp.get("description", ""), d)
    return ExpectationSuite(**data)


def open_history(ctx: Any, key: str) -> History:
    """This run's number and the previous run's findings, from the validation results store."""
    return read_history(ctx.validation_results_store, key, ctx.root_directory)


def validate_documents(
    ctx: Any,
    docs: list[DocumentFindings],
    programme: Programme,
    history: History,
    key: str,
    quiet: tuple[str, ...] = (),
) -> list[Any]:
    """Validate each document's findings table and store the result as part of this run;
    returns the keys of the stored results. `quiet`: the ids of the documents the quiet
    validation (one of `docs`) stands for."""
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    base = ctx.suites.get(SUITE_NAME).to_json_dict()
    asset = ctx.data_sources.get(DATASOURCE).get_asset(ASSET)
    definition = asset.get_batch_definition(BATCH_DEFINITION)
    store = ctx.validation_results_store
    keys = []
    suite_id = ExpectationSuiteIdentifier(name=SUITE_NAME)
    for d in docs:
        batch = definition.get_batch(batch_parameters={"dataframe": d.frame})
        result = batch.validate(
            runtime_suite(base, d, programme, history),
            result_format=RESULT_FORMAT,
            expectation_parameters={ROW_COUNT_PARAMETER: d.rows},
        )
        for r in result.results:
            if r.exception_info.get("raised_exception"):
                raise PublishError(
                    f"{d.run_name}: expectation on {r.expectation_config.kwargs.get('column')} "
                    f"raised: {r.exception_info.get('exception_message')}"
                )
        run_id = RunIdentifier(run_name=d.run_name, run_time=d.run_time)
        doc = d.summary.document
        result.meta = {
            "great_expectations_version": result.meta.get("great_expectations_version"),
            "batch_spec": {
                "data_asset_name": f"{doc.entity} · {doc.title}",
                "batch_data": f"findings table of {doc.id}: {len(d.frame)} rows",
                "findings": findings_summary(d),
                "review": review_cell(doc.id, quiet=d.run_name == QUIET_RUN),
            },
            "run_id": run_id,
            "validation_time": d.run_time.strftime("%Y%m%dT%H%M%S.%fZ"),
            META: {
                "run": history.run,
                "key": key,
                "document": doc.id,
                "findings": [[c.id, c.waived] for c in d.findings],
                **({"quiet": list(quiet)} if d.run_name == QUIET_RUN else {}),
            },
        }
        key_id = ValidationResultIdentifier(
            suite_id, run_id, run_batch(batch_identifier(d), history.run)
        )
        store.set(key_id, result)
        keys.append(key_id)
    return keys


def review_cell(doc_id: str, quiet: bool = False) -> str:
    """The index's links to a document's findings list and source view (ids are escaped);
    quiet documents have neither."""
    if quiet:
        return f'<a href="{esc(NOT_CHECKABLE_PAGE)}">not checkable</a>'
    links = (
        (document_page(doc_id, FINDINGS_PAGE), "findings"),
        (document_page(doc_id, "source.html"), "source"),
    )
    return " · ".join(f'<a href="{esc(h)}">{t}</a>' for h, t in links)


def findings_summary(d: DocumentFindings) -> str:
    """One line for the index: 2 unacknowledged · 10 acknowledged (· 1 stale waiver)."""
    parts = [
        f"{d.discrepant - d.acknowledged} unacknowledged",
        f"{d.acknowledged} acknowledged",
    ]
    if d.stale:
        parts.append(f"{len(d.stale)} stale waiver{'s' if len(d.stale) > 1 else ''}")
    return " · ".join(parts)


def render_site(ctx: Any, target: Path, keys: list[Any]) -> None:
    """Render the suite, this run's validation pages (`keys`; the store also holds earlier
    runs) and the index into `target` (an empty folder, so the index lists this run only)."""
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
    )
    from great_expectations.render.renderer.site_builder import SiteBuilder

    sites = ctx.variables.data_docs_sites or {}
    if SITE_NAME not in sites:
        raise PublishError(f"{ctx.root_directory}: no data docs site {SITE_NAME!r} configured")
    config = copy.deepcopy(dict(sites[SITE_NAME]))
    config.pop("class_name", None)
    config.pop("module_name", None)
    config["store_backend"] = {
        "class_name": "TupleFilesystemStoreBackend",
        "base_directory": str(target.resolve()),  # GX resolves a relative one in the context
    }
    builder = SiteBuilder(
        data_context=ctx,
        site_name=SITE_NAME,
        runtime_environment={"root_directory": ctx.root_directory},
        **config,
    )
    builder.build(resource_identifiers=[ExpectationSuiteIdentifier(name=SUITE_NAME), *keys])
