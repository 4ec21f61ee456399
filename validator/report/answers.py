"""Answers to an auditor's questions, as text: one check in full (`validate explain`), and
every check a figure takes part in (`validate show`)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from validator.findings.model import FactRef, Report
from validator.findings.numbers import fmt
from validator.model.verdict import Verdict
from validator.report.blocks import block, figure
from validator.report.counts import plural
from validator.report.lookup import Involvement, find_check, involvements
from validator.report.style import MARKS, category, styled, to_string
from validator.report.text import WIDTH, of_verdict, outcome_counts
from validator.report.unchecked import hints_of, waits


def render_explain(
    report: Report,
    check_id: str,
    color: bool = False,
    width: int = WIDTH,
    names: dict[str, str] | None = None,
) -> str:
    c = find_check(report, check_id)
    unchecked = of_verdict(report, Verdict.NOT_CHECKABLE)
    hints = hints_of([c, *unchecked], names)
    waiting = {w.operand: len(w.checks) for w in waits(unchecked, hints) if w.operand}
    parts: list[RenderableType] = [block(c, hints, waiting, full=True)]
    if c.documents:
        parts.append(Padding(styled(f"documents: {', '.join(c.documents)}", "label"), (0, 0, 0, 2)))
    return to_string(parts, color, width)


def render_show(
    report: Report,
    figures: list[FactRef],
    verbose: bool = False,
    color: bool = False,
    width: int = WIDTH,
) -> str:
    return to_string(_figures(report, figures, verbose), color, width)


def _figures(report: Report, figures: list[FactRef], verbose: bool) -> Iterator[RenderableType]:
    hints = hints_of(report.checks)
    for f in figures:
        found = involvements(report, f)
        yield figure(f)
        yield Padding(
            styled(
                f"{f.entity} {f.scope} · takes part in {plural(len(found), 'check')}: "
                f"{outcome_counts([i.check for i in found])}",
                "label",
            ),
            (0, 0, 1, 2),
        )
        if verbose:
            for i in found:
                yield Padding(block(i.check, hints), (0, 0, 1, 2))
        else:
            yield Padding(_table(found), (0, 0, 1, 2))


def _table(found: list[Involvement]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for i in found:
        c = i.check
        outcome = category(c)
        table.add_row(
            styled(MARKS[outcome], outcome),
            Group(
                Text.assemble(styled(c.id, "id"), styled(f"  as {i.role}", "label")),
                Text.assemble(styled(c.substituted), styled(_detail(i), outcome)),
            ),
        )
    return table


def _detail(i: Involvement) -> str:
    c = i.check
    if c.verdict == Verdict.NOT_CHECKABLE:
        return f" · not checkable: {c.reason or 'an operand is undefined'}"
    if c.verdict == Verdict.DISCREPANT:
        ack = " (acknowledged)" if c.waived else ""
        return f" · misses by {fmt(c.miss, c.decimals + 2)} {c.unit}{ack}"
    return " · consistent"
