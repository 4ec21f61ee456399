"""Rulebooks: YAML files of relation templates (`relations:`) and named formulas (`rules:`),
validated and compiled into the check plan before anything runs."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from validator.errors import InputError, Problem
from validator.io.dictionary import Dictionary
from validator.io.shape import check_shape
from validator.io.yaml_file import line_of, load_yaml
from validator.model.periods import PeriodType
from validator.rules.ast import Formula, Transform, refs
from validator.rules.compile import compile_formula, compile_template
from validator.rules.operands import CompileError
from validator.rules.parser import FormulaError, parse_formula
from validator.rules.plan import Plan, Source, Template

RULE_ID = r"^[a-z][a-z0-9_]*$"
_RULE_ID = re.compile(RULE_ID)


_RULE_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(
            str,
            pa.Check.str_matches(
                RULE_ID, error=("rule id must be lower-case letters, digits and underscores")
            ),
        ),
        "zh": pa.Column(str, pa.Check.str_length(1, 80, error="zh name must not be empty")),
        "en": pa.Column(str, pa.Check.str_length(1, 200, error="en name must not be empty")),
        "formula": pa.Column(str, pa.Check.str_length(1, 500, error="formula must be text")),
        "note": pa.Column(str, required=False, nullable=True),
    },
    strict=True,
)


def load_rulebook(
    path: Path, display: str, d: Dictionary, document: str | None = None
) -> list[Template]:
    """Templates of one file; `document` restricts them to one document's facts (a document's
    own rules.yaml), overriding any `document:` the file names."""
    doc = load_yaml(path, display)
    if not isinstance(doc, dict) or not (
        isinstance(doc.get("rules"), list) or isinstance(doc.get("relations"), list)
    ):
        raise InputError(
            Problem(
                "a rulebook is a mapping with `rulebook:`, `source:` and a list `rules:` "
                "(named formulas) or `relations:` (relation templates)",
                display,
                1,
            )
        )
    for field in ("rulebook", "source"):
        if not isinstance(doc.get(field), str) or not doc[field].strip():
            raise InputError(Problem(f"missing `{field}:` (text)", display, line_of(doc)))
    document = document or doc.get("document")
    templates = _formula_rules(doc, display, d, document)
    templates += _relations(doc, display, d, document)
    return templates


def _relations(
    doc: dict[str, Any], display: str, d: Dictionary, document: str | None
) -> list[Template]:
    items = doc.get("relations") or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(Problem("each relation must be a mapping", display, line_of(doc)))
    out, problems = [], []
    for item in items:
        source = Source(display, line_of(item), doc["rulebook"], doc["source"])
        if not isinstance(item.get("id"), str) or not _RULE_ID.match(item["id"]):
            problems.append(
                Problem(
                    "relation id must be lower-case letters, digits and underscores",
                    display,
                    line_of(item),
                    "id",
                )
            )
            continue
        try:
            template = compile_template(item, d, source)
        except CompileError as exc:
            problems += exc.problems
            continue
        out.append(replace(template, document=document) if document else template)
    if problems:
        raise InputError(problems)
    return out


def _formula_rules(
    doc: dict[str, Any], display: str, d: Dictionary, document: str | None
) -> list[Template]:
    items = doc.get("rules") or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(Problem("each rule must be a mapping", display, line_of(doc)))
    lines = [line_of(i) for i in items]
    frame = pd.DataFrame([{k: v for k, v in i.items() if k != "__line__"} for i in items])
    if frame.empty:
        return []
    check_shape(frame, _RULE_SCHEMA, [display] * len(frame), lines)
    rules, problems = [], []
    for item, line in zip(items, lines, strict=True):
        try:
            formula = parse_formula(item["formula"])
        except FormulaError as exc:
            problems.append(
                Problem(
                    f"rule {item['id']}: {exc.message} in formula "
                    f"{exc.text!r} (formula column {exc.column})",
                    display,
                    line,
                    "formula",
                )
            )
            continue
        found = _formula_problems(formula, d)
        problems += [Problem(f"rule {item['id']}: {m}", display, line, "formula") for m in found]
        if found:
            continue
        source = Source(display, line, doc["rulebook"], doc["source"])
        rules.append(
            compile_formula(
                item["id"],
                item["zh"],
                item["en"],
                formula,
                d,
                source,
                document,
                item.get("note", "") or "",
            )
        )
    if problems:
        raise InputError(problems)
    return rules


def _formula_problems(formula: Formula, d: Dictionary) -> list[str]:
    problems = []
    subject = d.concepts.get(formula.subject.concept)
    if subject is None:
        return [f"unknown concept {formula.subject.concept!r}"]
    if formula.subject.transform is not Transform.SAME or formula.subject.optional:
        problems.append("the subject (left of the relation) must be a plain concept")
    for ref in refs(formula.expression):
        concept = d.concepts.get(ref.concept)
        if concept is None:
            problems.append(f"unknown concept {ref.concept!r}")
            continue
        if ref.concept == formula.subject.concept and ref.transform is Transform.SAME:
            problems.append(f"{ref.concept!r} is defined in terms of itself (a cycle)")
        if (
            ref.transform in (Transform.AVG, Transform.OPENING)
            and concept.period is not PeriodType.INSTANT
        ):
            problems.append(f"{ref.transform}({ref.concept}) needs a balance (instant) concept")
        if concept.period is PeriodType.DURATION and subject.period is PeriodType.INSTANT:
            problems.append(f"{ref.concept!r} is a flow but the subject is a balance")
    return problems


def load_rulebooks(
    paths: list[tuple[Path, str]] | list[tuple[Path, str, str | None]], d: Dictionary
) -> Plan:
    """The check plan of all rulebooks; template ids must be unique across them. An entry may
    carry a document id (a document's own rules.yaml)."""
    templates: list[Template] = []
    seen: dict[str, str] = {}
    problems = []
    for entry in paths:
        path, display = entry[0], entry[1]
        document = entry[2] if len(entry) > 2 else None
        for template in load_rulebook(path, display, d, document):
            if template.id in seen:
                problems.append(
                    Problem(
                        f"duplicate rule id {template.id!r} (also in {seen[template.id]})",
                        display,
                        template.source.line,
                        "id",
                    )
                )
            seen[template.id] = display
            templates.append(template)
    problems += _unknown_cover(templates, seen)
    if problems:
        raise InputError(problems)
    return Plan(tuple(templates))


def _unknown_cover(templates: list[Template], seen: dict[str, str]) -> list[Problem]:
    """An implication's `covered_by` must name a template of the plan."""
    return [
        Problem(
            f"relation {t.id} implication {imp.id}: `covered_by` names no relation "
            f"({imp.covered_by!r})",
            t.source.file,
            imp.line,
            "covered_by",
        )
        for t in templates
        for imp in t.implies
        if imp.covered_by and imp.covered_by not in seen
    ]
