"""From the lean checks of every template to the finished Findings table: ids, fields, units,
intervals in the stated unit, and fact links in the order a check lists its facts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from validator.engine.checks import Checks
from validator.engine.compositions import slot_facts_only
from validator.engine.ids import Field, categorical, render_all
from validator.findings.model import CHECK_COLUMNS, Findings, Operand, RuleText
from validator.io.dictionary import Dictionary
from validator.model.check_id import IdFormat
from validator.model.literals import decimals_of
from validator.model.verdict import Family
from validator.rules.plan import Plan, Template

STATED_ROLES = ["stated", "total", "part"]
FIGURE_FIELDS = ("entity", "scope", "period", "concept", "member", "measure", "base", "whole")
FIGURE_FIELDS += ("whole_concept",)


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


def _fields(t: pd.DataFrame, values: pd.DataFrame) -> dict[str, Field]:
    a = t["anchor"].to_numpy().astype(np.int64)

    def of(column: str) -> Field:
        return Field.of(values[column], a)

    whole = _whole(of("whole_concept"), of("whole_scope"), of("whole_member"))
    return {
        "rule": Field.of(t["rule"]),
        "entity": of("entity"),
        "scope": of("scope"),
        "period": of("period_label"),
        "concept": of("concept"),
        "member": of("member"),
        "measure": of("measure").map(lambda m: m if m != "level" else ""),
        "base": of("base_label"),
        "whole": whole,
        "whole_concept": of("whole_concept"),
        "axis": Field.of(t["axis"]),
        "target": Field.of(t["target"]),
    }


def _whole(concept: Field, scope: Field, member: Field) -> Field:
    """`concept@scope[member]` (empty without a whole concept), built once per combination."""
    sizes = (len(concept.values), len(scope.values), len(member.values))
    packed = (concept.codes * sizes[1] + scope.codes) * sizes[2] + member.codes
    combos, codes = np.unique(packed, return_inverse=True)
    c, rest = np.divmod(combos, sizes[1] * sizes[2])
    sc, m = np.divmod(rest, sizes[2])
    texts = [
        (cv + "@" + sv + ("[" + mv + "]" if mv != "" else "")) if cv != "" else ""
        for cv, sv, mv in zip(
            concept.values[c].tolist(), scope.values[sc].tolist(), member.values[m].tolist(),
            strict=True,
        )
    ]  # fmt: skip
    return Field(np.array(texts, dtype=object), codes.reshape(-1).astype(np.int64))


def _category_of(column: pd.Series, order: np.ndarray) -> pd.Categorical:
    """A lean column (categorical or not) as a categorical in `order`."""
    field = Field.of(column)
    return categorical(field.values, field.codes[order])


def _member_of_sums(
    member: Field, axis: Field, is_sum: np.ndarray, order: np.ndarray
) -> pd.Categorical:
    """The member field, with `axis:*` for the checks of a sum (its member is the axis)."""
    sums = np.array([a + ":*" for a in axis.values], dtype=object)
    values = np.concatenate([member.values, sums])
    codes = np.where(is_sum, axis.codes + len(member.values), member.codes)
    return categorical(values, codes[order])


def _with_words(reads: pa.Array, rows: np.ndarray, words: np.ndarray) -> pa.Array:
    """The reads texts with `words` at `rows` where a word is given (a chain's own words)."""
    given = words != ""
    rows, words = rows[given], words[given]
    if not len(rows):
        return reads
    sort = np.argsort(rows, kind="stable")
    mask = np.zeros(len(reads), dtype=bool)
    mask[rows] = True
    return pc.replace_with_mask(reads, pa.array(mask), pa.array(words[sort].tolist(), pa.string()))


def _reads_format(t: Template) -> IdFormat:
    if "{" in t.reads:
        return IdFormat.parse(t.reads)
    return IdFormat.literal(t.reads)


def _rank(column: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes of a column, the rank of each code in string order, and the distinct strings."""
    cat = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
    cats = np.asarray(cat.cat.categories.astype(object))
    rank = np.empty(len(cats), dtype=np.int64)
    rank[np.argsort(cats, kind="stable")] = np.arange(len(cats))
    return cat.cat.codes.to_numpy().astype(np.int64), rank, cats


def _shared(texts: pa.Array) -> np.ndarray:
    """An object array holding each distinct text once (a reads text repeats across checks)."""
    encoded = pc.dictionary_encode(texts)
    distinct = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
    return distinct[encoded.indices.to_numpy(zero_copy_only=False)]


def _strings(values: list[str] | np.ndarray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """A `str` column of `values[codes]`, taken in Arrow."""
    table = pa.array(list(values), pa.string())
    return pd.array(table.take(pa.array(np.asarray(codes, dtype=np.int64))), dtype="str")


def _overridden(field: Field, rows: np.ndarray, values: pd.Series) -> Field:
    """The field with the checks `rows` given other values (the chains' figures), in codes:
    the few new values appended, no object column of every check."""
    texts = values.to_numpy(dtype=object)
    texts = np.where(pd.isna(texts), "", texts).astype(object)
    codes, uniques = pd.factorize(texts)
    out = field.codes.copy()
    out[rows] = len(field.values) + codes
    return Field(np.concatenate([field.values, np.asarray(uniques, dtype=object)]), out)


def _fact_links(links: pd.DataFrame, facts: pd.DataFrame) -> dict[str, np.ndarray]:
    """(check, fact, key, role code) for every fact of every linked value."""
    key_of_fact = facts["key_id"].to_numpy()
    order = np.argsort(key_of_fact, kind="stable")
    sorted_keys = key_of_fact[order]
    keys = links["key_id"].to_numpy()
    start = np.searchsorted(sorted_keys, keys)
    stop = np.searchsorted(sorted_keys, keys, side="right")
    count = stop - start
    idx = np.repeat(start - np.cumsum(np.r_[0, count[:-1]]), count) + np.arange(count.sum())
    return {
        "check": np.repeat(links["check"].to_numpy(), count),
        "fact": order[idx],
        "key": np.repeat(keys, count),
        "role": np.repeat(links["role"].cat.codes.to_numpy().astype(np.int64), count),
    }


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
    if not isinstance(lean_links["role"].dtype, pd.CategoricalDtype):
        lean_links["role"] = lean_links["role"].astype("category")
    fields = _fields(t, values)
    figure_rows = figures["row"].to_numpy() if figures is not None else np.array([], dtype=int)
    if len(figure_rows):
        for name in FIGURE_FIELDS:
            fields[name] = _overridden(fields[name], figure_rows, figures[name])
    rule = fields["rule"]
    by_id = {x.id: x for x in plan.templates}
    ids_arrow = render_all({k: x.id_format for k, x in by_id.items()}, rule, fields)
    reads = render_all({k: _reads_format(x) for k, x in by_id.items()}, rule, fields)
    if len(figure_rows):  # a chain's own words, where it has them
        reads = _with_words(reads, figure_rows, figures["expression"].to_numpy(dtype=object))
    is_sum = np.array(
        [v in by_id and by_id[v].family is Family.SUM for v in rule.values], dtype=bool
    )[rule.codes]

    # Checks sorted by id (a stable sort of the UTF-8 bytes: the order of Python strings).
    order = pc.sort_indices(ids_arrow).to_numpy().astype(np.int64)
    ids = pd.array(ids_arrow.take(pa.array(order)), dtype="str")  # never a Python str per id
    del ids_arrow
    new_row = np.empty(len(order), dtype=np.int64)
    new_row[order] = np.arange(len(order))
    is_composition = np.array(
        [v in by_id and by_id[v].family is Family.COMPOSITION for v in rule.values], dtype=bool
    )[rule.codes]
    raw = slot_facts_only(
        _fact_links(lean_links, facts), facts, is_composition, fields["axis"].objects()
    )
    role_names = np.asarray(lean_links["role"].cat.categories.astype(object))
    role_rank = np.empty(len(role_names), dtype=np.int64)
    role_rank[np.argsort(role_names, kind="stable")] = np.arange(len(role_names))
    check = new_row[raw["check"]] if len(raw["check"]) else raw["check"]
    file_code, file_rank, _ = _rank(facts["file"])
    line_of_fact = facts["line"].to_numpy()
    fact = raw["fact"]
    sort = np.lexsort(
        (
            np.arange(len(fact)),
            role_rank[raw["role"]],
            line_of_fact[fact],
            file_rank[file_code[fact]],
            check,
        )
    )
    check, fact, key, role = check[sort], fact[sort], raw["key"][sort], raw["role"][sort]

    # The unit and decimals of each check: those of its stated figures (else of all its facts).
    unit_code, _, unit_names = _rank(facts["unit"])
    decimals_of_fact = decimals_of(facts["value"]).to_numpy()
    stated = np.isin(role_names, STATED_ROLES)[role] if len(role_names) else role < 0
    n = len(order)
    has_stated = np.bincount(check[stated], minlength=n) > 0
    use = stated | ~has_stated[check]
    chosen_check, chosen_fact = check[use], fact[use]
    at = np.flatnonzero(np.r_[True, chosen_check[1:] != chosen_check[:-1]])  # sorted by check
    firsts = chosen_check[at]
    unit_list = [*unit_names.tolist(), ""]
    unit_of_check = np.full(n, len(unit_names), dtype=np.int64)  # the empty unit
    unit_of_check[firsts] = unit_code[chosen_fact[at]]
    if len(figure_rows):  # a chain's unit is its figure's, stated or not
        extra = pd.unique(figures["unit"].to_numpy(dtype=object))
        unit_list += [u for u in extra if u not in unit_list]
        position = {u: i for i, u in enumerate(unit_list)}
        codes = [position[u] for u in figures["unit"].to_numpy(dtype=object)]
        unit_of_check[new_row[figure_rows]] = np.asarray(codes, dtype=np.int64)
    unit = _strings(unit_list, unit_of_check)
    decimals = np.full(n, 2, dtype=np.int64)
    if len(chosen_check):
        best = np.full(n, -1, dtype=np.int64)
        np.maximum.at(best, chosen_check, decimals_of_fact[chosen_fact])
        decimals = np.where(best >= 0, best, 2)
    scales = {u.unit: u.scale.mantissa * 10.0**u.scale.exponent for u in d.units.values()}
    scale = np.array([scales.get(u, 1.0) for u in unit_list])[unit_of_check]

    def in_unit(x: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.where(np.isfinite(x), x / scale, x)

    # Every column is built in its final order and dtype once, and the frame takes them as
    # they are: the key fields as categoricals (a code per check), the ids as Arrow strings.
    empty = categorical(np.array([""], dtype=object), np.zeros(n, dtype=np.int64))
    columns: dict[str, object] = {
        "check_id": ids,
        "rule": rule.categorical(order),
        **{k: _category_of(t[k], order) for k in ("kind", "relation", "verdict", "reason")},
        "missing": _category_of(t["missing"], order),
        **{
            k: fields[k].categorical(order)
            for k in ("entity", "scope", "period", "concept", "member", "base", "whole")
        },
        "whole_concept": fields["whole_concept"].categorical(order),
        "axis": fields["axis"].categorical(order),
        "target": fields["target"].categorical(order),
        "unit": unit,
        "decimals": decimals,
        **{
            side: in_unit(t[side].to_numpy(dtype=float)[order])
            for side in ("stated_lo", "stated_hi", "derived_lo", "derived_hi", "miss")
        },
        "expression": _shared(reads.take(pa.array(order))),
        "waived": np.zeros(n, dtype=bool),
        **{c: empty for c in ("waiver_reason", "waiver_reviewer", "waiver_date")},
        "suspect": np.full(n, -1, dtype=np.int64),
        "suspect_reason": empty,
    }
    if is_sum.any():  # a sum's member is its axis
        columns["member"] = _member_of_sums(fields["member"], fields["axis"], is_sum, order)
    printings = np.full(n, "", dtype=object)
    for row, note in (notes or {}).items():
        printings[new_row[row]] = note
    columns["printings"] = printings
    table = pd.DataFrame({k: columns[k] for k in CHECK_COLUMNS}, copy=False)
    del columns, ids

    concept_zh = {c.id: c.zh for c in d.concepts.values()}
    concept = facts["concept"].astype("category")
    zh = [concept_zh.get(c, c) for c in concept.cat.categories] + [""]
    codes = concept.cat.codes.to_numpy().astype(np.int64)
    fact_table = pd.DataFrame(  # the facts' own columns, not copies
        {
            **{c: facts[c] for c in ("entity", "scope", "period", "concept", "member", "measure")},
            "concept_zh": _strings(zh, np.where(codes >= 0, codes, len(zh) - 1)),
            **{c: facts[c] for c in ("base", "whole", "qualifier")},
            "value": facts["printed"],
            **{c: facts[c] for c in ("unit", "document", "location", "src_line", "file", "line")},
            "key": facts["key_id"].to_numpy(),
        },
        copy=False,
    )
    links = pd.DataFrame(
        {
            "check": check,
            "fact": fact,
            "key": key,
            "role": _strings(role_names, role) if len(role_names) else _strings([], role),
        },
        copy=False,
    )
    return Findings(
        table=table,
        fact_table=fact_table,
        links=links,
        rules=rule_texts(plan),
        documents=(),
        check_documents=_check_documents(check, fact, fact_table["document"]),
    )


def _check_documents(check: np.ndarray, fact: np.ndarray, document: pd.Series) -> pd.DataFrame:
    """(check, document) for each document a check reads a fact of, sorted."""
    doc_code, doc_rank, names = _rank(document)
    by_rank = names[np.argsort(doc_rank)] if len(names) else names
    width = max(len(names), 1)
    packed = np.sort(check * width + doc_rank[doc_code[fact]])
    packed = packed[np.r_[True, packed[1:] != packed[:-1]]] if len(packed) else packed
    rows, docs = np.divmod(packed, width)
    return pd.DataFrame({"check": rows.astype(np.int64), "document": _strings(by_rank, docs)})
