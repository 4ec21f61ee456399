"""The source view: a document's tables and statements redrawn from its recorded figures.

A figure's `location` names the table or statement first (图表4, 附件2-1, 优势1), then the row
and the column as printed (边界安全产品 2023年 收入). Figures are grouped by that first word into
tables, in the order of the source text (src_line, then data file and line); rows are concepts
and members, columns the period headers as printed (or the period where none is printed), both
in order of first appearance.

A document above SOURCE_BUDGET figures is drawn only where findings are: the rows holding a
flagged figure. This keeps the site's size and build time growing with findings, not facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from validator.findings.model import CheckResult

SOURCE_BUDGET = 5000  # figures of a document drawn in full; above it, flagged rows only
HEADER = re.compile(r"^\d{4}(?:年[0-9一-龥\-月末度上下半季]*|[HQ]\d|-\d\d(?:-\d\d)?)?$")
ROW_KEY = ("entity", "scope", "concept", "member", "measure", "whole")
VIEW_COLUMNS = (
    *ROW_KEY,
    "period",
    "base",
    "qualifier",
    "value",
    "unit",
    "location",
    "src_line",
    "file",
    "line",
    "document",
)


@dataclass(frozen=True)
class Figure:
    """One printed figure as the source view shows it."""

    value: str
    unit: str
    qualifier: str
    base: str
    period: str
    location: str
    src_line: str
    file: str
    line: int


@dataclass
class Table:
    name: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (label, key)
    cells: dict[tuple[tuple[str, ...], str], list[Figure]] = field(default_factory=dict)
    _seen: set[tuple[str, ...]] = field(default_factory=set, repr=False)

    def add(self, label: str, key: tuple[str, ...], column: str, fig: Figure) -> None:
        if column not in self.columns:
            self.columns.append(column)
        if key not in self._seen:
            self._seen.add(key)
            self.rows.append((label, key))
        self.cells.setdefault((key, column), []).append(fig)


@dataclass(frozen=True)
class SourceView:
    document: str
    tables: tuple[Table, ...]
    figures: int  # figures of the document
    drawn: int  # figures drawn
    complete: bool  # every figure of the document is drawn


def split_location(location: str, period: str) -> tuple[str, str, str]:
    """(table, row label, column header) of a location: the first word names the table; a word
    that reads as a period heading (2024年, 2025年3月, 2024H1) is the column."""
    words = location.split()
    if not words:
        return ("(no location)", "", period)
    table, rest = words[0], words[1:]
    column = next((w for w in rest if HEADER.match(w)), "")
    label = " ".join(w for w in rest if w != column)
    return (table, label, column or period)


def _order(frame: pd.DataFrame) -> pd.DataFrame:
    src = pd.to_numeric(frame["src_line"].astype(object).replace("", None), errors="coerce")
    ordered = frame.assign(_src=src.fillna(float("inf")))
    return ordered.sort_values(["_src", "file", "line"], kind="stable")


def flagged_keys(checks: Iterable[CheckResult]) -> set[tuple[str, int]]:
    """The printings the findings involve: their facts and their suspects' printings."""
    out = set()
    for c in checks:
        out |= {(f.file, f.line) for f in c.facts}
        out |= {(f.file, f.line) for alt in c.suspects for f in alt}
    return out


def _limit(frame: pd.DataFrame, flagged: set[tuple[str, int]]) -> pd.DataFrame:
    """The rows (same table, same concept and member) holding a flagged figure. The whole
    document is only joined on its row columns; table names are read from the rows found."""
    hit = frame[_at(frame, flagged)]
    if hit.empty:
        return frame.iloc[0:0]
    rows = frame.merge(hit[list(ROW_KEY)].drop_duplicates(), on=list(ROW_KEY), how="inner")
    rows = rows.assign(_table=_table_of(rows["location"]))
    keys = hit.assign(_table=_table_of(hit["location"]))[[*ROW_KEY, "_table"]].drop_duplicates()
    return rows.merge(keys, on=[*ROW_KEY, "_table"], how="inner")


def _table_of(locations: pd.Series) -> pd.Series:
    return locations.astype(object).str.split(" ", n=1).str[0]


def _at(frame: pd.DataFrame, wanted: set[tuple[str, int]]) -> np.ndarray:
    """A mask of the rows recorded at one of the wanted (data file, line) places."""
    mask = np.zeros(len(frame), dtype=bool)
    if not wanted:
        return mask
    lines = frame["line"].astype("int64")
    near = frame["file"].isin({f for f, _ in wanted}) & lines.isin({n for _, n in wanted})
    idx = np.flatnonzero(near.to_numpy())
    files = frame["file"].to_numpy()[idx]
    exact = [(f, int(n)) in wanted for f, n in zip(files, lines.to_numpy()[idx], strict=True)]
    mask[idx[np.asarray(exact, dtype=bool)]] = True
    return mask


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def source_view(document: str, facts: pd.DataFrame, findings: list[CheckResult]) -> SourceView:
    """The tables of one document from its stated facts (rows of Findings.fact_table)."""
    flagged = flagged_keys(findings)
    frame = facts.drop_duplicates(["file", "line"])  # one figure per recorded line
    total = len(frame)
    complete = total <= SOURCE_BUDGET
    if not complete:
        frame = _limit(frame, flagged)
    frame = _order(frame)
    tables: dict[str, Table] = {}
    records = frame[list(VIEW_COLUMNS)].astype(object).itertuples(index=False)
    for r in records:
        name, label, column = split_location(_text(r.location), _text(r.period))
        key = tuple(_text(getattr(r, k)) for k in ROW_KEY)
        fig = Figure(
            _text(r.value),
            _text(r.unit),
            _text(r.qualifier),
            _text(r.base),
            _text(r.period),
            _text(r.location),
            _text(r.src_line),
            _text(r.file),
            int(r.line),
        )
        tables.setdefault(name, Table(name)).add(label or _text(r.concept), key, column, fig)
    return SourceView(document, tuple(tables.values()), total, len(frame), complete)
