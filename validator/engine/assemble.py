"""From the lean checks of every template to the finished Findings table: ids, fields, units,
intervals in the stated unit, and fact links in the order a check lists its facts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.checks import Checks
from validator.findings.model import CHECK_COLUMNS, Findings, Operand, RuleText
from validator.io.dictionary import Dictionary
from validator.model.check_id import IdFormat
from validator.model.literals import decimals_of
from validator.model.verdict import Family
from validator.rules.plan import Plan, Template

STATED_ROLES = ["stated", "total", "part"]
FIGURE_FIELDS = ("entity", "scope", "period", "concept", "member", "measure", "base", "whole")
FIGURE_FIELDS += ("whole_concept",)


def _text(values: pd.DataFrame, column: str, anchor: np.ndarray) -> np.ndarray:
    col = values[column]
    if isinstance(col.dtype, pd.CategoricalDtype):
        cats = np.asarray(col.cat.categories.astype(object))
        codes = col.cat.codes.to_numpy()[anchor]
        return np.where(codes >= 0, cats[np.maximum(codes, 0)] if len(cats) else "", "").astype(
            object
        )
    return col.to_numpy(dtype=object)[anchor]


def rule_texts(plan: Plan) -> dict[str, RuleText]:
    return {
        t.id: RuleText(
            id=t.id,
            zh=t.zh,
            en=t.en,
            family=t.family.value,
            reads=t.reads,
            values=t.values,
            operands=tuple(Operand(b.name, b.label, b.optional, b.missing) for b in t.operands),
            source=f"{t.source.file}:{t.source.line}" if t.source.line else t.source.file,
            grouping=t.grouping,
        )
        for t in plan.templates
    }


def _fields(t: pd.DataFrame, values: pd.DataFrame) -> dict[str, np.ndarray]:
    a = t["anchor"].to_numpy().astype(np.int64)
    measure = _text(values, "measure", a)
    whole_concept = _text(values, "whole_concept", a)
    whole_scope = _text(values, "whole_scope", a)
    whole_member = _text(values, "whole_member", a)
    whole = np.where(
        whole_concept != "",
        whole_concept
        + "@"
        + whole_scope
        + np.where(whole_member != "", "[" + whole_member + "]", ""),
        "",
    ).astype(object)
    return {
        "rule": t["rule"].to_numpy(dtype=object),
        "entity": _text(values, "entity", a),
        "scope": _text(values, "scope", a),
        "period": _text(values, "period_label", a),
        "concept": _text(values, "concept", a),
        "member": _text(values, "member", a),
        "measure": np.where(measure != "level", measure, "").astype(object),
        "base": _text(values, "base_label", a),
        "whole": whole,
        "whole_concept": whole_concept,
        "axis": t["axis"].to_numpy(dtype=object),
        "target": t["target"].to_numpy(dtype=object),
    }


def _render(plan: Plan, rule: np.ndarray, fields: dict[str, np.ndarray], attr: str) -> np.ndarray:
    out = np.full(len(rule), "", dtype=object)
    for t in plan.templates:
        rows = np.flatnonzero(rule == t.id)
        if not len(rows):
            continue
        fmt = t.id_format if attr == "id" else _reads_format(t)
        out[rows] = fmt.render({k: v[rows] for k, v in fields.items()}, len(rows))
    return out


def _reads_format(t: Template) -> IdFormat:
    if "{" in t.reads:
        return IdFormat.parse(t.reads)
    return IdFormat.literal(t.reads)


def _fact_links(links: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """(check, fact, key, role) for every fact of every linked value."""
    key_of_fact = facts["key_id"].to_numpy()
    order = np.argsort(key_of_fact, kind="stable")
    sorted_keys = key_of_fact[order]
    keys = links["key_id"].to_numpy()
    start = np.searchsorted(sorted_keys, keys)
    stop = np.searchsorted(sorted_keys, keys, side="right")
    count = stop - start
    idx = np.repeat(start - np.cumsum(np.r_[0, count[:-1]]), count) + np.arange(count.sum())
    return pd.DataFrame(
        {
            "check": np.repeat(links["check"].to_numpy(), count),
            "fact": order[idx],
            "key": np.repeat(keys, count),
            "role": np.repeat(links["role"].astype(object).to_numpy(), count),
        }
    )


def assemble(
    plan: Plan,
    lean: Checks,
    values: pd.DataFrame,
    facts: pd.DataFrame,
    d: Dictionary,
    notes: dict[int, str] | None = None,
    figures: pd.DataFrame | None = None,
) -> Findings:
    """`figures` (chains) gives the key fields, unit and words of checks about a figure that
    may not be stated: rows of the lean table with FIELD_COLUMNS."""
    t = lean.table.reset_index(drop=True)
    lean_links = lean.links.astype({"check": "int64", "key_id": "int64"})
    fields = _fields(t, values)
    figure_rows = figures["row"].to_numpy() if figures is not None else np.array([], dtype=int)
    for name in FIGURE_FIELDS:
        if len(figure_rows):
            fields[name][figure_rows] = figures[name].to_numpy(dtype=object)
    rule = fields["rule"]
    ids = _render(plan, rule, fields, "id")
    expression = _render(plan, rule, fields, "reads")
    if len(figure_rows):
        words = figures["expression"].to_numpy(dtype=object)
        expression[figure_rows] = np.where(words != "", words, expression[figure_rows])
    families = {x.id: x.family for x in plan.templates}
    is_sum = np.array([families[r] is Family.SUM for r in rule], dtype=bool)
    member = np.where(is_sum, fields["axis"] + ":*", fields["member"]).astype(object)

    # Checks sorted by id; links follow.
    order = np.argsort(ids, kind="stable")
    new_row = np.empty(len(order), dtype=np.int64)
    new_row[order] = np.arange(len(order))
    links = _fact_links(lean_links, facts)
    links["check"] = new_row[links["check"].to_numpy()] if len(links) else links["check"]
    file = facts["file"].astype(object).to_numpy()[links["fact"].to_numpy()]
    line = facts["line"].to_numpy()[links["fact"].to_numpy()]
    links = links.assign(_file=file, _line=line)
    links = links.sort_values(["check", "_file", "_line", "role"], kind="stable")
    links = links.drop(columns=["_file", "_line"]).reset_index(drop=True)

    # The unit and decimals of each check: those of its stated figures (else of all its facts).
    unit_of_fact = facts["unit"].astype(object).to_numpy()
    decimals_of_fact = decimals_of(facts["value"]).to_numpy()
    stated = links["role"].isin(STATED_ROLES).to_numpy()
    n = len(order)
    has_stated = np.bincount(links["check"].to_numpy()[stated], minlength=n) > 0
    use = stated | ~has_stated[links["check"].to_numpy()]
    chosen = links[use]
    first = chosen.drop_duplicates("check")
    unit = np.full(n, "", dtype=object)
    unit[first["check"].to_numpy()] = unit_of_fact[first["fact"].to_numpy()]
    if len(figure_rows):
        unit[new_row[figure_rows]] = figures["unit"].to_numpy(dtype=object)
    decimals = np.full(n, 2, dtype=np.int64)
    if len(chosen):
        best = np.full(n, -1, dtype=np.int64)
        np.maximum.at(best, chosen["check"].to_numpy(), decimals_of_fact[chosen["fact"].to_numpy()])
        decimals = np.where(best >= 0, best, 2)
    scales = {u.unit: u.scale.mantissa * 10.0**u.scale.exponent for u in d.units.values()}
    scale = np.array([scales.get(u, 1.0) for u in unit], dtype=float)

    def in_unit(x: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.where(np.isfinite(x), x / scale, x)

    t_sorted = {
        "check_id": ids[order],
        "rule": rule[order],
        "kind": t["kind"].astype(object).to_numpy()[order],
        "relation": t["relation"].astype(object).to_numpy()[order],
        "verdict": t["verdict"].astype(object).to_numpy()[order],
        "reason": t["reason"].astype(object).to_numpy()[order],
        "missing": t["missing"].astype(object).to_numpy()[order],
        **{k: fields[k][order] for k in ("entity", "scope", "period", "concept", "base", "whole")},
        "member": member[order],
        "whole_concept": fields["whole_concept"][order],
        "axis": fields["axis"][order],
        "target": fields["target"][order],
    }
    # object columns stay object: letting pandas infer Arrow strings costs more than the checks
    table = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in t_sorted.items()})
    table["unit"] = unit
    table["decimals"] = decimals
    for side in ("stated_lo", "stated_hi", "derived_lo", "derived_hi", "miss"):
        table[side] = in_unit(t[side].to_numpy(dtype=float)[order])
    table["expression"] = pd.Series(expression[order], dtype=object)
    table["waived"] = False
    for column in ("waiver_reason", "waiver_reviewer", "waiver_date", "suspect_reason"):
        table[column] = pd.Series(np.full(len(order), "", dtype=object), dtype=object)
    table["suspect"] = np.int64(-1)
    printings = np.full(len(order), "", dtype=object)
    for row, note in (notes or {}).items():
        printings[new_row[row]] = note
    table["printings"] = pd.Series(printings, dtype=object)
    table = table[CHECK_COLUMNS]

    concept_zh = {c.id: c.zh for c in d.concepts.values()}
    concept = facts["concept"].astype("category")
    fact_table = pd.DataFrame(
        {
            **{c: facts[c] for c in ("entity", "scope", "period", "concept", "member", "measure")},
            "concept_zh": np.array(
                [concept_zh.get(c, c) for c in concept.cat.categories] + [""], dtype=object
            )[concept.cat.codes.to_numpy()],
            **{c: facts[c] for c in ("base", "whole", "qualifier")},
            "value": facts["printed"],
            **{c: facts[c] for c in ("unit", "document", "location", "src_line", "file", "line")},
            "key": facts["key_id"].to_numpy(),
        }
    )
    docs = fact_table["document"].astype(object).to_numpy()[links["fact"].to_numpy()]
    pairs = pd.DataFrame({"check": links["check"].to_numpy(), "document": docs})
    pairs = pairs.drop_duplicates().sort_values(["check", "document"]).reset_index(drop=True)
    return Findings(
        table=table,
        fact_table=fact_table,
        links=links[["check", "fact", "key", "role"]],
        rules=rule_texts(plan),
        documents=(),
        check_documents=pairs,
    )
