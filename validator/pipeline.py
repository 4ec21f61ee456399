"""One run of `validate`: load, evaluate, report. The CLI and the tests both call this."""

from __future__ import annotations

from pathlib import Path

from validator.engine.run import evaluate
from validator.io.project import load_project
from validator.report.model import Report, build_report


def check(paths: list[Path], schemas: Path | None = None, full: bool = True) -> Report:
    project = load_project(paths, schemas)
    ev = evaluate(project.facts, project.dictionary, project.rules)
    only = None if full else {"discrepant"}
    return build_report(
        ev, project.documents, project.dictionary, project.rules, only, project.waivers
    )


def run(
    paths: list[Path], fmt: str, schemas: Path | None = None, verbose: bool = False
) -> tuple[Report, str]:
    """The report and its rendering in `fmt`."""
    full = fmt in ("json", "junit") or verbose
    report = check(paths, schemas, full=full)
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

    return report, render_text(report, verbose)
