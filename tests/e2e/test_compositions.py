"""A composition as printed: every listed slot counts. The shares of a complete list add up to
100%, those of a partial list to at most 100%, the amounts of a list to its total, and an item
listed twice is a finding of its own; a table header that states a formula is a formula."""

import json

from click.testing import CliRunner

from tests.helpers import ROOT, fact, make_data
from validator.cli.main import validate


def slot(concept, period, value, composition, unit="%", **kw):
    row = fact(concept, period, value, unit, **kw)
    row["composition"] = composition
    return row


def share(concept, value, whole, composition, period="2024-12-31"):
    return slot(concept, period, value, composition, measure="share", whole=whole)


EXPENSES = "complete:期间费用构成"
LIABILITIES = "partial:流动负债构成"
EQUITY = "partial:所有者权益构成"
ROWS = [
    # complete: 44.63 + 11.46 + 41.68 + 2.23 = 100.00
    share("selling_expenses", "44.63", "period_expenses", EXPENSES, "2024"),
    share("admin_expenses", "11.46", "period_expenses", EXPENSES, "2024"),
    share("rd_expenses", "41.68", "period_expenses", EXPENSES, "2024"),
    share("financial_expenses", "2.23", "period_expenses", EXPENSES, "2024"),
    # partial, with 其他流动负债 listed twice: 55.95 + 20.33 + 7.30 + 9.86 + 7.30 = 100.74
    share("short_term_borrowings", "55.95", "current_liabilities", LIABILITIES),
    share("accounts_payable", "20.33", "current_liabilities", LIABILITIES),
    share("other_current_liabilities", "7.30", "current_liabilities", LIABILITIES),
    share("employee_benefits_payable", "9.86", "current_liabilities", LIABILITIES),
    share("other_current_liabilities", "7.30", "current_liabilities", LIABILITIES),
    # amounts against their total: 1.80 + 9.82 - 1.84 + 0.28 = 10.06 <= 10.07
    slot("total_equity", "2024-12-31", "10.07", "total:所有者权益构成", "亿元"),
    slot("paid_in_capital", "2024-12-31", "1.80", EQUITY, "亿元"),
    slot("capital_reserve", "2024-12-31", "9.82", EQUITY, "亿元"),
    slot("undistributed_profit", "2024-12-31", "-1.84", EQUITY, "亿元"),
    slot("surplus_reserve", "2024-12-31", "0.28", EQUITY, "亿元"),
    # a header 全部债务/EBITDA(倍) is the formula total_debt / ebitda
    fact("total_debt", "2024-12-31", "5.75"),
    fact("ebitda", "2024", "-0.56"),
    fact("total_debt_to_ebitda", "2024", "-10.31", "倍"),
]


def report(tmp_path, rows=ROWS):
    data = make_data(tmp_path, rows)
    args = [str(data), "--schemas", str(ROOT / "schemas"), "--no-docs", "--format", "json"]
    result = CliRunner().invoke(validate, args)
    return result, (json.loads(result.output) if result.output.startswith("{") else None)


def by_id(checks):
    return {c["id"]: c for c in checks}


def test_a_complete_share_list_adds_up_to_100_percent(tmp_path):
    _, out = report(tmp_path)
    c = by_id(out["checks"])["composition:甲公司/合并/2024/期间费用构成"]
    assert (c["verdict"], c["kind"]) == ("consistent", "sum")
    assert c["substituted"] == "100% = 44.63% + 11.46% + 41.68% + 2.23%"


def test_every_slot_of_a_partial_list_counts_and_an_item_listed_twice_is_a_finding(tmp_path):
    result, out = report(tmp_path)
    assert result.exit_code == 1
    checks = by_id(out["checks"])
    listed = checks["composition:甲公司/合并/2024-12-31/流动负债构成"]
    assert (listed["verdict"], listed["kind"]) == ("discrepant", "partial_sum")
    assert listed["substituted"] == "100% ≥ 55.95% + 20.33% + 7.30% + 9.86% + 7.30%"
    assert round(listed["miss"], 4) == 0.715  # 100.74% less the rounding of five slots
    twice = checks[
        "composition_item:甲公司/合并/2024-12-31/流动负债构成/other_current_liabilities"
    ]
    assert (twice["verdict"], twice["kind"]) == ("discrepant", "duplicate")
    assert [(f["role"], f["line"]) for f in twice["facts"]] == [("slot", 8), ("slot", 10)]


def test_an_item_listed_twice_is_a_finding_even_when_it_is_zero(tmp_path):
    rows = [
        share("short_term_borrowings", "60.00", "current_liabilities", LIABILITIES),
        share("other_current_liabilities", "0.00", "current_liabilities", LIABILITIES),
        share("other_current_liabilities", "0.00", "current_liabilities", LIABILITIES),
    ]
    _, out = report(tmp_path, rows)
    checks = by_id(out["checks"])
    assert checks["composition:甲公司/合并/2024-12-31/流动负债构成"]["verdict"] == "consistent"
    twice = "composition_item:甲公司/合并/2024-12-31/流动负债构成/other_current_liabilities"
    assert checks[twice]["verdict"] == "discrepant"


def test_the_amounts_of_a_list_are_checked_against_its_total(tmp_path):
    _, out = report(tmp_path)
    c = by_id(out["checks"])["composition:甲公司/合并/2024-12-31/所有者权益构成"]
    assert (c["verdict"], c["relation"]) == ("consistent", ">=")
    assert c["substituted"] == "10.07亿元 ≥ 1.80亿元 + 9.82亿元 + -1.84亿元 + 0.28亿元"
    rows = [r for r in ROWS if r.get("composition") != "total:所有者权益构成"]
    rows = [{**r, "composition": r.get("composition", "").replace("partial", "complete")}
            for r in rows]  # fmt: skip
    _, out = report(tmp_path / "no-total", rows)
    c = by_id(out["checks"])["composition:甲公司/合并/2024-12-31/所有者权益构成"]
    assert c["verdict"] == "not_checkable"


def test_a_header_formula_is_checked_for_every_row_that_states_its_operands(tmp_path):
    _, out = report(tmp_path)
    c = by_id(out["checks"])["total_debt_to_ebitda:甲公司/合并/2024"]
    assert c["verdict"] == "consistent"
    assert c["expression"] == "total_debt_to_ebitda = total_debt / ebitda"


def test_slots_that_do_not_describe_one_list_are_refused_with_their_line(tmp_path):
    rows = [
        share("selling_expenses", "44.63", "period_expenses", EXPENSES, "2024"),
        share("admin_expenses", "11.46", "period_expenses", "partial:期间费用构成", "2024"),
        share("rd_expenses", "41.68", "operating_revenue", EXPENSES, "2024"),
    ]
    result, _ = report(tmp_path, rows)
    assert result.exit_code == 2
    assert "facts.csv:3 column composition: a composition is complete or partial" in result.output
    assert "facts.csv:4 column whole: the shares of one composition have one whole" in result.output


def test_a_malformed_composition_is_refused(tmp_path):
    rows = [share("selling_expenses", "44.63", "period_expenses", "all:期间费用构成", "2024")]
    result, _ = report(tmp_path, rows)
    assert result.exit_code == 2
    assert "composition must be empty or complete:NAME, partial:NAME or total:NAME" in result.output
