"""Not checkable, explained: grouped by the table's reason and missing columns, each check with
what is missing, and a page that stays readable however many checks could not be decided."""

from __future__ import annotations

from tests.publish.helpers import document, growth_check, report_of
from validator.findings.model import CheckResult
from validator.publish.anchors import Where
from validator.publish.not_checkable import group_of, grouped_rows, not_checkable_html


def unchecked(n: int, missing: tuple[str, ...], reason: str = "") -> CheckResult:
    return growth_check(
        n,
        verdict="not_checkable",
        reason_code="missing",
        missing=missing,
        reason=reason,
        stated=(25.835, 25.845),
        derived=(float("-inf"), float("inf")),
        miss=0.0,
    )


def test_the_group_is_the_first_missing_operand():
    assert group_of("missing", "net_profit, expensed_interest") == "formula"
    assert group_of("missing", "base") == "base"
    assert group_of("missing", "whole") == "whole"
    assert group_of("missing", "current, base") == "current"
    assert group_of("undefined", "") == "undefined"
    assert group_of("missing", "") == "other"


def test_each_check_names_what_is_missing():
    checks = [
        unchecked(1, ("base",), "no stated level of rd_expenses for the base 2023"),
        unchecked(2, ("net_profit", "expensed_interest"), "not stated: net_profit, …"),
    ]
    findings = report_of([(document(), checks)])
    assert {g: len(r) for g, r in grouped_rows(findings).items()} == {"formula": 1, "base": 1}
    html = not_checkable_html(findings, Where())
    assert "<code>net_profit</code>, <code>expensed_interest</code>" in html
    assert "no stated level of rd_expenses for the base 2023" in html
    assert "not stated: net_profit" not in html  # a formula's operands are named once


def test_a_large_group_is_counted_whole_and_explained_in_part(monkeypatch):
    monkeypatch.setattr("validator.publish.not_checkable.NC_SHOWN", 2)
    findings = report_of([(document(), [unchecked(n, ("base",)) for n in range(5)])])
    html = not_checkable_html(findings, Where())
    assert "(5)</li>" in html and html.count("<tr data-document=") == 2
    assert "The first 2 of 5 by check id" in html
