"""One check as a compact block: the relation, the values substituted, the intervals, the miss,
the suspect and every figure with its data file:line and its place in the source."""

from __future__ import annotations

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from validator.findings.model import CheckResult, FactRef
from validator.findings.numbers import fmt, fmt_interval
from validator.model.verdict import Verdict
from validator.report.layout import Block, Grid
from validator.report.localised import Alternative, localised
from validator.report.style import MARKS, category, styled
from validator.report.unchecked import Hints, missing_operands


def heading(c: CheckResult) -> Text:
    """`✗ growth:山石网科/合并/2024/rd_expenses vs 2023`, the mark in the verdict's colour."""
    outcome = category(c)
    return Text.assemble(styled(MARKS[outcome], outcome), " ", styled(c.id, "id"))


def figure(f: FactRef) -> Text:
    """`研发费用 2023: 3.43亿元 — 图表18 研发费用 2023年 (data/…/charts-01-19.csv:311)`."""
    member = f" {f.member}" if f.member else ""
    extra = f" vs {f.base}" if f.base else (f" of {f.whole}" if f.whole else "")
    measure = "" if f.measure == "level" else f" {f.measure}"
    return Text.assemble(
        styled(f"{f.concept_zh}{member}{measure} {f.period}{extra}: "),
        styled(f"{f.value}{f.unit}", "heading"),
        styled(f" — {f.location} ("),
        styled(f"{f.file}:{f.line}", "where"),
        ")",
    )


def block(
    c: CheckResult, hints: Hints | None = None, waiting: dict | None = None, full: bool = False
) -> Block:
    """The whole block; `waiting` (operand → number of checks waiting for it) adds, for a
    not-checkable check, how many relations each missing figure would unlock; `full` (explain)
    lists every printing of a suspect figure, the search's note and the corroboration."""
    hints = hints or Hints()
    rows = _grid()
    rows.add_row(styled("relation:", "label"), styled(c.expression))
    rows.add_row(styled("values:", "label"), styled(c.substituted))
    if c.verdict == Verdict.NOT_CHECKABLE:
        rows.add_row(styled("reason:", "label"), styled(c.reason or "an operand is undefined"))
        for op in missing_operands(c, hints):
            n = (waiting or {}).get(op, 1)
            others = f" (it would unlock {n} relations)" if n > 1 else ""
            rows.add_row(styled("missing:", "label"), styled(op.label(hints.names) + others))
    else:
        rows.add_row(
            styled("stated:", "label"),
            styled(f"{fmt_interval(*c.stated, c.decimals + 1)} {c.unit}"),
        )
        rows.add_row(
            styled("derived:", "label"),
            styled(f"{fmt_interval(*c.derived, c.decimals + 2)} {c.unit}"),
        )
        if c.verdict == Verdict.DISCREPANT:
            miss = styled(f"{fmt(c.miss, c.decimals + 2)} {c.unit}", category(c))
            rows.add_row(styled("misses by:", "label"), miss)
    if c.printings:
        rows.add_row(styled("printings:", "label"), styled(c.printings))
    _suspect_rows(rows, c, full)
    rows.add_row(styled("facts:", "label"), _facts(c.facts))
    parts: list[RenderableType] = [
        heading(c),
        Padding(styled(f"{c.name_zh} · {c.name_en}  [{c.kind}]"), (0, 0, 0, 2)),
        Padding(rows, (0, 0, 0, 2)),
    ]
    if c.waived:
        ack = Text.assemble(
            styled(f"acknowledged by {c.waiver_reviewer} on {c.waiver_date}: ", "acknowledged"),
            styled(c.waiver_reason),
        )
        parts.append(Padding(ack, (0, 0, 0, 2)))
    return Block(*parts)


def _suspect_rows(rows: Grid, c: CheckResult, full: bool) -> None:
    """The alternatives (all of them, never one picked by a tie-break), each proposal with its
    evidence, the printed range of a figure that is only an operand, and the search's note when
    it fell back or stopped short."""
    loc = localised(c)
    if not loc.alternatives:
        if c.suspect is not None:
            s = c.suspect
            rows.add_row(
                styled("suspect:", "label"),
                Text.assemble(
                    styled(f"{s.concept_zh} {s.value}{s.unit}", "heading"),
                    " at ",
                    styled(f"{s.file}:{s.line}", "where"),
                    styled(f" ({s.location})"),
                    "\n",
                    styled(c.suspect_reason, "label"),
                ),
            )
    elif not loc.tie:
        rows.add_row(styled("suspect:", "label"), _alternative(loc.alternatives[0], full))
    else:
        choice = _grid()
        for i, a in enumerate(loc.alternatives):
            mark = "one of:" if i == 0 else "      |"
            choice.add_row(styled(mark, "label"), _alternative(a, full))
        rows.add_row(styled("suspects:", "label"), choice)
    for a in loc.alternatives:
        for p in a.proposals:
            rows.add_row(styled("proposal:", "label"), styled(p.text))
        for r in a.ranges:
            rows.add_row(styled("range:", "label"), styled(r.text))
    note = loc.full_note if full else loc.note
    if note:
        rows.add_row(styled("located:", "label"), styled(note, "label"))
    if full and loc.alternatives and loc.corroboration:
        rows.add_row(styled("evidence:", "label"), styled(loc.corroboration, "label"))


def _alternative(a: Alternative, full: bool) -> Text:
    parts: list[Text | str] = []
    for i, f in enumerate(a.figures):
        if i:
            parts.append(" and ")
        places = f.places if full or len(f.places) <= 2 else (f.places[0],)
        more = len(f.places) - len(places)
        parts += [styled(f"{f.name} {f.literal}", "heading"), " ("]
        for j, where in enumerate(places):
            parts += [", " if j else "", styled(where, "where")]
        if more:
            parts.append(styled(f" and {more} more printing{'s' if more > 1 else ''}"))
        parts.append(")")
    return Text.assemble(*parts)


def _facts(facts: tuple[FactRef, ...]) -> Grid:
    table = _grid()
    for f in facts:
        table.add_row(styled(f.role, "label"), figure(f))
    return table


def _grid() -> Grid:
    """Label and value columns: a long value wraps under itself, never under its label."""
    return Grid()
