"""The formula parser builds expression trees and rejects anything else with a position."""

import pytest

from validator.rules.ast import Abs, BinOp, Num, Ref, Transform, is_additive, refs, render
from validator.rules.parser import FormulaError, parse_formula


def test_precedence_and_functions():
    f = parse_formula("r = a / avg(b) + c? * 2")
    assert f.subject == Ref("r")
    assert f.expression == BinOp(
        "+",
        BinOp("/", Ref("a"), Ref("b", Transform.AVG)),
        BinOp("*", Ref("c", optional=True), Num("2")),
    )
    assert [r.label() for r in refs(f.expression)] == ["a", "avg(b)", "c?"]


def test_power_is_right_associative_and_binds_tighter_than_unary_minus_on_the_right():
    f = parse_formula("g = (a / b) ^ (1 / 3) - 1")
    assert render(f.expression) == "(a / b) ^ (1 / 3) - 1"


def test_relations_and_abs():
    assert parse_formula("a <= b").relation == "<="
    assert parse_formula("a >= abs(b - c)").expression == Abs(BinOp("-", Ref("b"), Ref("c")))


def test_additive_expressions_are_identities():
    assert is_additive(parse_formula("t = a + b - c").expression)
    assert not is_additive(parse_formula("t = a / b").expression)


@pytest.mark.parametrize(
    "text,message,column",
    [
        ("a = (b", "expected ')'", 7),
        ("a = b / 0", "division by zero", 7),
        ("a = b / 0.00", "division by zero", 7),
        ("a = foo(b)", "unknown function 'foo'", 5),
        ("a = __import__('os')", "unexpected character", 16),
        ("a = b.c", "unexpected character '.'", 6),
        ("= b", "expected a concept name", 1),
        ("a = lambda: 1", "unexpected character ':'", 11),
        ("a b", "expected a relation", 3),
        ("a = b +", "expected a number", 8),
        ("a = avg(b + c)", "expected ')'", 11),
        ("a = 2 ^ 1000", "exponent larger", 7),
        ("", "empty formula", 1),
    ],
)
def test_malformed_formulas_are_clear_errors(text, message, column):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    assert message in info.value.message
    assert info.value.column == column


def test_deep_nesting_is_refused_quickly():
    with pytest.raises(FormulaError, match="nested deeper"):
        parse_formula("a = " + "(" * 200 + "b" + ")" * 200)
