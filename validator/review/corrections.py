"""Correction proposals: which literal at typographic distance one, put in place of a suspect
figure's printed literal, makes every relation the figure takes part in hold.

A candidate is judged by evaluating the relations again, not by inverting them: the facts of the
figure's relations are copied once per candidate (under a tagged entity, so the copies never
meet), the literal replaced, and the whole batch run through the backend in one go. A candidate
is a proposal when, in its copy, every relation linked to a replaced figure is not discrepant
and every discrepancy of the group it was meant to repair is consistent (or no longer applies).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.findings.model import Findings
from validator.io.columns import as_category
from validator.io.facts_table import CATEGORICAL
from validator.model.verdict import Verdict

Reevaluate = Callable[[pd.DataFrame], Findings]  # typed facts → findings, before review
TAG = "#candidate"
BATCH_ROWS = 400_000


@dataclass(frozen=True)
class Variant:
    """One candidate correction: literals to replace, the facts to evaluate again, and the
    discrepancies (check ids) it must repair."""

    replace: tuple[tuple[int, str, str], ...]  # (fact row, literal, unit)
    facts: np.ndarray  # fact rows (typed facts = Findings.fact_table rows)
    repairs: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    holds: bool
    relations: int  # relations of the replaced figures evaluated in the copy
    consistent: int


def judge(
    variants: Sequence[Variant], facts: pd.DataFrame, reevaluate: Reevaluate
) -> list[Outcome]:
    """Evaluate every variant's copy; batches keep memory bounded."""
    out: list[Outcome] = []
    start = 0
    while start < len(variants):
        stop, rows = start, 0
        while stop < len(variants) and (
            rows == 0 or rows + len(variants[stop].facts) <= BATCH_ROWS
        ):
            rows += len(variants[stop].facts)
            stop += 1
        out += _judge_batch(variants[start:stop], facts, reevaluate)
        start = stop
    return out


def evaluate_copies(
    variants: Sequence[Variant], facts: pd.DataFrame, reevaluate: Reevaluate
) -> tuple[Findings, np.ndarray, np.ndarray]:
    """The findings of every variant's copy (entities tagged `#candidate<i>`), the variant of
    each copied fact and whether its literal was replaced."""
    rows = np.concatenate([v.facts for v in variants])
    owner = np.repeat(np.arange(len(variants)), [len(v.facts) for v in variants])
    batch = facts.iloc[rows].reset_index(drop=True)
    for c in CATEGORICAL:
        if c in batch:
            batch[c] = batch[c].astype(object)
    entity = batch["entity"].to_numpy(dtype=object)
    tags = np.array([f"{TAG}{i}" for i in range(len(variants))], dtype=object)
    value = batch["value"].to_numpy(dtype=object).copy()
    unit = batch["unit"].to_numpy(dtype=object).copy()
    changed = np.zeros(len(batch), dtype=bool)
    offset = np.concatenate([[0], np.cumsum([len(v.facts) for v in variants])])
    for i, v in enumerate(variants):
        where = {int(r): offset[i] + k for k, r in enumerate(v.facts.tolist())}
        for row, literal, u in v.replace:
            at = where[row]
            value[at], unit[at], changed[at] = literal, u, True
    batch["entity"] = entity + tags[owner]
    batch["value"] = value
    batch["printed"] = value
    batch["unit"] = unit
    batch["fact_id"] = np.arange(len(batch), dtype=np.int64)
    for c in CATEGORICAL:
        if c in batch:
            batch[c] = as_category(batch[c])
    return reevaluate(batch), owner, changed


def _judge_batch(
    variants: Sequence[Variant], facts: pd.DataFrame, reevaluate: Reevaluate
) -> list[Outcome]:
    found, owner, changed = evaluate_copies(variants, facts, reevaluate)
    links = found.links
    touched = links[changed[links["fact"].to_numpy()]]
    check_rows = touched["check"].to_numpy()
    variant_of = owner[touched["fact"].to_numpy()]
    pairs = pd.DataFrame({"check": check_rows, "variant": variant_of}).drop_duplicates()
    checks = pairs["check"].to_numpy()
    owners = pairs["variant"].to_numpy()
    order = np.argsort(owners, kind="stable")
    bounds = np.searchsorted(owners[order], np.arange(len(variants) + 1)).tolist()
    verdict = found.table["verdict"].astype(object).to_numpy()[checks[order]].tolist()
    ids = found.table["check_id"].astype(object).to_numpy()[checks[order]].tolist()
    out = []
    for i, v in enumerate(variants):
        a, b = bounds[i], bounds[i + 1]
        if a == b:
            out.append(Outcome(False, 0, 0))
            continue
        tag = f"{TAG}{i}"
        mine = [str(x).replace(tag, "") for x in ids[a:b]]
        said = verdict[a:b]
        consistent = {x for x, y in zip(mine, said, strict=True) if y == Verdict.CONSISTENT.value}
        discrepant = any(y == Verdict.DISCREPANT.value for y in said)
        # A repaired discrepancy is consistent, or gone: a sign check of a figure no longer
        # printed negative does not apply.
        holds = not discrepant and (v.repairs & set(mine)) <= consistent
        out.append(Outcome(holds, b - a, len(consistent)))
    return out
