"""From the lean checks of every template to the finished Findings table: ids, fields, units,
intervals in the stated unit, and fact links in the order a check lists its facts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from validator.engine.checks import Checks
from validator.engine.ids import Field, categorical, render_all, strings
from validator.engine.links import check_documents, rank, sorted_links
from validator.findings.model import CHECK_COLUMNS, Findings, Operand, RuleText
from validator.heap import settle
from validator.io.dictionary import Dictionary
from validator.model.check_id import IdFormat
from validator.model.literals import decimals_of
from validator.model.verdict import Family
from validator.rules.plan import Plan, Template

STATED_ROLES = ["stated", "total", "part"]
FIGURE_FIELDS = ("entity", "scope", "period", "concept", "member", "measure", "base", "whole")
FIGURE_FIELDS += ("whole_concept",)
# The columns of the values table that assembling reads (its key fields, by a check's anchor).
FIELD_COLUMNS = ["entity", "scope", "period_label", "concept", "member", "measure"]
FIELD_COLUMNS += ["base_label", "whole_concept", "whole_scope", "whole_member"]


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
    packed = (concept.codes.astype(np.int64) * sizes[1] + scope.codes) * sizes[2] + member.codes
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
    return Field(np.array(texts, dtype=object), codes.reshape(-1).astype(np.int32))


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


def _overridden(field: Field, rows: np.ndarray, values: pd.Series) -> Field:
    """The field with the checks `rows` given other values (the chains' figures), in codes:
    the few new values appended, no object column of every check."""
    texts = values.to_numpy(dtype=object)
    texts = np.where(pd.isna(texts), "", texts).astype(object)
    codes, uniques = pd.factorize(texts)
    out = field.codes.copy()
    out[rows] = len(field.values) + codes
    return Field(np.concatenate([field.values, np.asarray(uniques, dtype=object)]), out)


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
    may not be stated: rows of the lean table with FIELD_COLUMNS. `lean` is let go of as it
    is read (its links once sorted, its table once the columns are built): a caller that
    passes the only reference frees it before the peak."""
    t = lean.table.reset_index(drop=True)
    lean_links = [lean.links]  # sorting the links takes the only reference, and frees it
    del lean
    fields = _fields(t, values)
    figure_rows = figures["row"].to_numpy() if figures is not None else np.array([], dtype=int)
    if len(figure_rows):
        for name in FIGURE_FIELDS:
            fields[name] = _overridden(fields[name], figure_rows, figures[name])
    rule = fields["rule"]
    by_id = {x.id: x for x in plan.templates}
    size = len(facts)  # each step below starts from the pages the last one freed (settle)
    settle(size)
    ids_arrow = render_all({k: x.id_format for k, x in by_id.items()}, rule, fields)
    is_sum = np.array(
        [v in by_id and by_id[v].family is Family.SUM for v in rule.values], dtype=bool
    )[rule.codes]

    # Checks sorted by id (a stable sort of the UTF-8 bytes: the order of Python strings).
    order = pc.sort_indices(ids_arrow).to_numpy().astype(np.int64)
    ids = pd.array(ids_arrow.take(pa.array(order)), dtype="str")  # never a Python str per id
    del ids_arrow
    expression = _expressions(by_id, rule, fields, order, figure_rows, figures)
    new_row = np.empty(len(order), dtype=np.int64)
    new_row[order] = np.arange(len(order))
    is_composition = np.array(
        [v in by_id and by_id[v].family is Family.COMPOSITION for v in rule.values], dtype=bool
    )[rule.codes]
    n = len(order)
    # Every column is built in its final order and dtype once, and the frame takes them as
    # they are: the key fields as categoricals (a code per check), the ids as Arrow strings.
    # Those of the fields and the lean table first, which are then let go of: the links
    # sorted below are the largest temporaries.
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
        **{  # in the stated unit once the units are known
            side: t[side].to_numpy(dtype=float)[order]
            for side in ("stated_lo", "stated_hi", "derived_lo", "derived_hi", "miss")
        },
        "expression": expression,
    }
    if is_sum.any():  # a sum's member is its axis
        columns["member"] = _member_of_sums(fields["member"], fields["axis"], is_sum, order)
    axis = fields["axis"].objects()
    del ids, expression, fields, t, rule, is_sum
    settle(size)
    role_names, check, fact, role = sorted_links(
        lean_links.pop(), facts, new_row, is_composition, axis
    )
    del axis
    # Before the units: its temporaries are the size of the links.
    documents = check_documents(check, fact, facts["document"])
    unit_list, unit_of_check, decimals = _units_of_checks(
        check, fact, role, role_names, facts, n, new_row[figure_rows], figures
    )
    columns["unit"] = strings(unit_list, unit_of_check)
    columns["decimals"] = decimals
    scales = {u.unit: u.scale.mantissa * 10.0**u.scale.exponent for u in d.units.values()}
    scale = np.array([scales.get(u, 1.0) for u in unit_list])[unit_of_check]
    for side in ("stated_lo", "stated_hi", "derived_lo", "derived_hi", "miss"):
        x = columns[side]
        np.divide(x, scale, out=x, where=np.isfinite(x))  # an unbounded side stays as it is
    del scale, unit_of_check
    empty = categorical(np.array([""], dtype=object), np.zeros(n, dtype=np.int64))
    columns["waived"] = np.zeros(n, dtype=bool)
    columns |= {c: empty for c in ("waiver_reason", "waiver_reviewer", "waiver_date")}
    columns["suspect"] = np.full(n, -1, dtype=np.int64)
    columns["suspect_reason"] = empty
    printings = np.full(n, "", dtype=object)
    for row, note in (notes or {}).items():
        printings[new_row[row]] = note
    columns["printings"] = printings
    table = pd.DataFrame({k: columns[k] for k in CHECK_COLUMNS}, copy=False)
    del columns

    concept_zh = {c.id: c.zh for c in d.concepts.values()}
    concept = facts["concept"].astype("category")
    zh = [concept_zh.get(c, c) for c in concept.cat.categories] + [""]
    codes = concept.cat.codes.to_numpy().astype(np.int64)
    fact_table = pd.DataFrame(  # the facts' own columns, not copies
        {
            **{c: facts[c] for c in ("entity", "scope", "period", "concept", "member", "measure")},
            "concept_zh": categorical(
                np.array(zh, dtype=object), np.where(codes >= 0, codes, len(zh) - 1)
            ),
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
            "key": facts["key_id"].to_numpy()[fact],  # a link's key is its fact's
            "role": categorical(np.asarray(role_names, dtype=object), role),  # a code per link
        },
        copy=False,
    )
    return Findings(
        table=table,
        fact_table=fact_table,
        links=links,
        rules=rule_texts(plan),
        documents=(),
        check_documents=documents,
    )


def _expressions(
    by_id: dict[str, Template], rule: Field, fields: dict[str, Field], order: np.ndarray,
    figure_rows: np.ndarray, figures: pd.DataFrame | None,
) -> pd.api.extensions.ExtensionArray:  # fmt: skip
    """The reads text of each check in `order` (a chain's own words where it has them), as
    the table holds it: Arrow strings, with no Python string per check on the way."""
    reads = render_all({k: _reads_format(x) for k, x in by_id.items()}, rule, fields)
    if len(figure_rows):
        assert figures is not None
        reads = _with_words(reads, figure_rows, figures["expression"].to_numpy(dtype=object))
    return pd.array(reads.take(pa.array(order)), dtype="str")  # the table's dtype, taken in Arrow


def _units_of_checks(
    check: np.ndarray, fact: np.ndarray, role: np.ndarray, role_names: np.ndarray,
    facts: pd.DataFrame, n: int, figure_rows: np.ndarray, figures: pd.DataFrame | None,
) -> tuple[list[str], np.ndarray, np.ndarray]:  # fmt: skip
    """The unit (a code into the returned names) and decimals of each check: those of its
    stated figures, else of all its facts; a chain's unit is its figure's (`figure_rows`, in
    the final order), stated or not. The links are sorted by check."""
    unit_code, _, unit_names = rank(facts["unit"])
    decimals_of_fact = decimals_of(facts["value"]).to_numpy()
    stated = np.isin(role_names, STATED_ROLES)[role] if len(role_names) else role < 0
    has_stated = np.bincount(check[stated], minlength=n) > 0
    use = stated | ~has_stated[check]
    del stated, has_stated
    chosen_check, chosen_fact = check[use], fact[use]
    del use
    at = np.flatnonzero(np.r_[True, chosen_check[1:] != chosen_check[:-1]])  # sorted by check
    firsts = chosen_check[at]
    unit_list = [*unit_names.tolist(), ""]
    unit_of_check = np.full(n, len(unit_names), dtype=np.int64)  # the empty unit
    unit_of_check[firsts] = unit_code[chosen_fact[at]]
    if len(figure_rows):  # a chain's unit is its figure's, stated or not
        assert figures is not None
        extra = pd.unique(figures["unit"].to_numpy(dtype=object))
        unit_list += [u for u in extra if u not in unit_list]
        position = {u: i for i, u in enumerate(unit_list)}
        codes = [position[u] for u in figures["unit"].to_numpy(dtype=object)]
        unit_of_check[figure_rows] = np.asarray(codes, dtype=np.int64)
    decimals = np.full(n, 2, dtype=np.int64)
    if len(chosen_check):
        best = np.full(n, -1, dtype=np.int64)
        np.maximum.at(best, chosen_check, decimals_of_fact[chosen_fact])
        decimals = np.where(best >= 0, best, 2)
    return unit_list, unit_of_check, decimals
