"""Readable ids and labels for a subset of checks: built only for what a report shows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.model.verdict import Kind

TOTAL_MEMBER = "合计"


@dataclass(frozen=True)
class RuleText:
    zh: str
    en: str
    expression: str


def _text(values: pd.DataFrame, column: str, anchor: np.ndarray) -> pd.Series:
    col = values[column]
    if isinstance(col.dtype, pd.CategoricalDtype):
        cats = np.asarray(col.cat.categories.astype(object))
        codes = col.cat.codes.to_numpy()[anchor]
        out = np.where(codes >= 0, cats[np.maximum(codes, 0)] if len(cats) else "", "")
    else:
        out = col.to_numpy(dtype=object)[anchor]
    return pd.Series(out, dtype=object)


def materialize(
    table: pd.DataFrame, values: pd.DataFrame, texts: dict[str, RuleText]
) -> pd.DataFrame:
    """`table` rows with check_id, entity, scope, period, concept, member, dimension, names and
    expression added (the row order is kept)."""
    t = table.reset_index(drop=True)
    a = t["anchor"].to_numpy()
    entity, scope = _text(values, "entity", a), _text(values, "scope", a)
    period, concept = _text(values, "period_label", a), _text(values, "concept", a)
    member, measure = _text(values, "member", a), _text(values, "measure", a)
    base, whole = _text(values, "base_label", a), _text(values, "whole_concept", a)
    whole_scope, whole_member = _text(values, "whole_scope", a), _text(values, "whole_member", a)
    dimension = _text(values, "dimension", a)

    head = entity + "/" + scope + "/" + period
    m_part = ("/" + member).where(member != "", "")
    meas = (":" + measure).where(measure != "level", "")
    b_part = (" vs " + base).where(base != "", "")
    w_part = (
        " of "
        + whole
        + "@"
        + whole_scope
        + ("[" + whole_member + "]").where(whole_member != "", "")
    ).where(whole != "", "")
    family = t["family"].astype(object)
    axis, target = t["axis"].astype(object), t["target"].astype(object)

    ids = pd.Series("", index=t.index, dtype=object)
    dup = family == "duplicate"
    ids[dup] = "duplicate:" + (head + "/" + concept + m_part + meas + b_part + w_part)[dup]
    mea = family == "measure"
    ids[mea] = (
        t["rule"].astype(object)[mea] + ":" + (head + "/" + concept + m_part + b_part + w_part)[mea]
    )
    sm = family == "sum"
    sum_whole = (" of " + whole).where(whole != "", "")
    tgt = ("=" + target).where(target != "", "")
    ids[sm] = ("sum:" + head + "/" + concept + "/" + axis + tgt + meas + b_part + sum_whole)[sm]
    im = family == "implied"
    ids[im] = (
        t["rule"].astype(object)[im]
        + ":"
        + (head + "/" + whole + "@" + whole_scope)[im]
        + ("[" + whole_member + "]").where(whole_member != "", "")[im]
    )
    fo = family == "formula"
    ids[fo] = t["rule"].astype(object)[fo] + ":" + (head + m_part)[fo]

    rule = t["rule"].astype(object)
    known = {r: texts[r] for r in pd.unique(rule) if r in texts}
    out = t.assign(
        check_id=ids,
        entity=entity,
        scope=scope,
        period=period,
        concept=concept,
        base=base,
        whole=whole,
        member=np.where(sm, axis + ":*", member),
        dimension=dimension,
        name_zh=rule.map(lambda r: known[r].zh if r in known else r),
        name_en=rule.map(lambda r: known[r].en if r in known else r),
        expression=rule.map(lambda r: known[r].expression if r in known else ""),
    )
    sum_expr = np.where(
        target == TOTAL_MEMBER,
        "Σ " + axis + " members = " + axis + ":" + TOTAL_MEMBER,
        np.where(
            t["kind"].astype(object) == Kind.SUM.value,
            "Σ " + axis + " members = total",
            "Σ listed " + axis + " members ≤ total",
        ),
    )
    out["expression"] = np.where(sm, sum_expr, out["expression"])
    return out
