"""Evaluating a relation's expression over interval columns, dispatching on the node's type."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import numpy as np

from validator.model.intervals import Intervals
from validator.rules.ast import Abs, BinOp, Expr, Neg, Num, Ref, Sign


class UnknownNode(TypeError):
    """An expression node the evaluator has no rule for (a programming error, never data)."""


def evaluate(node: Expr, env: dict[str, Intervals], n: int) -> Intervals:
    handler = _HANDLERS.get(type(node))
    if handler is None:
        raise UnknownNode(f"no evaluation rule for {type(node).__name__}")
    return handler(node, env, n)


def _num(node: Num, env: dict[str, Intervals], n: int) -> Intervals:
    value = Decimal(node.text)
    x = float(value)
    lo = x if Decimal(x) <= value else float(np.nextafter(x, -np.inf))
    hi = x if Decimal(x) >= value else float(np.nextafter(x, np.inf))
    return Intervals(np.full(n, lo), np.full(n, hi))


def _ref(node: Ref, env: dict[str, Intervals], n: int) -> Intervals:
    return env[node.concept]


def _neg(node: Neg, env: dict[str, Intervals], n: int) -> Intervals:
    return -evaluate(node.operand, env, n)


def _abs(node: Abs, env: dict[str, Intervals], n: int) -> Intervals:
    return evaluate(node.operand, env, n).abs()


def _sign(node: Sign, env: dict[str, Intervals], n: int) -> Intervals:
    x = evaluate(node.operand, env, n)
    positive, negative = x.lo > 0, x.hi < 0
    value = np.where(positive, 1.0, np.where(negative, -1.0, np.nan))
    return Intervals(value, value.copy())


_OPS = {
    "+": Intervals.__add__,
    "-": Intervals.__sub__,
    "*": Intervals.__mul__,
    "/": Intervals.__truediv__,
    "^": Intervals.__pow__,
}


def _binop(node: BinOp, env: dict[str, Intervals], n: int) -> Intervals:
    left = evaluate(node.left, env, n)
    right = evaluate(node.right, env, n)
    if node.op == "*" and isinstance(node.left, Sign):
        return _signed(left, right)
    return _OPS[node.op](left, right)


def _signed(sign: Intervals, x: Intervals) -> Intervals:
    """sign(b) × x: an exact ±1 flips the interval without widening it."""
    flip = sign.lo < 0
    lo = np.where(flip, -x.hi, x.lo)
    hi = np.where(flip, -x.lo, x.hi)
    undefined = np.isnan(sign.lo)
    return Intervals(np.where(undefined, np.nan, lo), np.where(undefined, np.nan, hi))


_HANDLERS: dict[type, Callable[..., Intervals]] = {
    Num: _num,
    Ref: _ref,
    Neg: _neg,
    Abs: _abs,
    Sign: _sign,
    BinOp: _binop,
}
