"""Minimum hitting sets by integer programming (HiGHS through `scipy.optimize.milp`), for the
groups the exact enumeration of `review.locate` cannot cover within its bound.

Each figure is a binary variable; every discrepancy asks that at least one of its figures
change; the objective counts the changed figures. Once the minimum size m is known, every
other minimum set is found by solving again with `Σ x = m` and a cut that excludes each set
already found, until none is left, `MAX_ALTERNATIVES` are found, or the time is spent. Each
call has a time limit, so a group never takes more than about `SECONDS`.
"""

from __future__ import annotations

import time

import numpy as np

MAX_ALTERNATIVES = 24  # minimum sets reported for one group
SECONDS = 2.0  # time for one group, all solves together


def milp_hitting_sets(
    keysets: list[frozenset[int]], seconds: float = SECONDS
) -> tuple[list[tuple[int, ...]], str]:
    """Every minimum set of figures meeting each key set (up to MAX_ALTERNATIVES), and a note
    that says how they were found, or why not all of them were."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    pool = sorted(frozenset.union(*keysets))
    column = {k: j for j, k in enumerate(pool)}
    meets = np.zeros((len(keysets), len(pool)))
    for i, s in enumerate(keysets):
        meets[i, [column[k] for k in s]] = 1.0
    ones, integral = np.ones(len(pool)), np.ones(len(pool))
    box = Bounds(np.zeros(len(pool)), ones)
    deadline = time.perf_counter() + seconds

    def solve(constraints: list[LinearConstraint]) -> np.ndarray | None:
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        result = milp(
            ones, constraints=constraints, integrality=integral, bounds=box,
            options={"time_limit": left, "disp": False},
        )  # fmt: skip
        return result.x if result.status == 0 and result.x is not None else None

    every = [LinearConstraint(meets, lb=np.ones(len(keysets)), ub=np.inf)]
    first = solve(every)
    if first is None:
        return [], (
            f"not localised: the solver found no minimum set of {len(keysets)} discrepancies over "
            f"{len(pool)} figures within {seconds:g} s"
        )
    size = round(float(first.sum()))
    every.append(LinearConstraint(ones, lb=size, ub=size))
    found = [first]
    while len(found) < MAX_ALTERNATIVES:
        cuts = [LinearConstraint(np.round(x), lb=-np.inf, ub=size - 1) for x in found]
        x = solve(every + cuts)
        if x is None:
            break
        found.append(x)
    sets = sorted(tuple(pool[j] for j in np.flatnonzero(np.round(x))) for x in found)
    note = f"solver (HiGHS): sets of {size} figures"
    if len(found) == MAX_ALTERNATIVES:
        note += f" (the first {MAX_ALTERNATIVES} found; there may be more)"
    elif time.perf_counter() >= deadline:
        note += f" (the {len(found)} found within {seconds:g} s; there may be more)"
    return sets, note
