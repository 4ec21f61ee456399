"""The result of evaluation, kept lean: one row per check with numbers and codes only, plus the
value keys each check involves. Readable ids and labels are materialised only for the checks a
report shows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from validator.model.intervals import Intervals, ge_miss, le_miss, overlap_miss
from validator.model.verdict import Relation, Verdict

# rule: the template id. anchor: key_id of the stated value (for a sum, of its total; for an
# agreement, of one element). axis/target: for sums, the member axis and "合计" when checked
# against the printed total of the listed members. reason: a Reason code; missing: the names of
# the operands not stated, comma-separated.
VERDICTS = [Verdict.CONSISTENT.value, Verdict.DISCREPANT.value, Verdict.NOT_CHECKABLE.value]
CATEGORICAL = ["rule", "kind", "relation", "axis", "target", "verdict", "reason", "missing"]
LEAN_COLUMNS = [
    "rule",
    "kind",
    "relation",
    "anchor",
    "axis",
    "target",
    "stated_lo",
    "stated_hi",
    "derived_lo",
    "derived_hi",
    "verdict",
    "miss",
    "reason",
    "missing",
]


@dataclass(frozen=True)
class Checks:
    """`table` has LEAN_COLUMNS; `links` has (check, key_id, role) with `check` the row number
    of the check in `table`."""

    table: pd.DataFrame
    links: pd.DataFrame

    @staticmethod
    def concat(parts: list[Checks]) -> Checks:
        parts = [p for p in parts if len(p.table)]
        if not parts:
            return Checks(empty_table(), empty_links())
        offsets = np.cumsum([0] + [len(p.table) for p in parts[:-1]])
        table = _stack([p.table for p in parts], CATEGORICAL)
        # A part's links name its checks by row: each part's rows follow the parts before it.
        links = _stack([p.links for p in parts], ["role"], {"check": offsets})
        return Checks(table, links)


def _stack(
    frames: list[pd.DataFrame],
    categorical: list[str],
    shifts: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Concatenate frames column by column, uniting categoricals instead of expanding them;
    the frame takes the joined arrays as they are (no block copy of every float column).
    `shifts`: per column, a number added to each frame's values (no shifted copy of a frame)."""
    columns = {}
    for name in frames[0].columns:
        parts = [f[name] for f in frames]
        if shifts and name in shifts:
            columns[name] = np.concatenate(
                [p.to_numpy() + off for p, off in zip(parts, shifts[name], strict=True)]
            )
        elif name in categorical:
            columns[name] = union_categoricals(
                [
                    p if isinstance(p.dtype, pd.CategoricalDtype) else p.astype("category")
                    for p in parts
                ],
                ignore_order=True,
            )
        else:
            columns[name] = np.concatenate([p.to_numpy() for p in parts])
    return pd.DataFrame(columns, copy=False)


def empty_table() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in LEAN_COLUMNS})


def empty_links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "check": pd.Series([], dtype="int64"),
            "key_id": pd.Series([], dtype="int64"),
            "role": pd.Series([], dtype="category"),
        }
    )


# A categorical's dtype (its index of categories, checked distinct) costs 100–200 µs to build,
# more than a small batch's arithmetic: the review evaluates batches of a few hundred figures
# nine times, each over every template. The few category lists a run meets are built once.
_DTYPES: dict[tuple, pd.CategoricalDtype] = {}
_DTYPES_MAX = 4096


def dtype_of(categories: list | np.ndarray) -> pd.CategoricalDtype:
    """The dtype `pd.Categorical.from_codes(codes, categories=categories)` gives (a list: its
    index inferred, as `from_codes` does; an array: `pd.Index` of it), built once a process."""
    listed = categories.tolist() if isinstance(categories, np.ndarray) else list(categories)
    # Each value with its type: 1, 1.0 and True are equal and hash alike.
    key = (
        isinstance(categories, np.ndarray) and categories.dtype.str,
        *((type(c), c) for c in listed),
    )
    dtype = _DTYPES.get(key)
    if dtype is None:
        dtype = (
            pd.CategoricalDtype(pd.Index(categories))
            if isinstance(categories, np.ndarray)
            else pd.Categorical.from_codes(np.zeros(0, np.int8), categories=listed).dtype
        )
        if len(_DTYPES) >= _DTYPES_MAX:
            _DTYPES.clear()
        _DTYPES[key] = dtype
    return dtype


def make_checks(
    *,
    rule: str | np.ndarray,
    kind: str | np.ndarray,
    relation: str | np.ndarray,
    anchor: np.ndarray,
    stated: Intervals,
    derived: Intervals,
    reason: np.ndarray | str = "",
    missing: np.ndarray | str = "",
    axis: np.ndarray | str = "",
    target: np.ndarray | str = "",
    roles: list[tuple[str, np.ndarray]] = (),
) -> Checks:
    """Judge every instance and assemble its row and links."""
    n = len(anchor)

    def column(value: str | np.ndarray) -> pd.Categorical:
        if isinstance(value, str):
            return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), dtype=dtype_of([value]))
        codes, uniques = pd.factorize(value, sort=True)  # as pd.Categorical, without a copy
        if not isinstance(uniques, np.ndarray):  # an extension array keeps its own dtype
            return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(uniques)))
        return pd.Categorical.from_codes(codes, dtype=dtype_of(uniques))

    relations = np.full(n, relation, dtype=object) if isinstance(relation, str) else relation
    verdict, miss = judge(stated, derived, relations)
    table = pd.DataFrame(
        {
            "rule": column(rule),
            "kind": column(kind),
            "relation": column(relation),
            "anchor": np.asarray(anchor, dtype=np.int64),
            "axis": column(axis),
            "target": column(target),
            "stated_lo": stated.lo,
            "stated_hi": stated.hi,
            "derived_lo": derived.lo,
            "derived_hi": derived.hi,
            "verdict": verdict,
            "miss": miss,
            "reason": column(reason),
            "missing": column(missing),
        }
    )
    index = np.arange(n, dtype=np.int64)
    link = role_links(index, roles)
    return Checks(table, link.reset_index(drop=True))


def role_links(checks: np.ndarray, roles: list[tuple[str, np.ndarray]]) -> pd.DataFrame:
    """(check, key_id, role) rows for each role's keys, dropping operands not stated."""
    if not roles:
        return empty_links()
    keys = np.concatenate([np.asarray(k, dtype=float) for _, k in roles])
    check = np.tile(np.asarray(checks, dtype=np.int64), len(roles))
    codes = np.repeat(np.arange(len(roles), dtype=np.int32), len(checks))
    found = ~np.isnan(keys)
    names = list(dict.fromkeys(r for r, _ in roles))
    remap = np.array([names.index(r) for r, _ in roles], dtype=np.int32)
    return pd.DataFrame(
        {
            "check": check[found],
            "key_id": keys[found].astype(np.int64),
            "role": pd.Categorical.from_codes(remap[codes[found]], dtype=dtype_of(names)),
        }
    )


def judge(
    stated: Intervals, derived: Intervals, relation: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Verdict and miss for each instance of `stated relation derived`."""
    miss = np.select(
        [relation == Relation.LE.value, relation == Relation.GE.value],
        [le_miss(stated, derived), ge_miss(stated, derived)],
        overlap_miss(stated, derived),
    )
    undefined = derived.undefined | stated.undefined
    codes = np.where(undefined, 2, np.where(miss > 0, 1, 0)).astype(np.int8)
    verdict = pd.Categorical.from_codes(codes, dtype=dtype_of(VERDICTS))
    return verdict, np.where(undefined, np.nan, miss)
