"""The summary: a headline, each document described, and one table of counts per document
with the corpus total. Narrow consoles get marks and Chinese labels instead of English words."""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from validator.findings.model import Report
from validator.report.counts import plural
from validator.report.style import LABELS, LABELS_ZH, MARKS, styled

OUTCOMES = ("consistent", "discrepant", "acknowledged", "not_checkable")
_KEYS = {"acknowledged": "waived"}  # the key of each outcome in Report.totals and counts
WIDE = 96  # below this many columns the table's headers are marks and Chinese labels


def summary(report: Report) -> Iterator[RenderableType]:
    t = report.totals
    yield styled(
        f"validate: {plural(report.facts, 'fact')} in {plural(len(report.documents), 'document')}, "
        f"{plural(t['checks'], 'check')}",
        "heading",
    )
    yield Text()
    documents = Table.grid(padding=(0, 1))
    documents.add_column(no_wrap=True)
    documents.add_column(overflow="fold")
    for number, s in enumerate(report.documents, start=1):
        doc = s.document
        documents.add_row(
            styled(str(number), "label"),
            Text.assemble(
                styled(f"{doc.entity} · {doc.title}"),
                "\n",
                styled(f"{doc.publisher}, {doc.date} · {doc.id} · {doc.folder}", "label"),
            ),
        )
    yield documents
    yield CountsTable(report, t)
    yield Text()


class CountsTable:
    """Rendered at the console's width: words when they fit, marks and 一致/不符/… otherwise."""

    def __init__(self, report: Report, totals: dict[str, int] | None = None) -> None:
        self.report = report
        self.totals = totals  # the report's, when the caller has them already

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.max_width >= WIDE
        table = Table(box=box.SIMPLE_HEAD, show_footer=True, pad_edge=False, padding=(0, 1))
        table.add_column("", footer=Text("total 合计", style="bold"), overflow="fold")
        for label, zh in (("facts", "事实"), ("checks", "核对")):
            table.add_column(f"{label}\n{zh}" if wide else zh, justify="right", no_wrap=True)
        t = self.totals or self.report.totals
        totals = {o: t.get(_KEYS.get(o, o), 0) for o in OUTCOMES}
        table.columns[1].footer = str(self.report.facts)
        table.columns[2].footer = str(t["checks"])
        for outcome in OUTCOMES:
            label, zh = LABELS[outcome], LABELS_ZH[outcome]
            header = f"{MARKS[outcome]} {label}\n{zh}" if wide else zh
            table.add_column(
                header, justify="right", no_wrap=True, footer=_count(totals[outcome], outcome)
            )
        for number, s in enumerate(self.report.documents, start=1):
            c = s.counts
            table.add_row(
                styled(f"{number} {s.document.entity}"),
                str(s.facts),
                str(c["checks"]),
                *(_count(c.get(_KEYS.get(o, o), 0), o) for o in OUTCOMES),
            )
        yield table
        if not wide:
            yield styled(" · ".join(f"{LABELS_ZH[o]} {LABELS[o]}" for o in OUTCOMES), "label")


def _count(n: int, outcome: str) -> Text:
    return styled(str(n), outcome if n else "label")
