"""Formula expression nodes: small immutable dataclasses, evaluated by dispatch on type."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Transform(StrEnum):
    """Which period of a concept an operand refers to, relative to the rule instance's period."""

    SAME = "same"  # the instance's period (a duration's closing balance for an instant concept)
    AVG = "avg"  # average of the opening and closing balances (平均…)
    OPENING = "opening"  # the opening balance (上年末 / 期初)
    PRIOR = "prior"  # the same period one year earlier (上年同期)


@dataclass(frozen=True)
class Num:
    text: str


@dataclass(frozen=True)
class Ref:
    concept: str
    transform: Transform = Transform.SAME
    optional: bool = False

    def label(self) -> str:
        inner = self.concept + ("?" if self.optional else "")
        return inner if self.transform is Transform.SAME else f"{self.transform}({inner})"


@dataclass(frozen=True)
class Neg:
    operand: Expr


@dataclass(frozen=True)
class BinOp:
    op: str  # one of + - * / ^
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Abs:
    operand: Expr


@dataclass(frozen=True)
class Sign:
    """sign(x): exactly -1 or +1 for an interval on one side of zero, undefined otherwise."""

    operand: Expr


Expr = Num | Ref | Neg | BinOp | Abs | Sign


@dataclass(frozen=True)
class Formula:
    """`subject relation expression`: the subject is the stated figure being checked."""

    subject: Ref
    relation: str  # "=", "<=", ">="
    expression: Expr
    text: str


def refs(expr: Expr) -> list[Ref]:
    """Operand references of an expression, in order of first appearance, without repeats."""
    found: list[Ref] = []

    def walk(node: Expr) -> None:
        if isinstance(node, Ref):
            if node not in found:
                found.append(node)
        elif isinstance(node, (Neg, Abs, Sign)):
            walk(node.operand)
        elif isinstance(node, BinOp):
            walk(node.left)
            walk(node.right)

    walk(expr)
    return found


def rename(expr: Expr, names: dict[Ref, str]) -> Expr:
    """The same expression with each operand reference replaced by a named one."""
    if isinstance(expr, Ref):
        return Ref(names.get(expr, expr.concept))
    if isinstance(expr, (Neg, Abs, Sign)):
        return type(expr)(rename(expr.operand, names))
    if isinstance(expr, BinOp):
        return BinOp(expr.op, rename(expr.left, names), rename(expr.right, names))
    return expr


def is_additive(expr: Expr) -> bool:
    """True for a plain sum or difference of operands (an accounting identity)."""
    if isinstance(expr, Ref):
        return True
    if isinstance(expr, Neg):
        return is_additive(expr.operand)
    if isinstance(expr, BinOp) and expr.op in "+-":
        return is_additive(expr.left) and is_additive(expr.right)
    return False


def render(expr: Expr, values: dict[Ref, str] | None = None) -> str:
    """Text of an expression, optionally with each operand replaced by its value."""
    prec = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 3}

    def go(node: Expr, parent: int) -> str:
        if isinstance(node, Num):
            return node.text
        if isinstance(node, Ref):
            return values.get(node, node.label()) if values else node.label()
        if isinstance(node, Abs):
            return f"abs({go(node.operand, 0)})"
        if isinstance(node, Sign):
            return f"sign({go(node.operand, 0)})"
        if isinstance(node, Neg):
            return f"-{go(node.operand, 4)}"
        p = prec[node.op]
        right_p = p + (node.op != "^")
        text = f"{go(node.left, p + (node.op == '^'))} {node.op} {go(node.right, right_p)}"
        return f"({text})" if p < parent else text

    return go(expr, 0)
