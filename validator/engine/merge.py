"""The findings of entity partitions merged into those of one run over all the facts.

Each partition's Findings numbers its checks, facts and value keys from zero. The merge puts the
facts back in the corpus's order, re-sorts the checks by id (stable: a check id names its
entity, so equal ids come from one partition, in that partition's order), and renumbers the
links and the check-document pairs. Keys are offset per partition: they stay unique and keep
their order within an entity, which is all that compares them (suspect tie-breaks, within a check).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from validator.findings.model import Findings


def merge_findings(parts: Sequence[Findings], rows: Sequence[np.ndarray]) -> Findings:
    """`parts[i]` is the findings of the facts at positions `rows[i]` of the corpus."""
    check_offset = np.cumsum([0] + [len(p.table) for p in parts])
    key_offset = np.cumsum([0] + [_key_count(p) for p in parts])

    tables = [p.table for p in parts if len(p.table)] or [parts[0].table]
    table = concat_frames(tables).reset_index(drop=True)
    order = np.argsort(table["check_id"].to_numpy(dtype=object), kind="stable")
    new_row = np.empty(len(order), dtype=np.int64)
    new_row[order] = np.arange(len(order))
    table = table.iloc[order].reset_index(drop=True)

    position = np.concatenate(rows)
    fact_table = concat_frames(
        [
            p.fact_table.assign(key=p.fact_table["key"].to_numpy() + k)
            for p, k in zip(parts, key_offset[:-1], strict=True)
        ]
    )
    fact_table = fact_table.set_axis(position).iloc[np.argsort(position, kind="stable")]

    links = pd.concat(
        [
            p.links.assign(
                check=new_row[p.links["check"].to_numpy() + c]
                if len(p.links)
                else p.links["check"],
                fact=r[p.links["fact"].to_numpy()],
                key=p.links["key"].to_numpy() + k,
            )
            for p, r, c, k in zip(parts, rows, check_offset[:-1], key_offset[:-1], strict=True)
        ],
        ignore_index=True,
    )
    links = links.sort_values("check", kind="stable").reset_index(drop=True)

    pairs = pd.concat(
        [
            p.check_documents.assign(check=new_row[p.check_documents["check"].to_numpy() + c])
            for p, c in zip(parts, check_offset[:-1], strict=True)
            if len(p.check_documents)
        ]
        or [parts[0].check_documents],
        ignore_index=True,
    )
    if len(pairs):
        pairs = pairs.sort_values(["check", "document"]).reset_index(drop=True)

    rules = {}
    for p in parts:
        rules.update(p.rules)
    return Findings(
        table=table,
        fact_table=fact_table,
        links=links,
        rules=rules,
        documents=(),
        check_documents=pairs,
    )


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


def _key_count(f: Findings) -> int:
    keys = f.fact_table["key"].to_numpy()
    return int(keys.max()) + 1 if len(keys) else 0
