"""One evaluation: prepare facts, group duplicates, run every kind of check, tie checks to facts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.engine.checks import Checks
from validator.engine.formulas import formula_checks
from validator.engine.keys import KeySpace
from validator.engine.lookup import Binder
from validator.engine.measures import measure_checks
from validator.engine.prepare import prepare_facts
from validator.engine.sums import sum_checks
from validator.engine.values import add_codes, build_values, duplicate_checks
from validator.io.dictionary import Dictionary
from validator.rules.rulebook import Rule


@dataclass(frozen=True)
class Evaluation:
    """`checks` has one row per check (sorted by id); `links` is (check_id, fact_id, role)."""

    facts: pd.DataFrame
    values: pd.DataFrame
    checks: pd.DataFrame
    links: pd.DataFrame


def evaluate(
    facts: pd.DataFrame, d: Dictionary, rules: list[Rule] | tuple[Rule, ...]
) -> Evaluation:
    prepared = prepare_facts(facts, d)
    values, key_id = build_values(prepared)
    prepared["key_id"] = key_id
    space = KeySpace.build(values)
    values = add_codes(values, space)
    binder = Binder.build(values, space)
    document_keys = {
        doc: g["key_id"].unique() for doc, g in prepared.groupby("document", observed=True)
    }
    result = Checks.concat(
        [
            duplicate_checks(values),
            measure_checks(values, binder),
            sum_checks(values, d.axes),
            formula_checks(list(rules), values, d, binder, document_keys),
        ]
    )
    checks = _unique_ids(result.table).sort_values("check_id", kind="stable")
    checks = checks.reset_index(drop=True)
    links = result.links.merge(prepared[["key_id", "fact_id"]], on="key_id")
    links = links[["check_id", "fact_id", "role"]].drop_duplicates()
    links = links.sort_values(["check_id", "fact_id"], kind="stable").reset_index(drop=True)
    return Evaluation(prepared, values, checks, links)


def _unique_ids(table: pd.DataFrame) -> pd.DataFrame:
    """Check ids are unique by construction; a collision is a programming error."""
    dup = table["check_id"].duplicated(keep=False)
    if dup.any():
        raise AssertionError(f"duplicate check ids: {table.loc[dup, 'check_id'].head().tolist()}")
    return table


def verdict_counts(checks: pd.DataFrame) -> dict[str, int]:
    counts = checks["verdict"].value_counts()
    return {k: int(counts.get(k, 0)) for k in ("consistent", "discrepant", "not_checkable")}


__all__ = ["Evaluation", "evaluate", "np", "verdict_counts"]
