"""Verdicts and kinds of relation, as small enums rather than strings."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    DISCREPANT = "discrepant"
    NOT_CHECKABLE = "not_checkable"


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


class Relation(StrEnum):
    EQ = "="
    LE = "<="
    GE = ">="
