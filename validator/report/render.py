"""Rendering a Report in one of the formats, and which checks each format needs explained."""

from __future__ import annotations

from collections.abc import Collection

from validator.report.model import Report
from validator.report.select import Selection

FORMATS = ("text", "json", "junit", "github")


def verdicts_needed(
    fmt: str, verbose: bool, quiet: bool, selection: Selection | None = None
) -> bool | Collection[str]:
    """For `pipeline.check(full=…)`: True for every check, else the verdicts to explain (the
    others are only counted, which matters on a large corpus)."""
    if fmt in ("json", "junit") or verbose:
        return True
    listed = {"discrepant"} if quiet or fmt == "github" else {"discrepant", "not_checkable"}
    needed = (selection or Selection()).verdicts_needed(listed)
    return True if needed is None else needed


def render(
    report: Report,
    fmt: str,
    verbose: bool = False,
    quiet: bool = False,
    color: bool = False,
    width: int | None = None,
    names: dict[str, str] | None = None,
) -> str:
    if fmt == "json":
        from validator.report.json_report import render_json

        return render_json(report)
    if fmt == "junit":
        from validator.report.junit import render_junit

        return render_junit(report)
    if fmt == "github":
        from validator.report.github import render_github

        return render_github(report)
    from validator.report.text import WIDTH, render_text

    return render_text(report, verbose, quiet, color=color, width=width or WIDTH, names=names)
