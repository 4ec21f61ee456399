"""Proof that every template of a plan relates figures of one entity only.

A partitioned run checks each entity's facts apart and concatenates the findings; that equals
the whole run only when no check reads figures of two entities. The proof is structural: each
family's primitive groups by the stated figure's entity (audited below), and a `Binding` has no
field that moves the entity: every field it has is listed here as keeping it. A new field, or a
family or grouping not listed, is refused until someone audits it and adds it here.
"""

from __future__ import annotations

from dataclasses import fields

from validator.errors import Problem
from validator.model.verdict import Family
from validator.rules.plan import Binding, Plan, Template

# Binding fields and why each keeps the stated figure's entity (engine/binder.py looks every
# operand up under the stated figure's entity code, whatever these fields say).
KEEPS_ENTITY: dict[str, str] = {
    "name": "a name",
    "label": "a text",
    "measure": "moves the measure",
    "concept": "moves the concept",
    "scope": "moves the scope (same or the whole's)",
    "member": "moves the member",
    "period": "moves the period",
    "transform": "moves the period (avg, opening, prior)",
    "keep_base": "keeps the base",
    "keep_whole": "keeps the whole",
    "dimension": "chooses the dimension",
    "dimension_of": "names another operand",
    "optional": "may be unstated",
    "nonnegative": "the domain of an unstated operand",
    "missing": "a text",
}

# Primitives and the grouping that makes them entity-local.
LOCAL_PRIMITIVES: dict[tuple[Family, str], str] = {
    (Family.FORMULA, ""): "operands bound under the stated figure's entity",
    (Family.SUM, ""): "members grouped with their total by every key field but the member",
    (Family.AGREE, "statement"): "the statements of one figure key",
    (Family.AGREE, "whole"): "implied wholes grouped by entity, whole and period",
    (Family.COMPOSITION, ""): "slots grouped by entity and composition name",
    (Family.AGREE, "implied"): (
        "implied figures grouped by their packed key, whose entity code is the stated "
        "figure's (engine/implied.py figure_codes); the operands of each implication are "
        "bound under the stated figure's entity"
    ),
}


def entity_local(plan: Plan) -> list[Problem]:
    """Every reason a template might read figures of two entities, located at its rulebook
    line; empty when the plan can be checked entity by entity."""
    return [p for t in plan.templates for p in _template_problems(t)]


def _template_problems(t: Template) -> list[Problem]:
    def problem(message: str) -> Problem:
        return Problem(
            f"relation {t.id}: {message}: it cannot be checked entity by entity",
            t.source.file,
            t.source.line,
        )

    out = []
    grouping = t.grouping if t.family is Family.AGREE else ""
    if (t.family, grouping) not in LOCAL_PRIMITIVES:
        shown = f"{t.family.value}" + (f" grouping {grouping}" if grouping else "")
        out.append(problem(f"family {shown} is not known to stay within one entity"))
    bindings = [*t.operands, *(b for imp in t.implies for b in imp.operands)]
    for b in bindings:
        for name in _field_names(b):
            if name not in KEEPS_ENTITY:
                out.append(
                    problem(f"operand {b.name}: binding field `{name}` may leave the entity")
                )
    return out


def _field_names(b: Binding) -> list[str]:
    return [f.name for f in fields(b)]
