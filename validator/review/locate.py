"""Error localisation: for each connected group of discrepancies (checks that share figures),
every minimum set of figures whose change can make the group's relations consistent.

A set must meet every discrepancy of its group (a hitting set, found by exact enumeration of sets
of up to MAX_SET figures within a bound, else by integer programming with a time limit, which
says so, and says when it had to stop before it found them all). A single
figure is always kept; a set of several figures only when a joint correction at typographic
distance one is verified. All sets are reported as alternatives, those with a verified
correction first; none is dropped by a tie-break.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from validator.findings.model import Findings
from validator.findings.types import Proposal
from validator.model.verdict import Kind, Verdict
from validator.review.corrections import Reevaluate, Variant, judge
from validator.review.hitting_milp import milp_hitting_sets
from validator.review.keyed import first_rows
from validator.review.neighbours import Neighbours
from validator.review.ranges import stated_ranges
from validator.review.typos import Slip, corrections, is_plain

MAX_SET = 3  # figures in one set
MAX_COMBINATIONS = 20_000  # sets tried per group
MAX_JOINT = 400  # joint candidates tried for one set of several figures
BUDGET = 4_000  # candidate literals judged per run (about 40 groups of two-decimal figures)


@dataclass
class Group:
    checks: list[int]
    sets: list[tuple[int, ...]] = field(default_factory=list)
    note: str = ""
    proposals: dict[tuple[int, ...], list[Proposal]] = field(default_factory=dict)


def hitting_sets(keysets: list[frozenset[int]]) -> tuple[list[tuple[int, ...]], str]:
    """All minimum-cardinality sets of figures meeting every key set, and how they were found."""
    common = frozenset.intersection(*keysets)
    if common:
        return [(k,) for k in sorted(common)], "exact: single figures"
    pool = sorted(frozenset.union(*keysets))
    tried = 0
    for size in range(2, MAX_SET + 1):
        found = []
        for combo in itertools.combinations(pool, size):
            tried += 1
            if tried > MAX_COMBINATIONS:  # beyond the enumeration's bound: a solver's turn
                return milp_hitting_sets(keysets)
            chosen = set(combo)
            if all(chosen & s for s in keysets):
                found.append(combo)
        if found:
            return found, f"exact: sets of {size} figures"
    return milp_hitting_sets(keysets)  # every minimum set is larger than MAX_SET


def _groups(keysets: dict[int, frozenset[int]]) -> list[Group]:
    parent = {c: c for c in keysets}

    def find(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    owner: dict[int, int] = {}
    for c, keys in keysets.items():
        for k in keys:
            if k in owner:
                parent[find(c)] = find(owner[k])
            else:
                owner[k] = c
    members: dict[int, list[int]] = {}
    for c in keysets:
        members.setdefault(find(c), []).append(c)
    return [Group(sorted(m)) for _, m in sorted(members.items())]


def locate(
    f: Findings, facts: pd.DataFrame, reevaluate: Reevaluate, budget: int = BUDGET
) -> Findings:
    """Findings with `suspects`, `proposals` and `locate_note` on every discrepancy. At most
    `budget` candidate literals are judged per run (groups in check order), so that a corpus
    with thousands of discrepancies stays fast; the groups beyond it say so."""
    table = f.table
    discrepant = np.flatnonzero(table["verdict"].astype(object).to_numpy() == Verdict.DISCREPANT)
    if not len(discrepant):
        return f
    links = f.links
    mine = links[np.isin(links["check"].to_numpy(), discrepant)]
    keysets = {int(c): frozenset(k.tolist()) for c, k in mine.groupby("check")["key"]}
    groups = _groups(keysets)
    index = Neighbours(f, mine["key"].to_numpy())  # every figure a set can hold
    ranges = stated_ranges(f, index.fact_rows.values)
    ids = table["check_id"].array  # a few are read: no Python string per check
    variants: list[Variant] = []
    meta: list[tuple[Group, tuple[int, ...], tuple[tuple[int, str, str, str], ...]]] = []
    spent = 0
    for g in groups:
        g.sets, g.note = hitting_sets([keysets[c] for c in g.checks])
        repairs = frozenset(str(ids[c]) for c in g.checks)
        found, too_many = [], 0
        for s in g.sets:
            per_figure = [_candidates(index, k, ranges, f) for k in s]
            combos = list(itertools.islice(itertools.product(*per_figure), MAX_JOINT + 1))
            if len(s) > 1 and len(combos) > MAX_JOINT:
                too_many += 1
                continue
            found.append((s, combos))
        if too_many:  # said once for the group, with how many sets it concerns
            sets = "a set" if too_many == 1 else f"{too_many} sets"
            g.note += f"; {sets} of several figures with more joint candidates than {MAX_JOINT}"
            g.note += ": no correction proposed for them"
        if spent + sum(len(c) for _, c in found) > budget:
            g.note += (
                f"; corrections not searched: the run's budget of {budget:,} candidate literals"
                " is spent"
            )
            continue
        spent += sum(len(c) for _, c in found)
        for s, combos in found:
            near = _facts_of_checks(index, g.checks, s)
            for combo in combos:
                variants.append(
                    Variant(tuple((r, lit, u) for r, lit, u, _ in combo), near, repairs)
                )
                meta.append((g, s, combo))
    # First the discrepancies alone (cheap: most candidates fail there), then every relation
    # of the figures for the candidates that repair them.
    first = judge(variants, facts, reevaluate) if variants else []
    keep = [i for i, out in enumerate(first) if out.holds]
    around = {s: index.neighbourhood(s) for _, s, _ in (meta[i] for i in keep)}
    second = [replace(variants[i], facts=around[meta[i][1]]) for i in keep]
    meta = [meta[i] for i in keep]
    outcomes = judge(second, facts, reevaluate) if second else []
    ft = f.fact_table
    for (g, s, combo), out in zip(meta, outcomes, strict=True):
        if not out.holds:
            continue
        names = " and ".join(dict.fromkeys(_figure_name(ft, r) for r, *_ in combo))
        evidence = (
            f"every relation of {names} then holds ({out.consistent} consistent, "
            f"{out.relations - out.consistent} not checkable)"
        )
        g.proposals.setdefault(s, []).extend(
            Proposal(
                fact=int(r),
                literal=str(ft["value"].iat[r]),
                unit=str(ft["unit"].iat[r]),
                corrected=lit,
                corrected_unit=u,
                slip=slip,
                evidence=evidence,
                file=str(ft["file"].iat[r]),
                line=int(ft["line"].iat[r]),
            )
            for r, lit, u, slip in combo
        )
    for g in groups:
        for s, found in g.proposals.items():
            if len(s) == 1:
                found.sort(key=lambda p: _likelihood(p, ft, index))
    return _write(f, groups, index)


SLIP_ORDER = [slip.value for slip in Slip]


def _decimals(literal: str) -> int:
    return len(literal.split(".")[1]) if "." in literal else 0


def _likelihood(p: Proposal, ft: pd.DataFrame, index: Neighbours) -> tuple:
    """Order of the proposals of one figure (all are listed): a corrected literal printed with
    the digits its neighbours in the same unit show first, then the commoner slips."""
    around = index.neighbourhood((int(index.key_of_fact[p.fact]),))
    around = around[around != p.fact]
    units = ft["unit"].take(around).astype(object).to_numpy()
    values = ft["value"].take(around).astype(object).to_numpy()[units == p.corrected_unit]
    usual = pd.Series([_decimals(str(v)) for v in values]).mode()
    fits = not len(usual) or _decimals(p.corrected) in set(usual.tolist())
    return (not fits, SLIP_ORDER.index(p.slip), p.corrected)


def _facts_of_checks(index: Neighbours, checks: list[int], keys: tuple[int, ...]) -> np.ndarray:
    parts = [index.facts_of_check(int(c)) for c in checks]
    parts += [index.facts_of(k) for k in keys]
    return np.unique(np.concatenate(parts))


def _candidates(
    index: Neighbours, key: int, ranges: dict[int, tuple[float, float]], f: Findings
) -> list[tuple[int, str, str, str]]:
    """(fact row, literal, unit, slip) for every printing of the figure, pruned by the range
    of values the relations stating it allow."""
    ft = f.fact_table
    out = []
    for row in index.facts_of(key).tolist():
        literal, unit = str(ft["value"].iat[row]), str(ft["unit"].iat[row])
        if not is_plain(literal):
            continue
        allowed = ranges.get(row)
        for lit, u, slip in corrections(literal, unit):
            if allowed is not None and u == unit and not _overlaps(lit, allowed):
                continue
            out.append((row, lit, u, slip.value))
    return out


def _overlaps(literal: str, allowed: tuple[float, float]) -> bool:
    decimals = len(literal.split(".")[1]) if "." in literal else 0
    half = 0.5 * 10.0**-decimals
    v = float(literal)
    slack = 1e-9 * max(1.0, abs(v))
    return v - half - slack <= allowed[1] and v + half + slack >= allowed[0]


def _figure_name(ft: pd.DataFrame, row: int) -> str:
    member = str(ft["member"].iat[row])
    period = str(ft["period"].iat[row])
    return f"{ft['concept_zh'].iat[row]} {period}" + (f" {member}" if member else "")


def _corroboration(f: Findings, index: Neighbours) -> dict[int, int]:
    """Per figure of the neighbourhood: consistent minus discrepant relations (duplicates not
    counted). Every link of its figures is in the neighbourhood, so their sums are whole."""
    t = f.table
    evidential = (t["kind"].astype(object) != Kind.DUPLICATE.value).to_numpy()
    verdict = t["verdict"].astype(object).to_numpy()
    near = f.links.iloc[index.at]
    links = near[first_rows(near["check"].to_numpy(), near["key"].to_numpy())]
    c = links["check"].to_numpy()
    score = np.where(
        evidential[c],
        (verdict[c] == Verdict.CONSISTENT.value).astype(int)
        - (verdict[c] == Verdict.DISCREPANT.value).astype(int),
        0,
    )
    return pd.Series(score).groupby(links["key"].to_numpy()).sum().to_dict()


def _write(f: Findings, groups: list[Group], index: Neighbours) -> Findings:
    t = f.table
    n = len(t)
    suspects = np.empty(n, dtype=object)
    suspects[:] = [()] * n
    proposals = np.empty(n, dtype=object)
    proposals[:] = [()] * n
    notes = np.full(n, "", dtype=object)
    suspect = t["suspect"].to_numpy().copy()
    reason = t["suspect_reason"].to_numpy(dtype=object).copy()
    score = _corroboration(f, index)
    for g in groups:
        keep = [s for s in g.sets if len(s) == 1 or s in g.proposals]
        keep.sort(key=lambda s: (s not in g.proposals, len(s), sum(score.get(k, 0) for k in s), s))
        alts = tuple(tuple(int(r) for k in s for r in index.facts_of(k)) for s in keep)
        props = tuple(p for s in keep for p in g.proposals.get(s, []))
        note = g.note + f"; {len(keep)} alternative{'s' if len(keep) != 1 else ''}"
        for c in g.checks:
            suspects[c], proposals[c], notes[c] = alts, props, note
            if not keep:
                continue
            # The single suspect moves to the first alternative only when a correction of it
            # is proposed; otherwise the least corroborated figure, which the reason explains.
            if g.proposals.get(keep[0]):
                chosen = _anchor(c, keep[0], g.proposals[keep[0]], index)
                if chosen >= 0:
                    suspect[c] = chosen
            head = f"{len(keep)} alternative figure set{'s' if len(keep) != 1 else ''}"
            if props:
                head += f"; proposal: {props[0].text}"
            reason[c] = f"{head}. {reason[c]}" if reason[c] else head
    table = t.assign(
        suspects=suspects, proposals=proposals, locate_note=notes, suspect=suspect,
        suspect_reason=reason,
    )  # fmt: skip
    return replace(f, table=table)


def _anchor(check: int, s: tuple[int, ...], props: list[Proposal], index: Neighbours) -> int:
    """The fact the single `suspect` field points at: the corrected printing when it is one of
    this check's facts, else the first fact of the set's first figure the check links."""
    mine = index.facts_of_check(check)
    for p in props:
        if p.fact in mine:
            return p.fact
    for k in s:
        linked = [int(r) for r in mine if index.key_of_fact[r] == k]
        if linked:
            return linked[0]
    return -1


def timed_locate(
    f: Findings,
    facts: pd.DataFrame,
    reevaluate: Reevaluate,
    timings: dict[str, float] | None,
    budget: int = BUDGET,
) -> Findings:
    clock = time.perf_counter()
    out = locate(f, facts, reevaluate, budget)
    if timings is not None:
        timings["locate"] = time.perf_counter() - clock
    return out
