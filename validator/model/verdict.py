"""Verdicts, kinds of relation, relations and reasons: small enums, never bare strings."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    DISCREPANT = "discrepant"
    NOT_CHECKABLE = "not_checkable"

    @property
    def mark(self) -> str:
        return {"consistent": "✓", "discrepant": "✗", "not_checkable": "?"}[self.value]


class Kind(StrEnum):
    """Kinds of relation; the published audit programme groups checks by kind."""

    SUM = "sum"
    PARTIAL_SUM = "partial_sum"
    FORMULA = "formula"
    BOUND = "bound"
    GROWTH = "growth"
    PP_CHANGE = "pp_change"
    ABS_CHANGE = "abs_change"
    SHARE = "share"
    DUPLICATE = "duplicate"
    SIGN = "sign"


class Relation(StrEnum):
    """`stated RELATION derived`."""

    EQ = "="
    LE = "<="
    GE = ">="

    @property
    def symbol(self) -> str:
        return {"=": "=", "<=": "≤", ">=": "≥"}[self.value]


class Family(StrEnum):
    """The primitive a relation template compiles to (see docs/rules.md)."""

    FORMULA = "formula"  # stated figure RELATION expression over bound operands
    SUM = "sum"  # members of an axis, aggregated, against their total
    AGREE = "agree"  # every element of a group shares one point (duplicates, implied wholes)
    COMPOSITION = "composition"  # the slots of one printed composition, as listed


class Reason(StrEnum):
    """Why a check is not checkable (empty when it is checkable)."""

    NONE = ""
    MISSING = "missing"  # an operand is not stated
    UNDEFINED = "undefined"  # a denominator's interval contains zero, or a base is not positive
