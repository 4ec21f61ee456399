"""Arithmetic edges: exponents, zero divisors and constants out of range in formulas, unit
scales of zero or too many digits, periods at the ends of the calendar: located errors, never
an overflow, a ZeroDivisionError or a silently constant verdict."""

from __future__ import annotations

from tests.catalogue.cases import BAD_RULE, ROWS, Case, Project, _f, _rule

EXPONENT = "exponent larger than 100 in magnitude"
RANGE = "out of range (magnitudes from 1e-100 to 1e100)"
YEARS = "not a valid period"  # years run from 1000 to 9998


def _formula(case_id: str, what: str, formula: str, expect: str) -> Case:
    return Case(
        case_id, what, "rejected", _rule("operations.yaml", BAD_RULE.format(formula)), expect
    )


def _scale(scale: str):
    def setup(p: Project) -> None:
        path = p.schemas / "units.yaml"
        text = path.read_text("utf-8") + f'  - {{unit: 兆元, dimension: money, scale: "{scale}"}}\n'
        path.write_text(text, encoding="utf-8")

    return setup


CASES: list[Case] = [
    _formula(
        "formula-exponent-product",
        "an exponent written as a product (^ (1000*1000))",
        "total_assets = current_assets ^ (1000*1000)",
        EXPONENT,
    ),
    _formula(
        "formula-exponent-negative",
        "a large negative exponent (^ -999999)",
        "total_assets = current_assets ^ -999999",
        EXPONENT,
    ),
    _formula(
        "formula-exponent-variable",
        "an exponent that is a figure",
        "total_assets = current_assets ^ noncurrent_assets",
        "an exponent must be a constant number",
    ),
    _formula(
        "formula-divide-negative-zero",
        "division by minus zero (/ -0)",
        "total_assets = current_assets / -0",
        "division by zero",
    ),
    _formula(
        "formula-divide-zero-expression",
        "division by a constant expression that is zero (/ (1 - 1))",
        "total_assets = current_assets / (1 - 1)",
        "division by zero",
    ),
    _formula(
        "formula-divide-zero-decimal",
        "division by 0.000",
        "total_assets = current_assets / 0.000",
        "division by zero",
    ),
    _formula(
        "formula-huge-term",
        "a term 10^400",
        "total_assets = current_assets + 10^400",
        EXPONENT,
    ),
    _formula(
        "formula-power-of-power",
        "a constant (10^100)^100",
        "total_assets = current_assets * (10^100)^100",
        RANGE,
    ),
    _formula(
        "formula-huge-literal",
        "a literal with 120 digits",
        "total_assets = current_assets * 1" + "0" * 120,
        RANGE,
    ),
    _formula(
        "formula-tiny-literal",
        "a literal smaller than 1e-100",
        "total_assets = current_assets * 0." + "0" * 120 + "1",
        RANGE,
    ),
    _formula(
        "formula-constants-span",
        "factors each in range that together overflow (* 10^100 * 10^100)",
        "total_assets = current_assets * 10^100 * 10^100",
        "together scale it by more than 1e100",
    ),
    _formula(
        "formula-negative-base",
        "a constant negative base to a fractional power ((0 - 2)^0.5)",
        "total_assets = current_assets * (0 - 2)^0.5",
        "not a finite real number",
    ),
    Case("unit-scale-zero", "a unit scale of 0", "rejected", _scale("0"), "greater than zero"),
    Case(
        "unit-scale-zero-decimal",
        "a unit scale of 0.000",
        "rejected",
        _scale("0.000"),
        "greater than zero",
    ),
    Case(
        "unit-scale-400-digits",
        "a unit scale with 400 digits",
        "rejected",
        _scale("1" + "0" * 399),
        "at most 30 characters",
    ),
    Case(
        "period-year-1",
        "a period in year 1 (its prior year is not a date)",
        "rejected",
        _f(2, "0001-12-31"),
        YEARS,
        4,
    ),
    Case(
        "period-year-9999",
        "a period in year 9999",
        "rejected",
        _f(2, "9999-12-31"),
        YEARS,
        4,
    ),
    Case(
        "period-range-year-1",
        "a duration starting in year 1",
        "rejected",
        _f(2, "0001-01-01..0001-12-31"),
        YEARS,
        4,
    ),
    Case(
        "base-year-1",
        "a growth against a base period in year 1",
        "rejected",
        lambda p: p.write_facts(
            [
                *ROWS,
                "甲公司,合并,2024-12-31,total_assets,,growth,0001-12-31,,,7.20,%,表1,,",
            ]
        ),
        "not a valid base period",
        7,
    ),
]
