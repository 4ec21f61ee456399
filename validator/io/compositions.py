"""The slots of one composition must describe one list: what a backend sums is then well defined.

A composition is named by the `composition` column (`complete:NAME`, `partial:NAME`,
`total:NAME`); its slots are every fact with that NAME in one entity. They must come from one
document and share scope, period, measure, the whole of a share and the unit's dimension; a
list is complete or partial, never both; an amounts list has at most one total.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.errors import Problem
from validator.io.columns import by_value

MAX_PROBLEMS = 50
# Columns every slot of one composition shares, with the message for a slot that differs.
SHARED = [
    ("document", "composition", "a composition's slots come from one document"),
    ("scope", "scope", "a composition's slots share the scope"),
    ("period", "period", "a composition's slots share the period"),
    ("measure", "measure", "a composition's slots are all levels or all shares"),
    ("whole", "whole", "the shares of one composition have one whole"),
    ("dimension", "unit", "a composition's slots share the unit's dimension"),
    ("list", "composition", "a composition is complete or partial, not both"),
]


def composition_parts(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(role, name) of each row: role complete | partial | total, or empty."""
    role = by_value(column, lambda c: c.split(":", 1)[0] if c else "")
    name = by_value(column, lambda c: c.split(":", 1)[1] if c else "")
    return role, name


def composition_problems(f: pd.DataFrame) -> list[Problem]:
    """Every slot that does not fit the first slot of its composition, located."""
    if "composition" not in f or not (f["composition"] != "").any():
        return []
    role, name = composition_parts(f["composition"])
    rows = np.flatnonzero(role != "")
    g = pd.DataFrame(
        {
            "group": pd.factorize(
                pd.Series(f["entity"].astype(object).to_numpy()[rows] + "\x1f" + name[rows])
            )[0],
            "document": _col(f, "document", rows),
            **{c: _col(f, c, rows) for c in ("scope", "period", "measure", "whole", "dimension")},
            "list": np.where(role[rows] == "total", "", role[rows]).astype(object),
            "total": role[rows] == "total",
        }
    )
    problems: list[Problem] = []
    for column, where, message in SHARED:
        values = g[column]
        if column == "list":
            first = values.where(values != "").groupby(g["group"]).transform("first").fillna("")
            bad = (values != "") & (values != first)
        else:
            bad = values != values.groupby(g["group"]).transform("first")
        problems += _located(f, rows[bad.to_numpy()], where, message)
    totals = g["total"].groupby(g["group"]).cumsum()
    second = (g["total"] & (totals > 1)).to_numpy()
    problems += _located(f, rows[second], "composition", "a composition has one total")
    return problems[:MAX_PROBLEMS]


def _col(f: pd.DataFrame, column: str, rows: np.ndarray) -> np.ndarray:
    if column not in f:
        return np.full(len(rows), "", dtype=object)
    return f[column].astype(object).to_numpy()[rows]


def _located(f: pd.DataFrame, rows: np.ndarray, column: str, message: str) -> list[Problem]:
    return [
        Problem(message, str(f["file"].iat[i]), int(f["line"].iat[i]), column)
        for i in rows[:MAX_PROBLEMS]
    ]
