"""The findings of entity partitions merged into those of one run over all the facts.

Each partition's Findings numbers its checks, facts and value keys from zero. The merge puts the
facts back in the corpus's order, re-sorts the checks by id (stable: a check id names its
entity, so equal ids come from one partition, in that partition's order), and renumbers the
links and the check-document pairs. Keys are offset per partition: they stay unique and keep
their order within an entity, which is all that compares them (suspect tie-breaks, within a check).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from validator.engine.packed import Coded, PackedFindings, PackedTable, merged_column, pack_findings
from validator.findings.model import Findings


def merge_findings(parts: list[Findings | PackedFindings], rows: Sequence[np.ndarray]) -> Findings:
    """`parts[i]` is the findings of the facts at positions `rows[i]` of the corpus. The list
    is emptied as the merge goes: each frame of the parts is dropped once its rows are merged,
    and every merged frame is built column by column (no second copy of all the rows)."""
    parts[:] = [pack_findings(p) for p in parts]
    check_offset = np.cumsum([0] + [len(p.table) for p in parts])
    key_offset = np.cumsum([0] + [_key_count(p) for p in parts])
    rules: dict = {}
    for p in parts:
        rules.update(p.rules)

    tables = [_suspects_moved(p.table, r) for p, r in zip(parts, rows, strict=True) if len(p.table)]
    tables = tables or [parts[0].table]
    ids = merged_column(tables, "check_id").to_numpy()
    order = np.argsort(ids, kind="stable")
    del ids
    new_row = np.empty(len(order), dtype=np.int64)
    new_row[order] = np.arange(len(order))
    table = _frame({name: merged_column(tables, name, order) for name in tables[0].columns})
    del tables
    _drop(parts, table=EMPTY)

    position = np.concatenate(rows)
    order = np.argsort(position, kind="stable")
    facts = [
        p.fact_table.assign(key=p.fact_table["key"].to_numpy() + k)
        for p, k in zip(parts, key_offset[:-1], strict=True)
    ]
    _drop(parts, fact_table=None)
    fact_table = _frame(
        {c: _taken(concat_frames([f[[c]] for f in facts])[c], order) for c in facts[0].columns}
    ).set_axis(position[order])
    del facts

    links = _links(parts, rows, new_row, check_offset, key_offset)
    _drop(parts, links=None)

    pairs = pd.concat(
        [
            p.check_documents.assign(check=new_row[p.check_documents["check"].to_numpy() + c])
            for p, c in zip(parts, check_offset[:-1], strict=True)
            if len(p.check_documents)
        ]
        or [parts[0].check_documents],
        ignore_index=True,
    )
    parts.clear()
    if len(pairs):
        pairs = pairs.sort_values(["check", "document"]).reset_index(drop=True)
    return Findings(
        table=table,
        fact_table=fact_table,
        links=links,
        rules=rules,
        documents=(),
        check_documents=pairs,
    )


EMPTY = PackedTable((), {}, 0)


def _drop(parts: list[PackedFindings], **frames: object) -> None:
    """The parts without the frames already merged (the caller holds no other reference)."""
    parts[:] = [replace(p, **frames) for p in parts]


def _suspects_moved(table: PackedTable, rows: np.ndarray) -> PackedTable:
    """A partition's `suspect` fact rows (named on its worker) as rows of the corpus."""
    suspect = table.data.get("suspect")
    if suspect is None or isinstance(suspect, Coded) or not (suspect.to_numpy() >= 0).any():
        return table
    s = suspect.to_numpy()
    moved = pd.Series(np.where(s >= 0, rows[np.maximum(s, 0)], s), dtype=suspect.dtype)
    return replace(table, data={**table.data, "suspect": moved})


def _frame(columns: dict[str, pd.Series]) -> pd.DataFrame:
    """The columns as a frame without copying them into one block per dtype (that copy would
    hold every object column twice at the merge's peak)."""
    return pd.DataFrame(columns, copy=False)


def _taken(column: pd.Series, order: np.ndarray) -> pd.Series:
    return column.iloc[order].reset_index(drop=True)


def _links(
    parts: Sequence[PackedFindings],
    rows: Sequence[np.ndarray],
    new_row: np.ndarray,
    check_offset: np.ndarray,
    key_offset: np.ndarray,
) -> pd.DataFrame:
    """The links renumbered to the merged checks, facts and keys, ordered by check (stable:
    within a check, in its partition's order)."""
    kept = [
        (p.links, r, c, k)
        for p, r, c, k in zip(parts, rows, check_offset[:-1], key_offset[:-1], strict=True)
        if len(p.links)
    ]
    if not kept:
        return parts[0].links.reset_index(drop=True)
    frames = [f for f, _, _, _ in kept]
    moved = {
        "check": [new_row[f["check"].to_numpy() + c] for f, _, c, _ in kept],
        "fact": [r[f["fact"].to_numpy()] for f, r, _, _ in kept],
        "key": [f["key"].to_numpy() + k for f, _, _, k in kept],
    }
    del kept
    check = np.concatenate(moved.pop("check"))
    order = np.argsort(check, kind="stable")
    out = {}
    for c in frames[0].columns:
        if c == "check":
            out[c] = pd.Series(check[order])
        elif c in moved:
            out[c] = pd.Series(np.concatenate(moved[c])[order])
        else:
            out[c] = _taken(_stacked([f[c] for f in frames]), order)
    return _frame(out)


def _stacked(columns: list[pd.Series]) -> pd.Series:
    """Columns one under the other; categoricals united (sorted), as the single run's are."""
    if all(isinstance(c.dtype, pd.CategoricalDtype) for c in columns):
        return pd.Series(union_categoricals(columns, sort_categories=True))
    return pd.concat(columns, ignore_index=True)


def concat_frames(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Frames one under the other, index kept; a categorical column stays categorical with the
    sorted union of the categories (as one table of all the rows would have them), even when
    each frame was typed apart (facts loaded per partition)."""
    out = pd.concat(frames)
    for column in frames[0].columns:
        if isinstance(frames[0][column].dtype, pd.CategoricalDtype) and not isinstance(
            out[column].dtype, pd.CategoricalDtype
        ):
            joined = union_categoricals([f[column] for f in frames], sort_categories=True)
            out[column] = joined
    return out


def _key_count(f: Findings | PackedFindings) -> int:
    keys = f.fact_table["key"].to_numpy()
    return int(keys.max()) + 1 if len(keys) else 0
