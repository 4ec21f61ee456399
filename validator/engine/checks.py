"""The result of evaluation: one row per check, plus the facts each check involves."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.model.intervals import Intervals, ge_miss, le_miss, overlap_miss
from validator.model.verdict import Kind, Relation, Verdict

STR = "string[pyarrow]"

CHECK_COLUMNS = [
    "check_id",
    "rule",
    "name_zh",
    "name_en",
    "kind",
    "relation",
    "expression",
    "entity",
    "scope",
    "period",
    "concept",
    "member",
    "dimension",
    "stated_lo",
    "stated_hi",
    "derived_lo",
    "derived_hi",
    "verdict",
    "miss",
    "reason",
]
LINK_COLUMNS = ["check_id", "key_id", "role"]


@dataclass(frozen=True)
class Checks:
    """`table` has CHECK_COLUMNS; `links` ties each check to value keys with a role label
    (`stated`, an operand label such as `avg(total_assets)`, `member`, `total`)."""

    table: pd.DataFrame
    links: pd.DataFrame

    @staticmethod
    def concat(parts: list[Checks]) -> Checks:
        tables = [p.table for p in parts if len(p.table)]
        links = [p.links for p in parts if len(p.links)]
        table = pd.concat(tables, ignore_index=True) if tables else empty_table()
        link = pd.concat(links, ignore_index=True) if links else empty_links()
        return Checks(table, link)


def empty_table() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in CHECK_COLUMNS})


def empty_links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "check_id": pd.Series([], dtype=STR),
            "key_id": pd.Series([], dtype="int64"),
            "role": pd.Series([], dtype=STR),
        }
    )


def judge(
    stated: Intervals, derived: Intervals, relation: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Verdict and miss for each instance of `stated relation derived`."""
    miss = np.select(
        [relation == Relation.LE, relation == Relation.GE],
        [le_miss(stated, derived), ge_miss(stated, derived)],
        overlap_miss(stated, derived),
    )
    undefined = derived.undefined | stated.undefined
    verdict = np.where(
        undefined,
        Verdict.NOT_CHECKABLE.value,
        np.where(miss > 0, Verdict.DISCREPANT.value, Verdict.CONSISTENT.value),
    )
    return verdict, np.where(undefined, np.nan, miss)


def bounded_kind(kind: np.ndarray, relation: np.ndarray, derived: Intervals) -> np.ndarray:
    """An inequality, or an equality whose derived side is unbounded, is a bound."""
    is_bound = (relation != Relation.EQ) | derived.unbounded
    return np.where(is_bound & ~derived.undefined, Kind.BOUND.value, kind)
