"""The text report (rich): a summary table, then every discrepancy as a compact block, the
acknowledged ones, what could not be checked and why, stale waivers and the result.

The renderer returns a string; the caller decides colour and width (a terminal, NO_COLOR,
a file), so the same report and options always give the same text.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from validator.findings.model import CheckResult, Report
from validator.model.verdict import Verdict
from validator.report.blocks import block
from validator.report.counts import noun, plural
from validator.report.style import category, styled, to_string
from validator.report.summary import summary
from validator.report.unchecked import Hints, Wait, hints_of, waits

WIDTH = 100


def render_text(
    report: Report,
    verbose: bool = False,
    quiet: bool = False,
    *,
    color: bool = False,
    width: int = WIDTH,
    names: dict[str, str] | None = None,
) -> str:
    """`quiet`: only what fails (discrepancies, stale waivers) and the result line; `verbose`:
    every check in the report explained; `names`: concept → Chinese name, for the figures
    that are not stated."""
    if not report.documents:
        return "validate: no document to check (none changed)\n"
    return to_string(_sections(report, verbose, quiet, names), color, width)


def of_verdict(report: Report, verdict: Verdict) -> list[CheckResult]:
    """The checks of one verdict, built without building the others (a large run has many)."""
    return list(report.select(report.rows([verdict])))


def _sections(
    report: Report, verbose: bool, quiet: bool, names: dict[str, str] | None
) -> Iterator[RenderableType]:
    unchecked = [] if quiet else of_verdict(report, Verdict.NOT_CHECKABLE)
    discrepancies, waived = ([], []) if verbose else (report.discrepancies, report.waived)
    shown = list(report.checks) if verbose else [*discrepancies, *waived]  # each built once
    hints = hints_of([*shown, *unchecked], names)
    if not quiet:
        yield from summary(report)
    if verbose:
        yield from _blocks("Checks", shown, hints)
    else:
        yield from _blocks("Discrepancies", discrepancies, hints)
        if not quiet:
            yield from _blocks("Acknowledged discrepancies", waived, hints)
        if "consistent" in getattr(getattr(report, "selection", None), "only", ()):
            consistent = of_verdict(report, Verdict.CONSISTENT)
            yield from _blocks("Consistent", consistent, hints)  # listed only when asked for
    if not quiet:
        yield from _unchecked(unchecked, hints, verbose)
    if report.stale_waivers:
        yield styled(f"Stale waivers ({len(report.stale_waivers)})", "heading")
        yield Text()
        for w in report.stale_waivers:
            where = f"{w.file}:{w.line}" if w.line else w.file
            yield Text.assemble(
                styled("✗ ", "discrepant"),
                styled(where, "where"),
                styled(f": waiver for {w.check_id}"),
            )
            yield Padding(styled(w.why), (0, 0, 1, 2))
    yield styled(result_line(report), "discrepant" if report.exit_code else "consistent")


def _blocks(title: str, checks: list[CheckResult], hints: Hints) -> Iterator[RenderableType]:
    if not checks:
        return
    yield styled(f"{title} ({len(checks)})", "heading")
    yield Text()
    for c in checks:
        yield block(c, hints)
        yield Text()


def _unchecked(
    unchecked: list[CheckResult], hints: Hints, verbose: bool
) -> Iterator[RenderableType]:
    """Not checkable, grouped by what is missing and by the entity it is missing for."""
    groups = waits(unchecked, hints)
    if not groups:
        return
    n = len(unchecked)
    yield styled(f"Not checkable ({n}): what would make them checkable", "heading")
    yield Text()
    by_entity: dict[str, list[Wait]] = {}
    for w in groups:
        where = f"{w.operand.entity} {w.operand.scope}" if w.operand else "other reasons"
        by_entity.setdefault(where, []).append(w)
    for where, ws in by_entity.items():
        yield Padding(styled(where, "heading"), (0, 0, 0, 2))
        for w in ws:
            yield Padding(_wait_line(w, hints), (0, 0, 0, 4))
            if verbose:
                for c in w.checks:
                    yield Padding(styled(c.id, "label"), (0, 0, 0, 6))
        yield Text()


def _wait_line(w: Wait, hints: Hints) -> Text:
    n = len(w.checks)
    kinds = sorted({str(c.kind) for c in w.checks})
    if w.operand is None:
        return Text.assemble(styled(f"{plural(n, 'relation')}: ", "not_checkable"), styled(w.cause))
    figure = w.operand.label(hints.names)
    return Text.assemble(
        styled(figure, "heading"),
        styled(" is not stated: "),
        styled(f"{plural(n, 'relation')} {noun(n, 'waits')} for it", "not_checkable"),
        styled(f" ({', '.join(kinds)})", "label"),
    )


def result_line(report: Report) -> str:
    """Counted from the table: no check is built for it."""
    n = len(report.rows([Verdict.DISCREPANT], waived=False))
    w = len(report.rows([Verdict.DISCREPANT], waived=True))
    s = len(report.stale_waivers)
    hidden = getattr(report, "unlisted_failures", 0)
    parts = []
    if n:
        parts.append(plural(n, "discrepancy"))
    if s:
        parts.append(plural(s, "stale waiver"))
    if hidden:
        parts.append(f"{plural(hidden, 'discrepancy')} outside the selection")
    acknowledged = f" ({w} acknowledged)" if w else ""
    if not parts:
        return f"Result: no unacknowledged discrepancies{acknowledged}"
    return "Result: " + ", ".join(parts) + acknowledged


def explain_lines(c: CheckResult) -> list[str]:
    """One check's block as plain lines, unwrapped (for the JUnit failure text)."""
    return to_string([block(c, hints_of([c]))], color=False, width=1000).rstrip("\n").split("\n")


def outcome_counts(checks: list[CheckResult]) -> str:
    """`3 consistent, 1 discrepant, 1 acknowledged`: the outcomes present among `checks`."""
    counts: dict[str, int] = {}
    for c in checks:
        counts[category(c)] = counts.get(category(c), 0) + 1
    order = ("consistent", "discrepant", "acknowledged", "not_checkable")
    return ", ".join(f"{counts[k]} {k.replace('_', ' ')}" for k in order if k in counts)
