"""Compiling the `implies:` entries of a chain: each is the inverse of a relation, saying which
operand's interval follows from the stated figure and the other operands.

An entry is written like a relation template (`stated`, `operands`) with `figure:` (the operand
it implies) and `element:` (the implied interval, an expression over `stated` and the other
operands). Errors name the rulebook file and the entry's line.
"""

from __future__ import annotations

from typing import Any

from validator.io.dictionary import Dictionary
from validator.io.yaml_file import line_of
from validator.rules.ast import refs
from validator.rules.operands import (
    BUILTINS,
    CompileError,
    compile_expression,
    compile_operands,
    compile_stated,
    fail,
)
from validator.rules.plan import Implication, Source

IMPLICATION_KEYS = {"id", "inverts", "stated", "operands", "figure", "element", "positive", "role"}
IMPLICATION_KEYS |= {"covered_by"}


def compile_implications(raw: Any, d: Dictionary, source: Source, rule: str) -> tuple:
    """The `implies:` list of a chain template (at least one entry, ids unique)."""
    if not isinstance(raw, list) or not raw or not all(isinstance(x, dict) for x in raw):
        raise fail(source, rule, "grouping `implied` needs `implies:`, a list of mappings")
    out: list[Implication] = []
    seen: set[str] = set()
    for item in raw:
        entry = Source(source.file, line_of(item) or source.line, source.rulebook, source.citation)
        implication = compile_implication(item, d, entry, rule)
        if implication.id in seen:
            raise fail(entry, rule, f"implication {implication.id!r} is listed twice")
        seen.add(implication.id)
        out.append(implication)
    return tuple(out)


def compile_implication(raw: dict, d: Dictionary, source: Source, rule: str) -> Implication:
    name = str(raw.get("id", "?"))
    where = f"{rule} implication {name}"
    unknown = set(raw) - IMPLICATION_KEYS - {"__line__"}
    if unknown:
        raise fail(source, where, f"unknown key(s) {sorted(unknown)}")
    for key in ("id", "inverts", "figure", "element"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(source, where, f"`{key}` is required (text)", key)
    stated = compile_stated(raw.get("stated", {}), d, source, where)
    operands_raw = raw.get("operands")
    if not operands_raw:  # an implication names at least its figure
        raise fail(source, where, "`operands` is a mapping of operand name to binding")
    names, operands = compile_operands(operands_raw, d, source, where)
    figure = raw["figure"]
    if figure not in names:
        raise fail(source, where, f"`figure` {figure!r} is not one of its operands {names}")
    if any(b.optional for b in operands):
        raise fail(source, where, "an implication's operands cannot be optional")
    visible = {*names, *BUILTINS} - {figure, "years"}
    element = compile_expression(raw["element"], visible, source, where, "element")
    positive = tuple(raw.get("positive") or ())
    if bad := [x for x in positive if x not in visible]:
        raise fail(source, where, f"`positive` names unknown operand(s) {bad}", "positive")
    if not any(r.concept == "stated" for r in refs(element)):
        raise fail(source, where, "`element` must use the stated figure (`stated`)")
    return Implication(
        id=name,
        inverts=raw["inverts"],
        stated=stated,
        operands=operands,
        figure=figure,
        element=element,
        positive=positive,
        role=str(raw.get("role") or name),
        covered_by=str(raw.get("covered_by") or ""),
        line=source.line,
    )


__all__ = ["CompileError", "compile_implications"]
