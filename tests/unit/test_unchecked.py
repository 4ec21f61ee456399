"""What a not-checkable check waits for, read from its reason and facts, and the checks grouped
by the missing figure."""

from __future__ import annotations

import math

import pytest

from validator.findings.model import CheckResult, FactRef
from validator.report.unchecked import Hints, Operand, missing_operands, waits

NAN = math.nan


def fact(concept: str, period: str, role: str = "stated") -> FactRef:
    return FactRef(
        "甲公司", "合并", period, concept, concept, "", "level", "", "", "", "1.00", "亿元",
        "doc", "表1", "facts.csv", 2, role,
    )  # fmt: skip


def unchecked(reason: str, period: str = "2024", *facts: FactRef, kind: str = "formula"):
    return CheckResult(
        id=f"{kind}:{reason}", rule="r", name_zh="", name_en="", kind=kind, relation="=",
        verdict="not_checkable", entity="甲公司", scope="合并", period=period, concept="c",
        member="", unit="", stated=(NAN, NAN), derived=(NAN, NAN), miss=NAN, expression="",
        substituted="", message="", reason=reason, facts=facts, documents=("doc",), decimals=2,
    )  # fmt: skip


def op(concept: str, period: str, member: str = "", scope: str = "合并", note: str = ""):
    return Operand("甲公司", scope, concept, member, period, note)


@pytest.mark.parametrize(
    "reason,period,expected",
    [
        ("no stated level of total_operating_revenue for the base 2023", "2024",
         [op("total_operating_revenue", "2023")]),
        ("no stated level of operating_revenue business_line:医疗 for the base 2023H1", "2024H1",
         [op("operating_revenue", "2023H1", "business_line:医疗")]),
        ("no stated level of market_size region:华北+华东+华南 for 2024", "2024",
         [op("market_size", "2024", "region:华北+华东+华南")]),
        ("no stated level of the whole purchases for 2024", "2024", [op("purchases", "2024")]),
        ("no stated level of the whole noncurrent_assets@本部 for 2024-12-31", "2024-12-31",
         [op("noncurrent_assets", "2024-12-31", scope="本部")]),
        ("not stated: net_profit, expensed_interest", "2024",
         [op("net_profit", "2024"), op("expensed_interest", "2024")]),
        ("not stated: prior(operating_revenue)", "2024", [op("operating_revenue", "2023")]),
        ("not stated: opening(total_equity)", "2024H1",
         [op("total_equity", "2023-12-31", note="opening balance")]),
        ("not stated: avg(total_assets)", "2024",
         [op("total_assets", "2024-12-31", note="closing balance"),
          op("total_assets", "2023-12-31", note="opening balance")]),
        ("undefined: a denominator's interval contains zero or a base is not positive", "2024", []),
        ("", "2024", []),
    ],
)  # fmt: skip
def test_the_missing_operand_is_read_from_the_reason(reason, period, expected):
    assert list(missing_operands(unchecked(reason, period))) == expected


def test_of_an_average_only_the_balance_not_stated_is_missing():
    check = unchecked("not stated: avg(inventory)", "2024", fact("inventory", "2024-12-31"))
    assert missing_operands(check) == (op("inventory", "2023-12-31", note="opening balance"),)


def test_a_balance_operand_of_a_flow_ratio_is_missing_at_the_period_end():
    check = unchecked("not stated: total_liabilities", "2024")
    hints = Hints(instants=frozenset({"total_liabilities"}))
    assert missing_operands(check, hints) == (op("total_liabilities", "2024-12-31"),)


def test_checks_are_grouped_by_the_figure_they_wait_for_most_waiting_first():
    base = "no stated level of total_operating_revenue for the base 2023"
    checks = [
        unchecked(base, kind="growth"),
        unchecked("not stated: net_profit, total_operating_revenue", "2023"),
        unchecked(base, kind="abs_change"),
        unchecked("undefined: a denominator's interval contains zero"),
    ]
    groups = waits(checks, Hints(names={"total_operating_revenue": "营业总收入"}))
    assert [(g.operand, len(g.checks)) for g in groups] == [
        (op("total_operating_revenue", "2023"), 3),
        (op("net_profit", "2023"), 1),
        (None, 1),
    ]
    assert groups[0].operand.label({"total_operating_revenue": "营业总收入"}) == "营业总收入 2023"
    assert groups[-1].cause == "undefined: a denominator's interval contains zero"
