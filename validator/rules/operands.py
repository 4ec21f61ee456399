"""Compiling the parts every relation entry shares: stated patterns, operand bindings and
derived expressions, with errors located at the rulebook entry.

Both the template compiler (`rules.compile`) and the implications of a chain
(`rules.implications`) build on these, so they live apart from either.
"""

from __future__ import annotations

from typing import Any

from validator.errors import Problem
from validator.io.dictionary import Dictionary
from validator.rules.ast import Expr, Transform, refs
from validator.rules.parser import FormulaError, parse_expression
from validator.rules.plan import (
    WHOLE_CONCEPT,
    Binding,
    DimensionRule,
    MemberRule,
    Pattern,
    PeriodRule,
    Presence,
    Source,
)

BUILTINS = ("stated", "years")  # names every derived side may use besides its operands

PATTERN_KEYS = {"measure", "concept", "member", "whole", "dimension", "nonnegative", "negative"}
BINDING_KEYS = {
    "measure", "concept", "scope", "member", "period", "keep_base", "keep_whole", "dimension",
    "optional", "missing", "label",
}  # fmt: skip


class CompileError(Exception):
    """A template that cannot be compiled; `problems` are located."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def fail(source: Source, rule: str, message: str, column: str | None = None) -> CompileError:
    return CompileError([Problem(f"relation {rule}: {message}", source.file, source.line, column)])


def names_set(value: Any, source: Source, rule: str, key: str) -> frozenset[str] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(x, str) and x for x in items):
        raise fail(source, rule, f"`{key}` must be a name or a list of names", key)
    return frozenset(items)


def enum(cls: Any, value: Any, source: Source, rule: str, key: str, allowed: tuple = ()) -> Any:
    options = allowed or tuple(cls)
    try:
        member = cls(value)
    except ValueError:
        member = None
    if member is None or member not in options:
        names = ", ".join(str(o.value) for o in options)
        raise fail(source, rule, f"`{key}` must be one of {names} (got {value!r})", key)
    return member


def compile_pattern(raw: Any, d: Dictionary, source: Source, rule: str) -> Pattern:
    if not isinstance(raw, dict):
        raise fail(source, rule, "each `stated` pattern is a mapping of conditions", "stated")
    unknown = set(raw) - PATTERN_KEYS - {"__line__"}
    if unknown:
        raise fail(source, rule, f"unknown condition(s) {sorted(unknown)} in `stated`", "stated")
    concepts = names_set(raw.get("concept"), source, rule, "concept")
    nonnegative = raw.get("nonnegative")
    if concepts and (missing := sorted(c for c in concepts if c not in d.concepts)):
        raise fail(source, rule, f"unknown concept(s) {missing} in `stated`", "stated")
    dimensions = names_set(raw.get("dimension"), source, rule, "dimension")
    if dimensions and (missing := sorted(x for x in dimensions if x not in d.dimensions)):
        raise fail(source, rule, f"unknown dimension(s) {missing} in `stated`", "stated")
    for flag in ("nonnegative", "negative"):
        if raw.get(flag) not in (None, True, False):
            raise fail(source, rule, f"`{flag}` must be true or false", "stated")
    return Pattern(
        measures=names_set(raw.get("measure"), source, rule, "measure"),
        concepts=concepts,
        member=enum(
            MemberRule,
            raw.get("member", "any"),
            source,
            rule,
            "member",
            (MemberRule.ANY, MemberRule.NONE, MemberRule.MEMBER, MemberRule.TOTAL),
        ),
        whole=enum(Presence, raw.get("whole", "any"), source, rule, "whole"),
        dimensions=dimensions,
        nonnegative=nonnegative,
        negative=raw.get("negative"),
    )


def compile_binding(
    name: str, raw: Any, names: list[str], d: Dictionary, source: Source, rule: str
) -> Binding:
    if not isinstance(raw, dict):
        raise fail(source, rule, f"operand {name!r} is a mapping of binding rules", "operands")
    unknown = set(raw) - BINDING_KEYS - {"__line__"}
    if unknown:
        raise fail(source, rule, f"unknown key(s) {sorted(unknown)} in operand {name!r}")
    concept = raw.get("concept")
    if concept == "whole":
        concept = WHOLE_CONCEPT
    elif concept is not None and concept not in d.concepts:
        raise fail(source, rule, f"operand {name!r}: unknown concept {concept!r}", "operands")
    dim_text = raw.get("dimension", "concept")
    dimension_of = ""
    if dim_text in ("concept", "stated"):
        dimension = DimensionRule(dim_text)
    elif dim_text in names and dim_text != name:
        dimension, dimension_of = DimensionRule.OPERAND, dim_text
    else:
        raise fail(
            source,
            rule,
            f"operand {name!r}: `dimension` is concept, stated or an earlier operand's name "
            f"(got {dim_text!r})",
        )
    if dimension_of and names.index(dimension_of) > names.index(name):
        raise fail(source, rule, f"operand {name!r} takes the dimension of a later operand")
    return Binding(
        name=name,
        label=str(raw.get("label", name)),
        measure=str(raw.get("measure", "level")),
        concept=concept,
        scope=enum(
            MemberRule,
            raw.get("scope", "same"),
            source,
            rule,
            "scope",
            (MemberRule.SAME, MemberRule.WHOLE),
        ),
        member=enum(
            MemberRule,
            raw.get("member", "same"),
            source,
            rule,
            "member",
            (MemberRule.SAME, MemberRule.WHOLE, MemberRule.NONE),
        ),
        period=enum(PeriodRule, raw.get("period", "same"), source, rule, "period"),
        keep_base=bool(raw.get("keep_base", False)),
        keep_whole=bool(raw.get("keep_whole", False)),
        dimension=dimension,
        dimension_of=dimension_of,
        optional=bool(raw.get("optional", False)),
        missing=str(raw.get("missing", "")),
    )


def compile_expression(raw: Any, names: set[str], source: Source, rule: str, key: str) -> Expr:
    try:
        expr = parse_expression(str(raw))
    except FormulaError as exc:
        message = f"{exc.message} in `{key}` {exc.text!r} (column {exc.column})"
        raise fail(source, rule, message) from None
    for ref in refs(expr):
        if ref.transform is not Transform.SAME or ref.optional:
            raise fail(source, rule, f"`{key}` names operands plainly ({ref.label()})", key)
        if ref.concept not in names:
            known = ", ".join(sorted(names))
            raise fail(source, rule, f"`{key}` uses {ref.concept!r}, not an operand ({known})")
    return expr


def compile_stated(raw: Any, d: Dictionary, source: Source, rule: str) -> tuple[Pattern, ...]:
    """`stated:`: one pattern or a list of them."""
    items = raw if isinstance(raw, list) else [raw]
    return tuple(compile_pattern(p, d, source, rule) for p in items)


def compile_operands(
    raw: Any, d: Dictionary, source: Source, rule: str
) -> tuple[list[str], tuple[Binding, ...]]:
    """`operands:`: the operand names, in order, and their bindings."""
    if not isinstance(raw, dict):
        raise fail(source, rule, "`operands` is a mapping of operand name to binding")
    names = [n for n in raw if n != "__line__"]
    for n in names:
        if n in BUILTINS or not n.isidentifier():
            raise fail(source, rule, f"operand name {n!r} is reserved or not a name")
    return names, tuple(compile_binding(n, raw[n], names, d, source, rule) for n in names)
