"""One run of `validate`: load, evaluate, report. The CLI and the tests both call this."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from validator.engine.run import evaluate
from validator.io.project import load_project
from validator.report.model import Report, build_report


def check(
    paths: list[Path],
    schemas: Path | None = None,
    full: bool | Collection[str] = True,
    changed_since: str | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> Report:
    progress("reading facts")
    project = load_project(paths, schemas, changed_since)
    if not project.documents:
        return Report(
            (),
            (),
            0,
            {"checks": 0, "consistent": 0, "discrepant": 0, "not_checkable": 0, "waived": 0},
        )
    progress(f"checking {len(project.facts):,} facts")
    ev = evaluate(project.facts, project.dictionary, project.rules)
    progress("explaining the findings")
    only = None if full is True else {"discrepant"} if full is False else set(full)
    return build_report(
        ev, project.documents, project.dictionary, project.rules, only, project.waivers
    )


def run(
    paths: list[Path],
    fmt: str,
    schemas: Path | None = None,
    verbose: bool = False,
    changed_since: str | None = None,
    quiet: bool = False,
    progress: Callable[[str], None] = lambda _: None,
) -> tuple[Report, str]:
    """The report and its rendering in `fmt`."""
    full = fmt in ("json", "junit") or verbose
    report = check(paths, schemas, full, changed_since, progress)
    if fmt == "json":
        from validator.report.json_report import render_json

        return report, render_json(report)
    if fmt == "junit":
        from validator.report.junit import render_junit

        return report, render_junit(report)
    if fmt == "github":
        from validator.report.github import render_github

        return report, render_github(report)
    from validator.report.text import render_text

    return report, render_text(report, verbose, quiet)
