"""The text report's own line drawing gives, byte for byte, what rich's tables give."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from validator.model.verdict import Verdict
from validator.pipeline import check
from validator.report.blocks import block
from validator.report.layout import Block, Grid
from validator.report.style import styled, to_string
from validator.report.unchecked import hints_of

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (12, 61, 100, 1000)


def as_rich(r: RenderableType) -> RenderableType:
    """The same renderable built of rich's own table, group and padding."""
    if isinstance(r, Grid):
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for label, value in r.rows:
            table.add_row(label, as_rich(value))
        return table
    if isinstance(r, Block):
        return Group(*(as_rich(part) for part in r.renderables))
    if isinstance(r, Padding):
        return Padding(as_rich(r.renderable), (r.top, r.right, r.bottom, r.left))
    return r


def assert_drawn_as_rich(parts: list[RenderableType]) -> None:
    for width in WIDTHS:
        for color in (False, True):
            ours = to_string(parts, color, width)
            assert ours == to_string([as_rich(p) for p in parts], color, width), (width, color)


@pytest.fixture(scope="module")
def checks():
    findings = check([ROOT / "data"])
    shown = [c for c in findings.checks if c.verdict != Verdict.CONSISTENT]
    return shown + [c for c in findings.checks if c.verdict == Verdict.CONSISTENT][:10]


@pytest.mark.parametrize("full", [False, True])
def test_every_block_of_the_committed_data_is_drawn_as_rich_draws_it(checks, full):
    hints = hints_of(checks)
    assert_drawn_as_rich([block(c, hints, full=full) for c in checks])


def test_long_wide_and_multi_line_cells_are_drawn_as_rich_draws_them():
    inner = Grid()
    inner.add_row(styled("stated", "label"), styled("资产总额 2024-12-31: " + "9" * 80, "heading"))
    inner.add_row(styled("x"), Text.assemble(styled("a\nb", "where"), " tail  ", "\n"))
    inner.add_row(styled("tab"), Text("one\ttwo three"))
    inner.add_row(styled("empty"), Text(""))
    outer = Grid()
    outer.add_row(styled("facts:", "label"), inner)
    outer.add_row(styled("a label much longer than the others:", "label"), styled("v " * 60))
    outer.add_row(styled("styled:"), Text("whole text in a base style", style="bold"))
    outer.add_row(styled("other:"), Padding(styled("not a text or grid"), (0, 0, 0, 1)))
    parts: list[RenderableType] = [
        Block(styled("✗ heading " * 12, "discrepant"), Padding(outer, (0, 0, 0, 2))),
        Block(Padding(styled("padded below"), (0, 0, 1, 2)), Text("  leading and trailing  ")),
    ]
    assert_drawn_as_rich(parts)
