"""The numpy backend: plan + typed facts → Findings.

Every figure's literal becomes an interval; the statements of one figure become one value; each
template of the plan is evaluated over all its instances at once by the primitive of its family
(formula, sum, agree); the lean results are assembled into the finished table.
"""

from __future__ import annotations

import time
from typing import Protocol

import numpy as np
import pandas as pd

from validator.engine.agree import statement_checks, whole_checks
from validator.engine.assemble import FIELD_COLUMNS, assemble
from validator.engine.binder import Binder, Index
from validator.engine.chains import chain_checks, is_chain
from validator.engine.checks import Checks
from validator.engine.compositions import Slots, composition_checks
from validator.engine.formula import COLUMNS, formula_checks
from validator.engine.keys import KeySpace
from validator.engine.periods import PeriodMoves
from validator.engine.recheck import recheck
from validator.engine.rows import Rows
from validator.engine.select import Masks
from validator.engine.stated import fact_intervals
from validator.engine.sums import MemberSums, member_sums, sum_checks
from validator.engine.values import add_codes, build_values
from validator.findings.model import Findings
from validator.heap import settle, trim
from validator.io.dictionary import Dictionary
from validator.model.verdict import Family
from validator.rules.compile import subject_type
from validator.rules.plan import Plan, Template

STATEMENT_BOUNDS = ["lo_max", "hi_min", "lo_min", "hi_max"]
MEASURES = ["level", "growth", "narrowing", "share", "pp_change", "abs_change", "cagr"]


class Backend(Protocol):
    """What evaluates a plan. A second backend (DuckDB, polars, a partitioned run) implements
    this and returns the same Findings."""

    def run(
        self,
        plan: Plan,
        facts: pd.DataFrame,
        d: Dictionary,
        timings: dict[str, float] | None = None,
    ) -> Findings: ...


class NumpyBackend:
    """Column-wise evaluation with numpy over integer-coded keys."""

    def run(
        self,
        plan: Plan,
        facts: pd.DataFrame,
        d: Dictionary,
        timings: dict[str, float] | None = None,
    ) -> Findings:
        clock = time.perf_counter()
        lo, hi = fact_intervals(facts, d)
        values, key_id = build_values(facts, lo, hi)
        facts = facts.assign(key_id=key_id)
        space = KeySpace.build(values, MEASURES)
        values = add_codes(values, space)
        index = Index.build(values, space)
        binder = Binder(index, d, PeriodMoves(space))
        if timings is not None:
            timings["prepare"] = time.perf_counter() - clock
            clock = time.perf_counter()
        documents = _document_masks(facts, plan, len(values))
        masks = Masks(values, d)
        rows = Rows.of(values, COLUMNS)
        sums: dict[tuple, MemberSums | None] = {}
        parts = []
        slots = Slots.build(facts, lo, hi) if _has(plan, Family.COMPOSITION) else None
        for t in plan.templates:
            if t.family is Family.COMPOSITION:
                part = composition_checks(t, slots) if slots is not None else None
            else:
                part = _evaluate(t, values, rows, masks, binder, d, documents, sums)
            if part is not None and len(part.table):
                parts.append(part)
        del slots, lo, hi
        # The statements' own bounds are read by the duplicates' checks only, in the loop; in
        # place, as the masks hold the same frame.
        for column in STATEMENT_BOUNDS:
            del values[column]
        settle(len(facts))  # the loop's last temporaries, before the parts are joined
        found = Checks.concat(parts)
        del parts, sums, index  # the lean table holds what assembling needs
        trim()  # the loop's temporaries, before rechecking and chaining
        lean, notes = recheck(found, values, facts, plan, d)
        del found
        settle(len(facts))
        chains = chain_checks(plan, values, rows, masks, facts, binder, d, documents)
        # Assembling reads the values' key fields only: the masks, rows, join codes and
        # intervals of the loop over templates are freed before its peak, not after it.
        del binder, masks, rows, documents, space
        values = values[FIELD_COLUMNS]
        trim()
        figures = None
        if chains is not None:  # appended last: their rows follow every other check's
            figures = chains.fields.assign(row=chains.fields["row"] + len(lean.table))
            lean = Checks.concat([lean, chains.checks])
        del chains
        if timings is not None:
            timings["checks"] = time.perf_counter() - clock
            clock = time.perf_counter()
        held = [lean]  # the call takes the only reference: assembling frees it when read
        del lean
        findings = assemble(plan, held.pop(), values, facts, d, notes, figures)
        if timings is not None:
            timings["assemble"] = time.perf_counter() - clock
        return findings


def _evaluate(
    t: Template,
    values: pd.DataFrame,
    rows: Rows,
    masks: Masks,
    binder: Binder,
    d: Dictionary,
    documents: dict[str, np.ndarray],
    sums: dict[tuple, MemberSums | None],
) -> Checks | None:
    if t.family is Family.SUM:
        if t.stated not in sums:
            sums[t.stated] = member_sums(values, masks.rows(t.stated))
        found = sums[t.stated]
        return sum_checks(t, found, d) if found is not None else None
    if is_chain(t):
        return None  # evaluated after every relation (engine/chains.py)
    if t.family is Family.AGREE and t.grouping == "statement":
        return statement_checks(t, values)
    picked = masks.rows(t.stated)
    if t.document is not None:
        picked = picked[documents[t.document][picked]]  # value row = key_id
    if not len(picked):  # every instance is a stated figure's: none, no checks
        return None
    s = rows.take(picked)
    if t.family is Family.AGREE:
        return whole_checks(t, s, binder)
    return formula_checks(t, s, binder, subject_type(t, d))


def _has(plan: Plan, family: Family) -> bool:
    return any(t.family is family for t in plan.templates)


def _document_masks(facts: pd.DataFrame, plan: Plan, n: int) -> dict[str, np.ndarray]:
    """Per document a template is scoped to: which values (by key_id) it states."""
    scoped = {t.document for t in plan.templates if t.document}
    if not scoped:
        return {}
    document = facts["document"]
    if isinstance(document.dtype, pd.CategoricalDtype):
        codes = document.cat.codes.to_numpy()
        names = document.cat.categories.astype(object)
    else:
        codes, names = pd.factorize(document.astype(object))
    position = {name: i for i, name in enumerate(names)}
    keys = facts["key_id"].to_numpy()
    out = {}
    for name in scoped:
        mask = np.zeros(n, dtype=bool)
        if name in position:
            mask[keys[codes == position[name]]] = True
        out[name] = mask
    return out
