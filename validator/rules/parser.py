"""A small recursive-descent parser for rule formulas. It never evaluates code.

Grammar:
    formula := ref RELATION expr          RELATION is =, <= or >=
    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := "-" unary | power
    power   := atom ("^" unary)?
    atom    := NUMBER | ref | FUNC "(" ref ")" | ("abs" | "sign") "(" expr ")" | "(" expr ")"
    ref     := NAME "?"?                  "?" marks an operand that may be unstated
    FUNC    := avg | opening | prior
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow

from validator.io.characters import describe
from validator.rules.ast import Abs, BinOp, Expr, Formula, Neg, Num, Ref, Sign, Transform, refs

MAX_LENGTH = 500
MAX_DEPTH = 40
MAX_EXPONENT = 100
YEARS = "years"  # the whole years between a template's base and period (≥ 1)
# A constant (a number, or an expression of numbers only) must lie within these magnitudes, so
# that interval arithmetic in floats can neither overflow nor lose it to underflow.
MAX_MAGNITUDE = Decimal("1e100")
_DECIMALS = Context(
    prec=34, Emax=10**6, Emin=-(10**6), traps=[InvalidOperation, DivisionByZero, Overflow]
)

_TOKEN = re.compile(
    r"\s*(?:(?P<num>[0-9]+(?:\.[0-9]+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<rel><=|>=|=)"
    r"|(?P<op>[-+*/^()?]))"
)
_FUNCTIONS = {"avg": Transform.AVG, "opening": Transform.OPENING, "prior": Transform.PRIOR}


class FormulaError(ValueError):
    """A formula that cannot be parsed; `column` is 1-based within the formula text."""

    def __init__(self, message: str, text: str, column: int):
        self.message, self.text, self.column = message, text, column
        super().__init__(f"{message} at column {column}: {text}")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    column: int


def tokenize(text: str) -> list[_Token]:
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula longer than {MAX_LENGTH} characters", text[:40] + "…", 1)
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            col = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            ch = text[col - 1]
            named = "" if ch.isascii() else f" ({describe(ch)}; numbers and names are ASCII)"
            raise FormulaError(f"unexpected character {ch!r}{named}", text, col)
        kind = m.lastgroup or ""
        start = m.start(kind)
        tokens.append(_Token(kind, m.group(kind), start + 1))
        pos = m.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def fail(self, message: str, tok: _Token | None = None) -> FormulaError:
        tok = tok or self.tok
        return FormulaError(message, self.text, tok.column)

    def take(self, kind: str, text: str | None = None) -> _Token:
        tok = self.tok
        if tok.kind != kind or (text is not None and tok.text != text):
            want = repr(text) if text else kind
            got = repr(tok.text) if tok.text else "end of formula"
            raise self.fail(f"expected {want}, found {got}")
        self.i += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        return self.tok.kind == kind and (text is None or self.tok.text == text)

    def formula(self) -> Formula:
        subject = self.ref()
        if not self.at("rel"):
            raise self.fail("expected a relation (=, <= or >=) after the subject")
        relation = self.take("rel").text
        expression = self.expr()
        if not self.at("end"):
            raise self.fail(f"unexpected {self.tok.text!r}")
        if _span(expression) > MAX_MAGNITUDE.adjusted():
            raise FormulaError(
                "the constants of the formula together scale it by more than 1e100", self.text, 1
            )
        return Formula(subject, relation, expression, self.text)

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"formula nested deeper than {MAX_DEPTH} levels")

    def expr(self) -> Expr:
        self.nested()
        node = self.term()
        while self.at("op", "+") or self.at("op", "-"):
            tok = self.take("op")
            node = self.checked(BinOp(tok.text, node, self.term()), tok)
        self.depth -= 1
        return node

    def term(self) -> Expr:
        node = self.unary()
        while self.at("op", "*") or self.at("op", "/"):
            tok = self.take("op")
            right = self.unary()
            if tok.text == "/" and self.constant(right, tok) == 0:
                raise self.fail("division by zero", tok)
            node = self.checked(BinOp(tok.text, node, right), tok)
        return node

    def unary(self) -> Expr:
        if self.at("op", "-"):
            self.take("op")
            self.nested()
            node = Neg(self.unary())
            self.depth -= 1
            return node
        return self.power()

    def power(self) -> Expr:
        base = self.atom()
        if self.at("op", "^"):
            tok = self.take("op")
            self.nested()
            exponent = self.unary()
            self.depth -= 1
            value = self.constant(exponent, tok)
            if value is None and {r.concept for r in refs(exponent)} <= {YEARS}:
                return BinOp("^", base, exponent)  # (1 / years): years is a whole number ≥ 1
            if value is None:
                raise self.fail("an exponent must be a constant number", tok)
            if abs(value) > MAX_EXPONENT:
                raise self.fail(f"exponent larger than {MAX_EXPONENT} in magnitude ({value})", tok)
            return self.checked(BinOp("^", base, exponent), tok)
        return base

    def checked(self, node: Expr, tok: _Token) -> Expr:
        """`node`, after checking that, if it is constant, its value is a real number within
        ±MAX_MAGNITUDE (and 0 or at least 1/MAX_MAGNITUDE in magnitude)."""
        self.constant(node, tok)
        return node

    def constant(self, node: Expr, tok: _Token) -> Decimal | None:
        """The exact value of a constant expression (None when it refers to a figure)."""
        try:
            value = _constant(node)
        except (InvalidOperation, DivisionByZero, Overflow):
            raise self.fail("constant expression is not a finite real number", tok) from None
        if (
            value is not None
            and value != 0
            and not (1 / MAX_MAGNITUDE <= abs(value) <= MAX_MAGNITUDE)
        ):
            raise self.fail(
                f"constant {value:.3e} is out of range (magnitudes from 1e-100 to 1e100)", tok
            )
        return value

    def atom(self) -> Expr:
        tok = self.tok
        if tok.kind == "num":
            self.i += 1
            return self.checked(Num(tok.text), tok)
        if tok.kind == "op" and tok.text == "(":
            self.take("op")
            node = self.expr()
            self.take("op", ")")
            return node
        if tok.kind == "name":
            nxt = self.tokens[self.i + 1]
            if nxt.kind == "op" and nxt.text == "(":
                return self.call()
            return self.ref()
        got = repr(tok.text) if tok.text else "end of formula"
        raise self.fail(f"expected a number, a concept or '(', found {got}")

    def call(self) -> Expr:
        name = self.take("name")
        self.take("op", "(")
        if name.text == "abs":
            node: Expr = Abs(self.expr())
        elif name.text == "sign":
            node = Sign(self.expr())
        elif name.text in _FUNCTIONS:
            inner = self.ref()
            node = Ref(inner.concept, _FUNCTIONS[name.text], inner.optional)
        else:
            known = ", ".join(["abs", "sign", *_FUNCTIONS])
            raise self.fail(f"unknown function {name.text!r} (known: {known})", name)
        self.take("op", ")")
        return node

    def ref(self) -> Ref:
        tok = self.tok
        if tok.kind != "name":
            got = repr(tok.text) if tok.text else "end of formula"
            raise self.fail(f"expected a concept name, found {got}")
        self.i += 1
        if tok.text in _FUNCTIONS or tok.text in ("abs", "sign"):
            raise self.fail(f"{tok.text!r} is a function and needs parentheses", tok)
        optional = False
        if self.at("op", "?"):
            self.take("op")
            optional = True
        return Ref(tok.text, Transform.SAME, optional)


def _constant(node: Expr) -> Decimal | None:
    if isinstance(node, Num):
        return Decimal(node.text)
    if isinstance(node, Neg | Abs):
        inner = _constant(node.operand)
        if inner is None:
            return None
        return -inner if isinstance(node, Neg) else abs(inner)
    if isinstance(node, BinOp):
        left, right = _constant(node.left), _constant(node.right)
        if left is None or right is None:
            return None
        ops = {
            "+": _DECIMALS.add,
            "-": _DECIMALS.subtract,
            "*": _DECIMALS.multiply,
            "/": _DECIMALS.divide,
            "^": _DECIMALS.power,
        }
        if node.op == "^" and left <= 0:
            raise InvalidOperation  # the evaluator needs a positive base
        return ops[node.op](left, right)
    return None


def _span(node: Expr) -> int:
    """Sum of the decimal orders of magnitude of the formula's constants: a bound on how far
    they can scale a figure (b * 10^100 * 10^100 is refused although each factor is not)."""
    value = _constant(node)
    if value is not None:
        return abs(value.adjusted()) if value != 0 else 0
    if isinstance(node, Neg | Abs):
        return _span(node.operand)
    if isinstance(node, BinOp):
        return _span(node.left) + _span(node.right)
    return 0


def parse_formula(text: str) -> Formula:
    """Parse `subject relation expression`; raises FormulaError with a column on bad input."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("empty formula", str(text), 1)
    return _Parser(text).formula()


def parse_expression(text: str) -> Expr:
    """Parse the derived side of a relation template (an expression over operand names)."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("empty expression", str(text), 1)
    parser = _Parser(text)
    node = parser.expr()
    if not parser.at("end"):
        raise parser.fail(f"unexpected {parser.tok.text!r}")
    return node
