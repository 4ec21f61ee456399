"""Compiling relation templates and formula rules into the immutable check plan.

Every error names the rulebook file and the line of the entry, and says what is expected. The
compiler resolves concept names against the dictionary once, so a backend never meets an
unknown name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from validator.io.dictionary import Dictionary
from validator.model.check_id import IdFormat, IdFormatError
from validator.model.periods import PeriodType
from validator.model.verdict import Family, Kind, Relation
from validator.rules.ast import Formula, Ref, is_additive, refs, rename, render
from validator.rules.implications import compile_implications
from validator.rules.operands import (
    BUILTINS,
    compile_expression,
    compile_operands,
    compile_stated,
    enum,
    fail,
)
from validator.rules.plan import (
    AxisRule,
    Binding,
    DimensionRule,
    Pattern,
    Source,
    Template,
)

FORMULA_ID = "{rule}:{entity}/{scope}/{period}{/member}"
TEMPLATE_KEYS = {
    "id", "zh", "en", "kind", "family", "relation", "stated", "operands", "derived", "reads",
    "values", "require", "absent", "element", "grouping", "positive", "axis", "check_id", "note",
    "implies",
}  # fmt: skip
GROUPINGS = ("statement", "whole", "implied")
COMPOSITION_GROUPINGS = ("sum", "item")  # the slots' sum against the whole; an item listed twice


def compile_template(raw: Mapping[str, Any], d: Dictionary, source: Source) -> Template:
    """One `relations:` entry of a rulebook."""
    rule = str(raw.get("id", "?"))
    unknown = set(raw) - TEMPLATE_KEYS - {"__line__"}
    if unknown:
        raise fail(source, rule, f"unknown key(s) {sorted(unknown)}")
    for key in ("zh", "en", "kind", "reads", "check_id"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(source, rule, f"`{key}` is required (text)", key)
    family = enum(Family, raw.get("family", "formula"), source, rule, "family")
    kind = enum(Kind, raw["kind"], source, rule, "kind")
    relation = enum(Relation, str(raw.get("relation", "=")), source, rule, "relation")
    try:
        id_format = IdFormat.parse(raw["check_id"])
    except IdFormatError as exc:
        raise fail(source, rule, str(exc), "check_id") from None
    stated = compile_stated(raw.get("stated", {}), d, source, rule)
    names, operands = compile_operands(raw.get("operands") or {}, d, source, rule)
    visible = {*names, *BUILTINS}
    derived = element = None
    if family is Family.FORMULA:
        if "derived" not in raw:
            raise fail(source, rule, "a formula relation needs `derived:`", "derived")
        derived = compile_expression(raw["derived"], visible, source, rule, "derived")
    if family is Family.AGREE:
        grouping = raw.get("grouping")
        if grouping not in GROUPINGS:
            raise fail(source, rule, f"`grouping` must be one of {', '.join(GROUPINGS)}")
        if grouping == "whole":
            if "element" not in raw:
                raise fail(source, rule, "grouping `whole` needs `element:`", "element")
            element = compile_expression(raw["element"], visible, source, rule, "element")
    if family is Family.COMPOSITION:
        if raw.get("grouping") not in COMPOSITION_GROUPINGS:
            shown = ", ".join(COMPOSITION_GROUPINGS)
            raise fail(source, rule, f"a composition relation needs `grouping:` {shown}")
        if raw.get("grouping") == "sum" and raw.get("axis") not in ("complete", "partial"):
            raise fail(source, rule, "grouping `sum` needs `axis:` complete or partial", "axis")
    implies: tuple = ()
    if "implies" in raw and (family is not Family.AGREE or raw.get("grouping") != "implied"):
        raise fail(source, rule, "`implies:` belongs to `family: agree`, `grouping: implied`")
    if family is Family.AGREE and raw.get("grouping") == "implied":
        implies = compile_implications(raw.get("implies"), d, source, rule)
    listed = {
        key: tuple(raw.get(key) or ()) for key in ("require", "absent", "positive")
    }  # operand lists
    for key, items in listed.items():
        if bad := [x for x in items if x not in visible]:
            raise fail(source, rule, f"`{key}` names unknown operand(s) {bad}", key)
    return Template(
        id=rule,
        zh=raw["zh"],
        en=raw["en"],
        kind=kind,
        family=family,
        relation=relation,
        stated=stated,
        id_format=id_format,
        source=source,
        reads=" ".join(raw["reads"].split()),
        values=str(raw.get("values", "")),
        operands=operands,
        derived=derived,
        require=listed["require"],
        absent=listed["absent"],
        element=element,
        grouping=str(raw.get("grouping", "")),
        implies=implies,
        positive=listed["positive"],
        axis=enum(AxisRule, raw.get("axis", "complete"), source, rule, "axis"),
        note=str(raw.get("note", "")),
        operand_names=tuple(names),
    )


def compile_formula(
    rule: str,
    zh: str,
    en: str,
    formula: Formula,
    d: Dictionary,
    source: Source,
    document: str | None = None,
    note: str = "",
) -> Template:
    """A named formula `subject relation expression`: a template whose stated figure is the
    subject's level and whose operands are the expression's concepts, in the subject's entity,
    scope and member; `avg`, `opening` and `prior` move an operand's period."""
    subject = d.concepts[formula.subject.concept]
    operands: list[Binding] = []
    names: dict[Ref, str] = {}
    for ref in refs(formula.expression):
        concept = d.concepts[ref.concept]
        name = ref.label()
        names[ref] = name
        operands.append(
            Binding(
                name=name,
                label=name,
                concept=ref.concept,
                transform=ref.transform,
                dimension=DimensionRule.CONCEPT,
                optional=ref.optional,
                nonnegative=concept.nonnegative,
            )
        )
    values = render(formula.expression, {r: "{" + n + "}" for r, n in names.items()})
    return Template(
        id=rule,
        zh=zh,
        en=en,
        kind=Kind.SUM if is_additive(formula.expression) else Kind.FORMULA,
        family=Family.FORMULA,
        relation=Relation(formula.relation),
        stated=(Pattern(measures=frozenset({"level"}), concepts=frozenset({subject.id})),),
        id_format=IdFormat.parse(FORMULA_ID),
        source=source,
        reads=" ".join(formula.text.split()),
        values=values,
        operands=tuple(operands),
        derived=rename(formula.expression, names),
        require_any=True,
        bound_when_unbounded=True,
        document=document,
        note=note,
        operand_names=tuple(names.values()),
    )


def subject_type(template: Template, d: Dictionary) -> PeriodType | None:
    """The period type of a formula's subject (None when the template states no concept)."""
    concepts = template.stated[0].concepts if template.stated else None
    if not concepts or len(concepts) != 1:
        return None
    return d.concepts[next(iter(concepts))].period
