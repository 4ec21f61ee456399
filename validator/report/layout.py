"""Drawing the text report's blocks line by line, as rich draws them, at a fraction of the cost.

rich measures every cell of a table (and of a table nested in a cell) before drawing it, and
draws each through several layers of padding and cropping: about 4 ms a discrepancy, most of
the text report's time at a million facts. A `Grid` (labels and values) and a `Block` (texts,
grids, indented parts) give rich's lines directly; what they do not know, rich draws.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import (
    Console,
    ConsoleOptions,
    Group,
    JustifyMethod,
    OverflowMethod,
    RenderableType,
    RenderResult,
)
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text


class Grid:
    """Label and value columns, drawn as rich draws `Table.grid(padding=(0, 1))` with a
    no-wrap label column and a folding value column, without rich's table machinery.

    The label column is as wide as its longest label and the value column takes the rest
    of the line, which is rich's own result when a value is too long for the line; when all
    fit, rich's value column is narrower, which only changes the blanks at the end of a line,
    and those are never printed (`style.to_string`). Each cell's text is wrapped by rich
    itself (`Text.wrap`), so the lines and their styles are rich's. Anything else — a width
    too narrow for the labels, a cell that is neither text nor grid — is drawn by rich."""

    def __init__(self) -> None:
        self.rows: list[tuple[Text, RenderableType]] = []

    def add_row(self, label: Text, value: RenderableType) -> None:
        self.rows.append((label, value))

    def table(self) -> Table:
        """The same grid as a rich table."""
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for label, value in self.rows:
            table.add_row(label, value)
        return table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self.lines(console, options.max_width)
        if lines is None:
            yield self.table()
            return
        for line in lines:
            yield from line
            yield Segment.line()

    def lines(self, console: Console, width: int) -> list[list[Segment]] | None:
        """The grid's lines, each `width` cells wide; None when rich must draw it."""
        if not self.rows or not all(isinstance(label, Text) for label, _ in self.rows):
            return None
        labels = max(max(map(cell_len, label.plain.splitlines() or [""])) for label, _ in self.rows)
        labels = max(labels, 1)
        room = width - labels - 1  # one blank between the columns
        if room < 1:
            return None
        out: list[list[Segment]] = []
        for label, value in self.rows:
            left = _text_lines(console, label, labels, no_wrap=True, overflow="ellipsis")
            right = _cell_lines(console, value, room)
            if right is None:
                return None
            blank_left, blank_right = Segment(" " * (labels + 1)), Segment(" " * room)
            for i in range(max(len(left), len(right))):
                line = [*left[i], Segment(" ")] if i < len(left) else [blank_left]
                line += right[i] if i < len(right) else [blank_right]
                out.append(line)
        return out


def _cell_lines(console: Console, value: RenderableType, width: int) -> list[list[Segment]] | None:
    if isinstance(value, Text):
        return _text_lines(console, value, width, no_wrap=False, overflow="fold")
    if isinstance(value, Grid):
        return value.lines(console, width)
    return None


class Block(Group):
    """A group of texts, grids and left-indented paddings, drawn line by line as rich draws
    them (see `Grid`) when printed with the console's own options; otherwise by rich."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = options.justify is None and options.overflow is None and not options.no_wrap
        lines = _block_lines(console, self, options.max_width) if plain else None
        if lines is None:
            yield from super().__rich_console__(console, options)
            return
        for line in lines:
            yield from line
            yield Segment.line()


def _block_lines(
    console: Console, renderable: RenderableType, width: int
) -> list[list[Segment]] | None:
    """Lines `width` wide of a text, grid, group or left padding under default options."""
    if isinstance(renderable, Text):
        return _text_lines(
            console, renderable, width, no_wrap=False, overflow="fold", justify="default"
        )
    if isinstance(renderable, Grid):
        return renderable.lines(console, width)
    if isinstance(renderable, Group):
        out: list[list[Segment]] = []
        for part in renderable.renderables:
            lines = _block_lines(console, part, width)
            if lines is None:
                return None
            out += lines
        return out
    if isinstance(renderable, Padding):
        p = renderable
        shape = (p.top, p.right, p.bottom, p.expand, p.style)
        if shape != (0, 0, 0, True, "none") or not 0 < p.left < width:
            return None
        inner = _block_lines(console, p.renderable, width - p.left)
        return None if inner is None else [[Segment(" " * p.left), *line] for line in inner]
    return None


def _text_lines(
    console: Console,
    text: Text,
    width: int,
    *,
    no_wrap: bool,
    overflow: OverflowMethod,
    justify: JustifyMethod = "left",
) -> list[list[Segment]]:
    """A text as rich draws it in a table cell `width` wide: wrapped, padded to the width. A
    plain one-line text that fits is its own only line (what `Text.wrap` returns for it)."""
    plain = text.plain
    if not text.style and "\n" not in plain and "\t" not in plain and cell_len(plain) <= width:
        return [Segment.adjust_line_length(list(text.render(console)), width)]
    lines = text.wrap(
        console,
        width,
        justify=text.justify or justify,
        overflow=text.overflow or overflow,
        tab_size=(console.tab_size if text.tab_size is None else text.tab_size) or 8,
        no_wrap=text.no_wrap if text.no_wrap is not None else no_wrap,
    )
    rendered = [list(line.render(console)) for line in lines] or [[]]
    return [Segment.adjust_line_length(line, width) for line in rendered]
