"""Fuzzing: the formula parser only ever returns a parsed formula or a clear syntax error, fast;
the loader answers any bytes with exit 0, 1 or 2 and a message, never a traceback."""

import time

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.catalogue.cases import HEADER, ROWS
from tests.catalogue.test_bad_inputs import scratch
from validator.cli.main import validate
from validator.rules.ast import Formula
from validator.rules.parser import FormulaError, parse_formula

HOSTILE = [
    "__import__('os').system('x')",
    "a.__class__",
    "lambda: 0",
    "(" * 500,
    ")" * 50,
    "2 ^ 99999999",
    "a ^ a ^ a ^ a",
    "1e308 * 1e308",
    "eval(a)",
    "open('/etc/passwd')",
    "a if b else c",
    "[a for a in b]",
    "a; b",
    "a = b = c",
    "\x00",
    "ａ = ｂ",
    "𝕒 = b",
    "a = avg(avg(b))",
    "a = prior()",
    "a = abs()",
    "a = b??",
    "a <= >= b",
    "9" * 400,
    "a = " + "-" * 300 + "b",
    "a = " + "(b + " * 60 + "c" + ")" * 60,
]
TOKENS = [
    "a",
    "b",
    "total_assets",
    "avg(",
    "prior(",
    "opening(",
    "abs(",
    "(",
    ")",
    "+",
    "-",
    "*",
    "/",
    "^",
    "=",
    "<=",
    ">=",
    "?",
    "0",
    "1",
    "0.5",
    "100",
    " ",
    ",",
    ".",
    "'",
]


def _parse_quickly(text: str) -> None:
    start = time.perf_counter()
    try:
        result = parse_formula(text)
        assert isinstance(result, Formula)
    except FormulaError as exc:
        assert exc.message and exc.column >= 1
    assert time.perf_counter() - start < 2.0  # generous: the machine may be busy


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_parses_or_fails_cleanly(text):
    _parse_quickly(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS + HOSTILE), max_size=40))
def test_token_soup_and_hostile_fragments_parse_or_fail_cleanly(parts):
    _parse_quickly(" ".join(parts))
    _parse_quickly("".join(parts))


def _run(tmp_path_factory, data: bytes):
    p = scratch(tmp_path_factory.mktemp("fuzz"))
    p.facts.write_bytes(data)
    result = CliRunner().invoke(validate, [str(p.data), "--schemas", str(p.schemas), "--no-docs"])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.output.startswith("validate: error:"), result.output


FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALID = ("\n".join([HEADER, *ROWS]) + "\n").encode("utf-8")


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_as_a_facts_file(tmp_path_factory, data):
    _run(tmp_path_factory, data)


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID) - 1), st.binary(max_size=4), st.integers(0, 3)),
        min_size=1,
        max_size=6,
    )
)
def test_mutations_of_a_valid_facts_file(tmp_path_factory, edits):
    data = bytearray(VALID)
    for position, insert, delete in edits:
        position = min(position, len(data))
        data[position : position + delete] = insert
    _run(tmp_path_factory, bytes(data))
