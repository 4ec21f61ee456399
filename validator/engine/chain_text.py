"""The words of a chain check: which figure it is about (its key fields, which no values row may
hold when the figure is not stated), its unit, and, for a miss, the explanation of the chain:
"operating_revenue 2023H1 implied by growth (file:line) as [a, b] and by share (file:line) as
[c, d]: no common value"."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.binder import Binder
from validator.engine.ids import Field
from validator.findings.numbers import fmt_interval, scale_value
from validator.io.dictionary import Dictionary
from validator.rules.plan import Template

FIELD_COLUMNS = ["entity", "scope", "period", "concept", "member", "measure", "base", "whole"]
FIELD_COLUMNS += ["whole_concept", "unit", "expression"]


class ChainText:
    """Lookups shared by the fields and explanations of one chain template's checks."""

    def __init__(
        self,
        t: Template,
        elements: pd.DataFrame,
        operands: pd.DataFrame,
        values: pd.DataFrame,
        facts: pd.DataFrame,
        binder: Binder,
        d: Dictionary,
    ):
        self.t, self.e, self.operands, self.d = t, elements, operands, d
        self.space = binder.space
        key_of_fact = facts["key_id"].to_numpy()
        first = np.full(len(values), -1, dtype=np.int64)
        # Written backwards, the last write of each key is its first fact: no sort.
        first[key_of_fact[::-1]] = np.arange(len(key_of_fact) - 1, -1, -1, dtype=np.int64)
        self.first_fact = first  # the first fact (in file order) of each value key
        self._file, self._unit = _Strings(facts["file"]), _Strings(facts["unit"])
        self.line = facts["line"].to_numpy()
        # A few distinct periods: each column's first rows of each key, not all its rows.
        labels = pd.concat(
            [
                values[[key, label]]
                .drop_duplicates(key)
                .set_axis(["key", "label"], axis=1)
                .astype(object)
                for key, label in (("period_key", "period_label"), ("base_key", "base_label"))
            ]
        ).drop_duplicates("key")
        self.period_label = pd.Series(labels["label"].to_numpy(), index=labels["key"].to_numpy())

    def where(self, key: int) -> str:
        fact = self.first_fact[key]
        return f"{self._file.at(np.array([fact]))[0]}:{int(self.line[fact])}"

    def unit(self, facts: np.ndarray) -> np.ndarray:
        return self._unit.at(facts)

    def text(self, field: str, codes: np.ndarray) -> np.ndarray:
        uniques = np.asarray(self.space.uniques[field], dtype=object)
        return np.where(codes >= 0, uniques[np.maximum(codes, 0)], "").astype(object)


class _Strings:
    """A facts column of strings read at a few rows, without an object array of every row."""

    def __init__(self, column: pd.Series):
        column = (
            column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
        )
        self.codes = column.cat.codes.to_numpy()
        self.names = np.append(np.asarray(column.cat.categories.astype(object)), np.nan)

    def at(self, rows: np.ndarray) -> np.ndarray:
        return self.names[self.codes[rows]]  # code -1 (not stated) reads the NaN at the end


def figure_fields(
    c: ChainText,
    e: pd.DataFrame,
    rows: np.ndarray,
    check: np.ndarray,
    m: int,
    missed: np.ndarray,
) -> pd.DataFrame:
    """One row per chain check: the figure's key fields, its unit and (for a miss) the chain."""
    head = np.full(m, -1, dtype=np.int64)
    head[check[::-1]] = rows[::-1]  # the first element of each check
    codes = {f: e[f].to_numpy(np.int64)[head] for f in ("entity", "scope", "member", "concept")}
    period_keys = c.text("period", e["period"].to_numpy(np.int64)[head])
    imps = e["implication"].to_numpy(np.int64)
    measures = np.array([i.operand(i.figure).measure for i in c.t.implies], dtype=object)
    measure = measures[imps[head]]
    unit_key = _unit_keys(c, e, rows, check, m)
    unit = np.where(unit_key >= 0, c.unit(c.first_fact[np.maximum(unit_key, 0)]), "")
    table = pd.DataFrame(
        {
            "row": np.arange(m),
            "entity": c.text("entity", codes["entity"]),
            "scope": c.text("scope", codes["scope"]),
            "period": pd.Series(period_keys)
            .map(c.period_label)
            .fillna(pd.Series(period_keys))
            .to_numpy(dtype=object),
            "concept": c.text("concept", codes["concept"]),
            "member": c.text("member", codes["member"]),
            "measure": np.where(measure == "level", "", measure),
            "base": "",
            "whole": "",
            "whole_concept": "",
            "unit": unit.astype(object),
        }
    )
    table["expression"] = ""
    for g in np.flatnonzero(missed).tolist():
        table.at[g, "expression"] = explain(c, table.iloc[g], rows[check == g])
    return table[["row", *FIELD_COLUMNS]]


def _unit_keys(
    c: ChainText, e: pd.DataFrame, rows: np.ndarray, check: np.ndarray, m: int
) -> np.ndarray:
    """Per check, a stated figure in the implied figure's dimension: the stated figure itself,
    else the operand the implied figure takes its dimension from."""
    out = np.full(m, -1, dtype=np.int64)
    present = ~np.isnan(e["figure_key"].to_numpy(float)[rows])
    out[check[present]] = e["figure_key"].to_numpy(float)[rows][present].astype(np.int64)
    ops = c.operands
    # Compared in codes: an object array of the operands' roles is 8 bytes per operand.
    role = Field.of(ops["role"])
    code_of = {name: i for i, name in enumerate(role.values.tolist())}
    wanted_of = np.array(
        [code_of.get(imp.operand(imp.figure).dimension_of, -2) for imp in c.t.implies],
        dtype=np.int64,
    )  # -2: a role no operand has
    wanted = wanted_of[e["implication"].to_numpy(np.int64)]
    match = role.codes == wanted[ops["element"].to_numpy()]
    pick = ops[match].drop_duplicates("element")
    position = np.full(len(e), -1, dtype=np.int64)
    position[rows] = check
    chk = position[pick["element"].to_numpy()]
    ok = (chk >= 0) & (out[np.maximum(chk, 0)] < 0)
    out[chk[ok][::-1]] = pick["key_id"].to_numpy()[ok][::-1]
    return out


def explain(c: ChainText, figure: pd.Series, elements: np.ndarray) -> str:
    """The chain of one miss, in words, in the figure's unit."""
    unit = figure["unit"]
    scale = scale_value(c.d.units[unit].scale) if unit in c.d.units else 1.0
    digits = 4
    name = f"{figure['concept']}{' ' + figure['member'] if figure['member'] else ''}"
    parts = []
    for row in elements.tolist():
        imp = c.t.implies[int(c.e["implication"].iat[row])]
        key = int(c.e["stated_key"].iat[row])
        interval = fmt_interval(c.e["lo"].iat[row] / scale, c.e["hi"].iat[row] / scale, digits)
        parts.append(f"by {imp.inverts} ({c.where(key)}) as {interval}")
    text = f"{name} {figure['period']} implied " + _join(parts)
    figure_key = c.e["figure_key"].to_numpy(float)[elements]
    if (~np.isnan(figure_key)).any():
        key = int(figure_key[~np.isnan(figure_key)][0])
        row = elements[~np.isnan(figure_key)][0]
        stated = fmt_interval(
            c.e["figure_lo"].iat[row] / scale, c.e["figure_hi"].iat[row] / scale, digits
        )
        text += f", and stated ({c.where(key)}) as {stated}"
    return f"{text} {unit}: no common value"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
