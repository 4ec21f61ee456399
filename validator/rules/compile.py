"""Compiling relation templates and formula rules into the immutable check plan.

Every error names the rulebook file and the line of the entry, and says what is expected. The
compiler resolves concept names against the dictionary once, so a backend never meets an
unknown name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from validator.errors import Problem
from validator.io.dictionary import Dictionary
from validator.model.check_id import IdFormat, IdFormatError
from validator.model.periods import PeriodType
from validator.model.verdict import Family, Kind, Relation
from validator.rules.ast import Expr, Formula, Ref, Transform, is_additive, refs, rename, render
from validator.rules.parser import FormulaError, parse_expression
from validator.rules.plan import (
    WHOLE_CONCEPT,
    AxisRule,
    Binding,
    DimensionRule,
    MemberRule,
    Pattern,
    PeriodRule,
    Presence,
    Source,
    Template,
)

FORMULA_ID = "{rule}:{entity}/{scope}/{period}{/member}"
BUILTINS = ("stated", "years")  # names every derived side may use besides its operands
TEMPLATE_KEYS = {
    "id", "zh", "en", "kind", "family", "relation", "stated", "operands", "derived", "reads",
    "values", "require", "absent", "element", "grouping", "positive", "axis", "check_id", "note",
    "implies",
}  # fmt: skip
PATTERN_KEYS = {"measure", "concept", "member", "whole", "dimension", "nonnegative", "negative"}
BINDING_KEYS = {
    "measure", "concept", "scope", "member", "period", "keep_base", "keep_whole", "dimension",
    "optional", "missing", "label",
}  # fmt: skip
GROUPINGS = ("statement", "whole", "implied")
COMPOSITION_GROUPINGS = ("sum", "item")  # the slots' sum against the whole; an item listed twice


class CompileError(Exception):
    """A template that cannot be compiled; `problems` are located."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _fail(source: Source, rule: str, message: str, column: str | None = None) -> CompileError:
    return CompileError([Problem(f"relation {rule}: {message}", source.file, source.line, column)])


def _set(value: Any, source: Source, rule: str, key: str) -> frozenset[str] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(x, str) and x for x in items):
        raise _fail(source, rule, f"`{key}` must be a name or a list of names", key)
    return frozenset(items)


def _enum(cls: Any, value: Any, source: Source, rule: str, key: str, allowed: tuple = ()) -> Any:
    options = allowed or tuple(cls)
    try:
        member = cls(value)
    except ValueError:
        member = None
    if member is None or member not in options:
        names = ", ".join(str(o.value) for o in options)
        raise _fail(source, rule, f"`{key}` must be one of {names} (got {value!r})", key)
    return member


def compile_pattern(raw: Any, d: Dictionary, source: Source, rule: str) -> Pattern:
    if not isinstance(raw, dict):
        raise _fail(source, rule, "each `stated` pattern is a mapping of conditions", "stated")
    unknown = set(raw) - PATTERN_KEYS - {"__line__"}
    if unknown:
        raise _fail(source, rule, f"unknown condition(s) {sorted(unknown)} in `stated`", "stated")
    concepts = _set(raw.get("concept"), source, rule, "concept")
    nonnegative = raw.get("nonnegative")
    if concepts and (missing := sorted(c for c in concepts if c not in d.concepts)):
        raise _fail(source, rule, f"unknown concept(s) {missing} in `stated`", "stated")
    dimensions = _set(raw.get("dimension"), source, rule, "dimension")
    if dimensions and (missing := sorted(x for x in dimensions if x not in d.dimensions)):
        raise _fail(source, rule, f"unknown dimension(s) {missing} in `stated`", "stated")
    for flag in ("nonnegative", "negative"):
        if raw.get(flag) not in (None, True, False):
            raise _fail(source, rule, f"`{flag}` must be true or false", "stated")
    return Pattern(
        measures=_set(raw.get("measure"), source, rule, "measure"),
        concepts=concepts,
        member=_enum(
            MemberRule,
            raw.get("member", "any"),
            source,
            rule,
            "member",
            (MemberRule.ANY, MemberRule.NONE, MemberRule.MEMBER, MemberRule.TOTAL),
        ),
        whole=_enum(Presence, raw.get("whole", "any"), source, rule, "whole"),
        dimensions=dimensions,
        nonnegative=nonnegative,
        negative=raw.get("negative"),
    )


def compile_binding(
    name: str, raw: Any, names: list[str], d: Dictionary, source: Source, rule: str
) -> Binding:
    if not isinstance(raw, dict):
        raise _fail(source, rule, f"operand {name!r} is a mapping of binding rules", "operands")
    unknown = set(raw) - BINDING_KEYS - {"__line__"}
    if unknown:
        raise _fail(source, rule, f"unknown key(s) {sorted(unknown)} in operand {name!r}")
    concept = raw.get("concept")
    if concept == "whole":
        concept = WHOLE_CONCEPT
    elif concept is not None and concept not in d.concepts:
        raise _fail(source, rule, f"operand {name!r}: unknown concept {concept!r}", "operands")
    dim_text = raw.get("dimension", "concept")
    dimension_of = ""
    if dim_text in ("concept", "stated"):
        dimension = DimensionRule(dim_text)
    elif dim_text in names and dim_text != name:
        dimension, dimension_of = DimensionRule.OPERAND, dim_text
    else:
        raise _fail(
            source,
            rule,
            f"operand {name!r}: `dimension` is concept, stated or an earlier operand's name "
            f"(got {dim_text!r})",
        )
    if dimension_of and names.index(dimension_of) > names.index(name):
        raise _fail(source, rule, f"operand {name!r} takes the dimension of a later operand")
    return Binding(
        name=name,
        label=str(raw.get("label", name)),
        measure=str(raw.get("measure", "level")),
        concept=concept,
        scope=_enum(
            MemberRule,
            raw.get("scope", "same"),
            source,
            rule,
            "scope",
            (MemberRule.SAME, MemberRule.WHOLE),
        ),
        member=_enum(
            MemberRule,
            raw.get("member", "same"),
            source,
            rule,
            "member",
            (MemberRule.SAME, MemberRule.WHOLE, MemberRule.NONE),
        ),
        period=_enum(PeriodRule, raw.get("period", "same"), source, rule, "period"),
        keep_base=bool(raw.get("keep_base", False)),
        keep_whole=bool(raw.get("keep_whole", False)),
        dimension=dimension,
        dimension_of=dimension_of,
        optional=bool(raw.get("optional", False)),
        missing=str(raw.get("missing", "")),
    )


def _expression(raw: Any, names: set[str], source: Source, rule: str, key: str) -> Expr:
    try:
        expr = parse_expression(str(raw))
    except FormulaError as exc:
        message = f"{exc.message} in `{key}` {exc.text!r} (column {exc.column})"
        raise _fail(source, rule, message) from None
    for ref in refs(expr):
        if ref.transform is not Transform.SAME or ref.optional:
            raise _fail(source, rule, f"`{key}` names operands plainly ({ref.label()})", key)
        if ref.concept not in names:
            known = ", ".join(sorted(names))
            raise _fail(source, rule, f"`{key}` uses {ref.concept!r}, not an operand ({known})")
    return expr


def compile_template(raw: Mapping[str, Any], d: Dictionary, source: Source) -> Template:
    """One `relations:` entry of a rulebook."""
    rule = str(raw.get("id", "?"))
    unknown = set(raw) - TEMPLATE_KEYS - {"__line__"}
    if unknown:
        raise _fail(source, rule, f"unknown key(s) {sorted(unknown)}")
    for key in ("zh", "en", "kind", "reads", "check_id"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(source, rule, f"`{key}` is required (text)", key)
    family = _enum(Family, raw.get("family", "formula"), source, rule, "family")
    kind = _enum(Kind, raw["kind"], source, rule, "kind")
    relation = _enum(Relation, str(raw.get("relation", "=")), source, rule, "relation")
    try:
        id_format = IdFormat.parse(raw["check_id"])
    except IdFormatError as exc:
        raise _fail(source, rule, str(exc), "check_id") from None
    stated_raw = raw.get("stated", {})
    stated_list = stated_raw if isinstance(stated_raw, list) else [stated_raw]
    stated = tuple(compile_pattern(p, d, source, rule) for p in stated_list)
    operands_raw = raw.get("operands") or {}
    if not isinstance(operands_raw, dict):
        raise _fail(source, rule, "`operands` is a mapping of operand name to binding")
    names = [n for n in operands_raw if n != "__line__"]
    for n in names:
        if n in BUILTINS or not n.isidentifier():
            raise _fail(source, rule, f"operand name {n!r} is reserved or not a name")
    operands = tuple(compile_binding(n, operands_raw[n], names, d, source, rule) for n in names)
    visible = {*names, *BUILTINS}
    derived = element = None
    if family is Family.FORMULA:
        if "derived" not in raw:
            raise _fail(source, rule, "a formula relation needs `derived:`", "derived")
        derived = _expression(raw["derived"], visible, source, rule, "derived")
    if family is Family.AGREE:
        grouping = raw.get("grouping")
        if grouping not in GROUPINGS:
            raise _fail(source, rule, f"`grouping` must be one of {', '.join(GROUPINGS)}")
        if grouping == "whole":
            if "element" not in raw:
                raise _fail(source, rule, "grouping `whole` needs `element:`", "element")
            element = _expression(raw["element"], visible, source, rule, "element")
    if family is Family.COMPOSITION:
        if raw.get("grouping") not in COMPOSITION_GROUPINGS:
            shown = ", ".join(COMPOSITION_GROUPINGS)
            raise _fail(source, rule, f"a composition relation needs `grouping:` {shown}")
        if raw.get("grouping") == "sum" and raw.get("axis") not in ("complete", "partial"):
            raise _fail(source, rule, "grouping `sum` needs `axis:` complete or partial", "axis")
    implies: tuple = ()
    if "implies" in raw and (family is not Family.AGREE or raw.get("grouping") != "implied"):
        raise _fail(source, rule, "`implies:` belongs to `family: agree`, `grouping: implied`")
    if family is Family.AGREE and raw.get("grouping") == "implied":
        from validator.rules.implications import compile_implications  # it imports this module

        implies = compile_implications(raw.get("implies"), d, source, rule)
    listed = {
        key: tuple(raw.get(key) or ()) for key in ("require", "absent", "positive")
    }  # operand lists
    for key, items in listed.items():
        if bad := [x for x in items if x not in visible]:
            raise _fail(source, rule, f"`{key}` names unknown operand(s) {bad}", key)
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
        axis=_enum(AxisRule, raw.get("axis", "complete"), source, rule, "axis"),
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
