"""One run of `validate`: load, compile, evaluate, review. The CLI, the API and the tests call
this; renderers receive the finished Findings. `backend_for(workers, scheduler)` gives the
Dask-partitioned backend (a context: it owns the cluster) or None for the numpy backend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from validator.engine.partitioned import dask_backend
from validator.engine.run import Backend, NumpyBackend
from validator.findings.model import Findings
from validator.findings.summary import summarise
from validator.heap import settle, trim
from validator.io.dictionary import Dictionary
from validator.io.project import Project, load_project
from validator.model.document import Document
from validator.review.locate import BUDGET, timed_locate
from validator.review.ranges import with_operand_ranges
from validator.review.suspects import with_suspects
from validator.review.waivers import apply_waivers
from validator.rules.plan import Plan
from validator.rules.rulebook import load_rulebooks

backend_for = dask_backend  # the CLI's --workers / --scheduler


def evaluate(
    facts: pd.DataFrame,
    d: Dictionary,
    plan: Plan,
    documents: tuple[Document, ...] = (),
    waivers: tuple = (),
    backend: Backend | None = None,
    timings: dict[str, float] | None = None,
    partial: bool = False,
    proposal_budget: int = BUDGET,
) -> Findings:
    """Typed facts + plan → finished findings (suspects named, waivers applied, summarised).
    `partial`: only some of the corpus's documents are in `facts` (--changed-since);
    `proposal_budget`: candidate literals judged per run for correction proposals."""
    backend = backend or NumpyBackend()
    findings = backend.run(plan, facts, d, timings)
    trim()  # each phase's peak comes on top of what is alive, not of what an earlier one freed
    return review(
        findings, facts, lambda f: backend.run(plan, f, d), documents, waivers, timings,
        partial, proposal_budget,
    )  # fmt: skip


def review(
    findings: Findings,
    facts: pd.DataFrame,
    reevaluate: Callable[[pd.DataFrame], Findings],
    documents: tuple[Document, ...] = (),
    waivers: tuple = (),
    timings: dict[str, float] | None = None,
    partial: bool = False,
    proposal_budget: int = BUDGET,
    suspects_named: bool = False,
) -> Findings:
    """The backend's findings → finished findings. `facts`: the typed facts the findings'
    fact rows index (locate reads the rows around each discrepancy); `suspects_named`: the
    backend named them already (each partition its own, on its worker)."""
    # Each step frees the findings it was given once it returns new ones: their pages go back
    # before the next step allocates.
    size = len(findings.fact_table)  # `facts` may be a look-up (a partitioned run's)
    if not suspects_named:
        findings = with_suspects(findings)
    settle(size)
    findings = timed_locate(findings, facts, reevaluate, timings, proposal_budget)
    settle(size)
    findings = with_operand_ranges(findings, facts, reevaluate, timings)
    findings = apply_waivers(findings, list(waivers), documents, partial)
    return summarise(findings, documents)


def empty_findings() -> Findings:
    from validator.findings.model import CHECK_COLUMNS, FACT_COLUMNS

    return Findings(
        table=pd.DataFrame({c: pd.Series([], dtype=object) for c in CHECK_COLUMNS}),
        fact_table=pd.DataFrame({c: pd.Series([], dtype=object) for c in FACT_COLUMNS}),
        links=pd.DataFrame({c: pd.Series([], dtype="int64") for c in ("check", "fact", "key")}),
        rules={},
        documents=(),
    )


def check(
    paths: list[Path],
    schemas: Path | None = None,
    changed_since: str | None = None,
    progress: Callable[[str], None] = lambda _: None,
    backend: Backend | None = None,
) -> Findings:
    progress("reading facts")
    project: Project = load_project(paths, schemas, changed_since)
    trim()
    plan = load_rulebooks(list(project.rule_files), project.dictionary)
    if not project.documents:
        return empty_findings()
    progress(f"checking {len(project.facts):,} facts")
    return evaluate(
        project.facts, project.dictionary, plan, project.documents, project.waivers, backend
    )


def render(findings: Findings, fmt: str, verbose: bool = False, quiet: bool = False) -> str:
    if fmt == "json":
        from validator.report.json_stream import render_json

        return render_json(findings)
    if fmt == "junit":
        from validator.report.junit_stream import render_junit

        return render_junit(findings)
    if fmt == "github":
        from validator.report.github import render_github

        return render_github(findings)
    if fmt == "markdown":
        from validator.report.markdown import render_markdown

        return render_markdown(findings)
    from validator.report.text import render_text

    return render_text(findings, verbose, quiet)


def run(
    paths: list[Path],
    fmt: str,
    schemas: Path | None = None,
    verbose: bool = False,
    changed_since: str | None = None,
    quiet: bool = False,
    progress: Callable[[str], None] = lambda _: None,
    backend: Backend | None = None,
) -> tuple[Findings, str]:
    """The findings and their rendering in `fmt`; `backend` defaults to the numpy backend."""
    findings = check(paths, schemas, changed_since, progress, backend)
    return findings, render(findings, fmt, verbose, quiet)
