"""Implied figures: what each relation says a figure must be when that figure is one of its
operands, and the agreement of every such implication of one figure (a chain).

A stated growth and the current level imply an interval for the base level; a share and its
part imply the whole. Each `implies:` entry of a chain template (validator/rules/plan.py
`Implication`) is evaluated over all its instances at once, keyed by the packed key of the figure
it implies; the implied intervals of one key, with the stated figure of that key if any, must
share a point. Depth one: an implied interval never implies another, so every chain is two
relations deep at most and each element is the exact image (up to outward rounding) of
printed figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.engine.binder import Binder, Found
from validator.engine.expression import evaluate
from validator.engine.keys import MISSING
from validator.engine.rows import Rows
from validator.engine.select import Masks
from validator.model.intervals import Intervals
from validator.rules.plan import Binding, Implication

# The code columns of an implied figure, in the order of KeySpace.pack.
FIGURE_CODES = ("entity", "scope", "member", "concept", "period", "dimension", "qual")


@dataclass(frozen=True)
class Elements:
    """One row per usable instance of every implication of a chain template."""

    table: pd.DataFrame  # implication, figure (packed key), lo, hi, stated key, figure codes,
    # figure_key/figure_lo/figure_hi (the figure where stated, NaN otherwise)
    operands: Rows  # element, key_id, role: the stated figures each element reads


def implied_elements(
    implications: tuple[Implication, ...],
    values: Rows,
    masks: Masks,
    binder: Binder,
    document: np.ndarray | None = None,
) -> Elements:
    """Every implication evaluated over its stated figures (restricted to the values a
    `document` mask takes when given)."""
    tables, operand_tables, offset = [], [], 0
    names: dict[str, int] = {}
    for number, imp in enumerate(implications):
        picked = masks.rows(imp.stated)
        if document is not None:
            picked = picked[document[picked]]  # value row = key_id
        s = values.take(picked)
        if s.empty:
            continue
        found = _bind(imp, s, binder)
        table, rows = _evaluate(imp, s, found, binder)
        if not len(rows):
            continue
        table.insert(0, "implication", number)
        tables.append(table)
        roles = [(imp.role, s["key_id"].astype(float)[rows])]
        others = [b for b in imp.operands if b.name != imp.figure]
        roles += [(b.name, found[b.name].key_id[rows]) for b in others]
        for role, key in roles:
            code = names.setdefault(role, len(names))
            operand_tables.append(
                pd.DataFrame(
                    {
                        "element": np.arange(len(rows)) + offset,
                        "key_id": key,
                        "role": np.full(len(rows), code, dtype=np.int32),
                    }
                )
            )
        offset += len(rows)
    if not tables:
        return Elements(_empty_table(), pd.DataFrame(columns=["element", "key_id", "role"]))
    operands = pd.concat(operand_tables, ignore_index=True)
    operands = operands[~np.isnan(operands["key_id"].to_numpy(float))]
    # The role as a categorical: a code per operand, not a string (there are millions).
    operands["role"] = pd.Categorical.from_codes(
        operands["role"].to_numpy(), categories=pd.Index(list(names), dtype="str")
    )
    return Elements(
        pd.concat(tables, ignore_index=True),
        operands.astype({"key_id": np.int64}).reset_index(drop=True),
    )


def _empty_table() -> pd.DataFrame:
    columns = ["implication", "figure", "lo", "hi", "stated_key", *FIGURE_CODES]
    columns += ["figure_key", "figure_lo", "figure_hi"]
    return pd.DataFrame({c: pd.Series([], dtype=float) for c in columns})


def _bind(imp: Implication, s: Rows, binder: Binder) -> dict[str, Found]:
    rules = {b.name: b for b in imp.operands}
    found: dict[str, Found] = {}
    for b in imp.operands:
        found[b.name] = binder.bind(b, s, found, rules, None)
    return found


def _evaluate(
    imp: Implication, s: Rows, found: dict[str, Found], binder: Binder
) -> tuple[pd.DataFrame, np.ndarray]:
    """The implied interval and figure key of each instance whose other operands are stated."""
    keep = np.ones(len(s), dtype=bool)
    env: dict[str, Intervals] = {"stated": Intervals.of(s["lo"], s["hi"])}
    for b in imp.operands:
        if b.name != imp.figure:
            keep &= found[b.name].present
            env[b.name] = Intervals.of(found[b.name].lo, found[b.name].hi)
    for name in imp.positive:
        keep &= env[name].lo > 0
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        implied = evaluate(imp.element, env, len(s))
    keep &= ~implied.undefined
    rules = {b.name: b for b in imp.operands}
    codes = figure_codes(imp.operand(imp.figure), s, found, rules, binder)
    packed = binder.space.pack(**dict(zip(FIGURE_CODES, codes, strict=True)))
    keep &= packed != MISSING
    rows = np.flatnonzero(keep)
    figure = found[imp.figure]
    table = pd.DataFrame(
        {
            "figure": packed[rows],
            "lo": implied.lo[rows],
            "hi": implied.hi[rows],
            "stated_key": s["key_id"][rows],
            **{name: c[rows] for name, c in zip(FIGURE_CODES, codes, strict=True)},
            "figure_key": figure.key_id[rows],
            "figure_lo": figure.lo[rows],
            "figure_hi": figure.hi[rows],
        }
    )
    return table, rows


def figure_codes(
    b: Binding,
    s: Rows,
    found: dict[str, Found],
    rules: dict[str, Binding],
    binder: Binder,
) -> list[np.ndarray]:
    """The key codes of the figure an operand names, whether it is stated or not: as the
    binder finds an operand, with the first candidate dimension where it is not stated."""
    col, scope, member, concept, period, qual = binder.named(b, s)
    first = binder.candidates(b, concept, col, found, rules)[0]
    f = found[b.name]
    dimension = np.where(f.present, f.dimension, first)
    return [col["e_c"], scope, member, concept, period, dimension.astype(np.int64), qual]
