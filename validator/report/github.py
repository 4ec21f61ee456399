"""GitHub Actions workflow commands: an error at the data line of each discrepancy."""

from __future__ import annotations

from validator.report.model import CheckResult, Report


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _anchor(c: CheckResult):
    stated = [f for f in c.facts if f.role in ("stated", "total")]
    return (stated or list(c.facts))[0] if c.facts else None


def render_github(report: Report) -> str:
    lines = []
    for c in report.discrepancies:
        anchor = _anchor(c)
        title = _escape_property(f"{c.name_zh}: {c.id}")
        if anchor is None:
            lines.append(f"::error title={title}::{_escape_data(c.message)}")
            continue
        lines.append(
            f"::error file={_escape_property(anchor.file)},line={anchor.line},"
            f"title={title}::{_escape_data(c.message)}"
        )
        for f in c.facts:
            if f is anchor:
                continue
            lines.append(
                f"::notice file={_escape_property(f.file)},line={f.line},"
                f"title={_escape_property('involved in ' + c.id)}::"
                f"{_escape_data(f'{f.concept_zh} {f.value}{f.unit} ({f.role})')}"
            )
    n = len(report.discrepancies)
    lines.append(f"{report.totals['checks']} checks, {n} discrepanc{'y' if n == 1 else 'ies'}")
    return "\n".join(lines) + "\n"
