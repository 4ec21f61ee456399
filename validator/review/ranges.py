"""The printed values a figure could take for its relations to hold.

`stated_ranges`: for a figure some relation states, the derived interval of each relation in
which it is the stated figure (or the total), intersected; it prunes correction candidates.

`with_operand_ranges`: for a suspect figure that is only ever an operand (no relation states
it, so no derived interval bounds it), the range of printed literals, at its digits and in its
unit, that makes every relation of the figure consistent. Relations are not inverted: each probe
is judged by evaluating the figure's relations again on a tagged copy (review.corrections), a
start is found by the secant method on the discrepancy's derived interval (or taken from a
verified proposal), and each end is searched on the grid of printed values, many probes a round.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np
import pandas as pd

from validator.findings.model import Findings
from validator.findings.types import PrintedRange, Proposal
from validator.model.verdict import Kind, Relation, Verdict
from validator.review.corrections import TAG, Reevaluate, Variant, evaluate_copies, judge
from validator.review.neighbours import Neighbours
from validator.review.typos import is_plain

STATING_ROLES = ("stated", "total")
STATED, DERIVED = ("stated_lo", "stated_hi"), ("derived_lo", "derived_hi")
MAX_FIGURES = 200  # operand-only suspect figures given a range per run
PROBES = 16  # probes per end and round
SECANT_ROUNDS = 4
EXPAND_ROUNDS = 3  # each round reaches 2**16 times further
EXTRA_DIGITS = 4  # digits a secant probe carries beyond the printed ones


def stated_ranges(f: Findings, rows: np.ndarray) -> dict[int, tuple[float, float]]:
    """fact row → (lo, hi) in the fact's unit, for those of `rows` stated by some relation."""
    t = f.table
    links = f.links[np.isin(f.links["fact"].to_numpy(), rows)]
    links = links[links["role"].astype(object).isin(STATING_ROLES).to_numpy()]
    c = links["check"].to_numpy()
    fact = links["fact"].to_numpy()
    same_unit = t["unit"].take(c).astype(object).to_numpy() == (
        f.fact_table["unit"].take(fact).astype(object).to_numpy()
    )
    evidential = t["kind"].take(c).astype(object).to_numpy() != Kind.DUPLICATE.value
    lo = t["derived_lo"].to_numpy(dtype=float)[c]
    hi = t["derived_hi"].to_numpy(dtype=float)[c]
    relation = t["relation"].take(c).astype(object).to_numpy()
    lo = np.where(relation == Relation.LE.value, -np.inf, lo)
    hi = np.where(relation == Relation.GE.value, np.inf, hi)
    use = same_unit & evidential & ~np.isnan(lo) & ~np.isnan(hi)
    out: dict[int, tuple[float, float]] = {}
    for r, a, b in zip(fact[use].tolist(), lo[use].tolist(), hi[use].tolist(), strict=True):
        old = out.get(r, (-np.inf, np.inf))
        out[r] = (max(old[0], a), min(old[1], b))
    return out


@dataclass
class _Figure:
    """One operand-only suspect figure and what its search needs."""

    key: int
    printings: np.ndarray  # its fact rows (all replaced by each probe)
    literal: str
    unit: str
    decimals: int
    near: np.ndarray  # the facts of every relation it takes part in
    repairs: frozenset[str]  # its relations that were checkable: all must be consistent
    target: str  # a discrepancy it is a suspect of (the secant's relation)
    start: int | None = None  # a feasible printed value, in steps of 10**-decimals
    lo: int | None = None
    hi: int | None = None


def _literal(n: int, decimals: int) -> str:
    return f"{Decimal(n).scaleb(-decimals):.{decimals}f}"


def _steps(literal: str, decimals: int) -> int:
    return int(Decimal(literal).scaleb(decimals).to_integral_value())


def _decimals(literal: str) -> int:
    return len(literal.split(".")[1]) if "." in literal else 0


def _holds(figs: list[_Figure], probes: list[list[int]], facts, reevaluate) -> list[list[bool]]:
    """For each figure, whether each printed probe makes every relation of it consistent."""
    variants = [
        Variant(tuple((int(r), _literal(n, g.decimals), g.unit) for r in g.printings), g.near,
            g.repairs)
        for g, ns in zip(figs, probes, strict=True)
        for n in ns
    ]  # fmt: skip
    out = iter([o.holds for o in judge(variants, facts, reevaluate)] if variants else [])
    return [[next(out) for _ in ns] for ns in probes]


def _derived_mid(
    figs: list[_Figure], values: list[float], facts: pd.DataFrame, reevaluate: Reevaluate
) -> list[float]:
    """The midpoint of each figure's target relation with the figure printed at `values`
    (carrying EXTRA_DIGITS more digits, so that its own rounding hardly widens the result)."""
    variants = []
    for g, v in zip(figs, values, strict=True):
        d = g.decimals + EXTRA_DIGITS
        lit = _literal(int(np.rint(v * 10**d)), d)
        variants.append(
            Variant(tuple((int(r), lit, g.unit) for r in g.printings), g.near, g.repairs)
        )
    found, _, _ = evaluate_copies(variants, facts, reevaluate)
    t = found.table
    mid = (t["derived_lo"].to_numpy(float) + t["derived_hi"].to_numpy(float)) / 2
    at = {}
    pairs = zip(t["entity"].astype(object), t["check_id"].astype(object), strict=True)
    for k, (entity, check_id) in enumerate(pairs):
        i = str(entity).rsplit(TAG, 1)[-1]
        if i.isdigit():
            at[(int(i), str(check_id).replace(f"{TAG}{i}", ""))] = k
    return [float(mid[at[(i, g.target)]]) if (i, g.target) in at else float("nan")
            for i, g in enumerate(figs)]  # fmt: skip


def _secant(figs: list[_Figure], f: Findings, facts, reevaluate) -> dict[int, float]:
    """For each figure without a start: where its target relation's derived midpoint meets the
    stated midpoint (a few secant steps, all figures at once, until every one has settled to a
    fraction of its printed digit)."""
    todo = [g for g in figs if g.start is None]
    if not todo:
        return {}
    t = f.table
    targets = {g.target for g in todo}
    hits = np.flatnonzero(t["check_id"].isin(targets).to_numpy())
    ids = t["check_id"].take(hits).astype(object).tolist()
    row = {str(i): int(k) for k, i in zip(hits.tolist(), ids, strict=True)}  # the last one wins

    bounds = {c: t[c].to_numpy(dtype=float) for c in STATED + DERIVED}

    def mid(lo: str, hi: str, g: _Figure) -> float:
        return float(bounds[lo][row[g.target]] + bounds[hi][row[g.target]]) / 2

    goal = [mid("stated_lo", "stated_hi", g) for g in todo]
    x0 = [float(g.literal) for g in todo]
    y0 = [mid("derived_lo", "derived_hi", g) - s for g, s in zip(todo, goal, strict=True)]
    x1 = [x * 1.01 if x else 10.0**-g.decimals for x, g in zip(x0, todo, strict=True)]
    active = list(range(len(todo)))
    for _ in range(SECANT_ROUNDS):
        if not active:
            break
        mids = _derived_mid([todo[i] for i in active], [x1[i] for i in active], facts, reevaluate)
        still = []
        for i, m in zip(active, mids, strict=True):
            a, fa, b, fb = x0[i], y0[i], x1[i], m - goal[i]
            ok = np.isfinite([fa, fb]).all() and fb != fa
            n = b - fb * (b - a) / (fb - fa) if ok else float("nan")
            x0[i], y0[i], x1[i] = b, fb, n
            step = 10.0 ** -todo[i].decimals
            if np.isfinite(n) and abs(n - b) >= 0.1 * step and abs(n) < 1e6 * (abs(a) + step):
                still.append(i)
        active = still
    return {g.key: x for g, x in zip(todo, x1, strict=True)}


def _starts(figs: list[_Figure], estimates: dict[int, float], facts, reevaluate) -> None:
    """Verify a start for every figure in one evaluation: its proposal on the printed grid, or
    the printed values nearest to the secant's estimate."""
    probes = []
    for g in figs:
        x = estimates.get(g.key)
        if g.start is not None:
            probes.append([g.start])
        elif x is not None and np.isfinite(x):
            probes.append([int(np.rint(x * 10**g.decimals)) + k for k in (0, -1, 1, -2, 2)])
        else:
            probes.append([])
    for g, ns, ok in zip(figs, probes, _holds(figs, probes, facts, reevaluate), strict=True):
        g.start = next((n for n, good in zip(ns, ok, strict=True) if good), None)


def _advance(open_: list[list], probes: list[list[int]], facts, reevaluate) -> None:
    """Judge each end's probes (ordered outward) and move it: `good` to the last probe that
    holds before the first that fails, `bad` to that first failing probe."""
    outcomes = _holds([s[0] for s in open_], probes, facts, reevaluate)
    for s, ns, ok in zip(open_, probes, outcomes, strict=True):
        first_bad = next((k for k, good in enumerate(ok) if not good), None)
        if first_bad is None:
            s[2] = ns[-1]
        else:
            s[3] = ns[first_bad]
            if first_bad:
                s[2] = ns[first_bad - 1]


def _ends(figs: list[_Figure], facts, reevaluate) -> None:
    """Each end of each figure's range: probes reaching exponentially further until one fails,
    then PROBES evenly spaced probes a round between the last that holds and the first that
    fails. The printed values that hold are taken to be one interval."""
    state = []  # (figure, direction, good, bad): good holds, bad fails (None: not found yet)
    for g in figs:
        state += [[g, -1, g.start, None], [g, 1, g.start, None]]
    for r in range(EXPAND_ROUNDS):
        open_ = [s for s in state if s[3] is None]
        if not open_:
            break
        probes = [[s[2] + s[1] * 2 ** (PROBES * r + j) for j in range(PROBES)] for s in open_]
        _advance(open_, probes, facts, reevaluate)
    while True:
        open_ = [s for s in state if s[3] is not None and abs(s[3] - s[2]) > 1]
        if not open_:
            break
        probes = []
        for s in open_:
            gap = abs(s[3] - s[2])
            k = min(PROBES, gap - 1)
            probes.append(sorted({s[2] + s[1] * max(1, gap * (j + 1) // (k + 1)) for j in range(k)},
                                 key=lambda n, s=s: s[1] * n))  # fmt: skip
        _advance(open_, probes, facts, reevaluate)
    for g, direction, good, bad in state:
        if direction < 0:
            g.lo = good if bad is not None else None
        else:
            g.hi = good if bad is not None else None


def _candidates(f: Findings, budget: int) -> tuple[list[_Figure], dict[int, list[int]]]:
    """The operand-only single-figure suspects and, per figure, the discrepancies naming it."""
    t, ft = f.table, f.fact_table
    key_of = ft["key"].to_numpy()
    verdict = t["verdict"].astype(object).to_numpy()
    ids = t["check_id"].array  # a few are read: no Python string per check
    named = []  # (check, figure) for every single-figure alternative, in check order
    for c in np.flatnonzero(verdict == Verdict.DISCREPANT.value).tolist():
        for alt in t["suspects"].iat[c] or ():
            keys = {int(key_of[r]) for r in alt}
            if len(keys) == 1:
                named.append((c, keys.pop()))
    if not named:
        return [], {}
    index = Neighbours(f, np.array([k for _, k in named], dtype=np.int64))
    stating = _stating(f, index)
    value, unit = ft["value"], ft["unit"]
    figs: dict[int, _Figure] = {}
    naming: dict[int, list[int]] = {}
    for c, k in named:
        if k in stating:
            continue
        naming.setdefault(k, []).append(c)
        if k in figs or len(figs) >= budget:
            continue
        printings = index.facts_of(k)
        lits = {str(x) for x in value.take(printings)}
        units = {str(x) for x in unit.take(printings)}
        lit = str(value.iat[int(printings[0])])
        if len(units) != 1 or not all(is_plain(x) for x in lits):
            continue
        checks = index.checks_of(k)
        near = np.unique(np.concatenate(
            [index.facts_of_check(int(x)) for x in checks] + [printings]
        ))  # fmt: skip
        checkable = checks[verdict[checks] != Verdict.NOT_CHECKABLE.value]
        figs[k] = _Figure(
            k, printings, lit, units.pop(), max(_decimals(x) for x in lits), near,
            frozenset(str(ids[x]) for x in checkable), str(ids[c]),
        )  # fmt: skip
    return list(figs.values()), naming


def _stating(f: Findings, index: Neighbours) -> set[int]:
    """The figures of the neighbourhood some relation states. A figure printed twice is
    "stated" by its duplicate check: that bounds nothing."""
    evidential = (f.table["kind"].astype(object) != Kind.DUPLICATE.value).to_numpy()
    near = f.links.iloc[index.at]
    states = near["role"].astype(object).isin(STATING_ROLES).to_numpy().copy()
    states &= evidential[near["check"].to_numpy()]
    return set(near["key"].to_numpy()[states].tolist())


def _from_proposals(figs: list[_Figure], f: Findings) -> None:
    """A verified proposal of the figure, in its unit, is a start (once on the printed grid)."""
    by_fact: dict[int, list[Proposal]] = {}
    t = f.table  # locate proposes on discrepancies only
    discrepant = t["verdict"].to_numpy(dtype=object) == Verdict.DISCREPANT.value
    for props in t["proposals"].to_numpy(dtype=object)[discrepant]:
        for p in props or ():
            by_fact.setdefault(p.fact, []).append(p)
    for g in figs:
        for r in g.printings.tolist():
            for p in by_fact.get(r, []):
                if p.corrected_unit == g.unit and is_plain(p.corrected):
                    g.start = _steps(p.corrected, g.decimals)
                    break


def with_operand_ranges(
    f: Findings,
    facts: pd.DataFrame,
    reevaluate: Reevaluate,
    timings: dict[str, float] | None = None,
    budget: int = MAX_FIGURES,
) -> Findings:
    """Findings with a `ranges` column: on each discrepancy, a PrintedRange for every
    operand-only figure that is a suspect of it on its own."""
    clock = time.perf_counter()
    if "suspects" not in f.table or not len(f.table):
        return f
    figs, naming = _candidates(f, budget)
    _from_proposals(figs, f)
    _starts(figs, _secant(figs, f, facts, reevaluate), facts, reevaluate)
    found = [g for g in figs if g.start is not None]
    _ends(found, facts, reevaluate)
    ft = f.fact_table
    ranges = np.empty(len(f.table), dtype=object)
    ranges[:] = [()] * len(f.table)
    for g in found:
        if g.lo is None and g.hi is None:
            continue
        p = int(g.printings[0])
        member = str(ft["member"].iat[p])
        name = f"{ft['concept_zh'].iat[p]}{' ' + member if member else ''} {ft['period'].iat[p]}"
        pr = PrintedRange(
            fact=p, literal=g.literal, unit=g.unit,
            lo=_literal(g.lo, g.decimals) if g.lo is not None else "−∞",
            hi=_literal(g.hi, g.decimals) if g.hi is not None else "+∞",
            file=str(ft["file"].iat[p]), line=int(ft["line"].iat[p]), figure=name,
        )  # fmt: skip
        for c in naming.get(g.key, []):
            ranges[c] = (*ranges[c], pr)
    if timings is not None:
        timings["ranges"] = time.perf_counter() - clock
    return replace(f, table=f.table.assign(ranges=ranges))
