"""Rendering findings in one of the formats."""

from __future__ import annotations

from collections.abc import Iterator

from validator.findings.model import Report

FORMATS = ("text", "json", "junit", "github", "markdown")


def render_chunks(
    report: Report,
    fmt: str,
    verbose: bool = False,
    quiet: bool = False,
    color: bool = False,
    width: int | None = None,
    names: dict[str, str] | None = None,
) -> Iterator[str | bytes | memoryview]:
    """The report in pieces: JSON (as UTF-8 bytes) and JUnit a chunk of checks at a time (a
    large run's report is streamed to its file, never held whole), the other formats in one
    piece."""
    if fmt == "json":
        from validator.report.json_stream import json_bytes

        return json_bytes(report)
    if fmt == "junit":
        from validator.report.junit_stream import junit_chunks

        return junit_chunks(report)
    return iter([render(report, fmt, verbose, quiet, color, width, names)])


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
        from validator.report.json_stream import render_json

        return render_json(report)
    if fmt == "junit":
        from validator.report.junit_stream import render_junit

        return render_junit(report)
    if fmt == "github":
        from validator.report.github import render_github

        return render_github(report)
    if fmt == "markdown":
        from validator.report.markdown import render_markdown

        return render_markdown(report)
    from validator.report.text import WIDTH, render_text

    return render_text(report, verbose, quiet, color=color, width=width or WIDTH, names=names)
