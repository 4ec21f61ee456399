"""Specifications of the engine, asserted on the flattened report (check id → verdict)."""

from tests.helpers import checks, fact, run, verdicts

F = fact


def test_a_sum_that_rounds_consistently_is_not_flagged():
    ev = run(
        [
            F("current_assets", "2024-12-31", "14.78"),
            F("noncurrent_assets", "2024-12-31", "5.08"),
            F("total_assets", "2024-12-31", "19.85"),
        ]
    )
    assert verdicts(ev) == {"assets_current_plus_noncurrent:甲公司/合并/2024-12-31": "consistent"}


def test_a_sum_off_by_more_than_rounding_is_flagged_with_its_miss():
    ev = run(
        [
            F("current_assets", "2024-12-31", "14.78"),
            F("noncurrent_assets", "2024-12-31", "5.08"),
            F("total_assets", "2024-12-31", "19.90"),
        ]
    )
    row = ev.table.iloc[0]
    assert row["verdict"] == "discrepant"
    assert abs(row["miss"] - 0.025) < 1e-9  # stated lo 19.895 − derived hi 19.87 (亿元)
    assert set(ev.links["role"]) == {"stated", "current_assets", "noncurrent_assets"}


def test_ratio_formula_with_percent_and_units():
    ev = run(
        [
            F("total_liabilities", "2024-12-31", "10.62"),
            F("total_assets", "2024-12-31", "19.85"),
            F("debt_to_asset_ratio", "2024-12-31", "53.51", "%"),
        ]
    )
    assert verdicts(ev)["debt_to_asset_ratio:甲公司/合并/2024-12-31"] == "consistent"


def test_an_unstated_nonnegative_term_turns_the_formula_into_a_bound():
    rows = [
        F("total_operating_revenue", "2024", "9.97"),
        F("operating_cost", "2024", "2.99"),
        F("operating_profit_margin", "2024", "68.80", "%"),
    ]
    ev = run(rows)
    row = checks(ev).loc["operating_profit_margin:甲公司/合并/2024"]
    assert (row["verdict"], row["kind"]) == ("consistent", "bound")
    rows[-1] = F("operating_profit_margin", "2024", "71.00", "%")
    assert verdicts(run(rows))["operating_profit_margin:甲公司/合并/2024"] == "discrepant"


def test_average_balances_come_from_opening_and_closing_instants():
    ev = run(
        [
            F("total_operating_revenue", "2024", "9.97"),
            F("total_assets", "2023-12-31", "18.52"),
            F("total_assets", "2024-12-31", "19.85"),
            F("total_asset_turnover", "2024", "0.52", "次"),
        ]
    )
    assert verdicts(ev)["total_asset_turnover:甲公司/合并/2024"] == "consistent"


def test_growth_share_and_pp_change_are_checked_against_the_levels_wherever_stated():
    ev = run(
        [
            F("total_operating_revenue", "2023", "9.01"),
            F("total_operating_revenue", "2024", "9.97"),
            F("total_operating_revenue", "2024", "10.60", "%", measure="growth", base="2023"),
            F("rd_expenses", "2024", "3.60"),
            F(
                "rd_expenses",
                "2024",
                "36.10",
                "%",
                measure="share",
                whole="total_operating_revenue",
            ),
            F("gross_margin", "2023", "67.37", "%"),
            F("gross_margin", "2024", "69.97", "%"),
            F("gross_margin", "2024", "2.60", "个百分点", measure="pp_change", base="2023"),
        ]
    )
    v = verdicts(ev)
    assert v["growth:甲公司/合并/2024/total_operating_revenue vs 2023"] == "consistent"
    assert v["share:甲公司/合并/2024/rd_expenses of total_operating_revenue@合并"] == "consistent"
    assert v["pp_change:甲公司/合并/2024/gross_margin vs 2023"] == "consistent"


def test_a_growth_that_contradicts_its_levels_is_flagged():
    ev = run(
        [
            F("rd_expenses", "2023", "3.43"),
            F("rd_expenses", "2024", "3.60"),
            F("rd_expenses", "2024", "25.84", "%", measure="growth", base="2023"),
        ]
    )
    assert verdicts(ev) == {"growth:甲公司/合并/2024/rd_expenses vs 2023": "discrepant"}


def test_narrowing_of_a_loss():
    ev = run(
        [
            F("net_profit_attributable_to_parent", "2023H1", "-4.09"),
            F("net_profit_attributable_to_parent", "2024H1", "-2.76"),
            F(
                "net_profit_attributable_to_parent",
                "2024H1",
                "32.52",
                "%",
                measure="narrowing",
                base="2023H1",
            ),
        ]
    )
    assert set(verdicts(ev).values()) == {"consistent"}


def test_cagr_uses_whole_years_between_the_periods():
    ev = run(
        [
            F("market_size", "2024", "143", entity="乙公司"),
            F("market_size", "2029", "182", entity="乙公司"),
            F("market_size", "2029", "4.9", "%", measure="cagr", base="2024", entity="乙公司"),
        ]
    )
    assert set(verdicts(ev).values()) == {"consistent"}


def test_duplicates_in_different_units_agree_and_a_conflicting_duplicate_is_flagged():
    ok = run(
        [
            F("project_total_investment", "2024-12-31", "5.47", member="project:合计"),
            F("project_total_investment", "2024-12-31", "54670.00", "万元", member="project:合计"),
        ]
    )
    assert set(verdicts(ok).values()) == {"consistent"}
    bad = run([F("total_assets", "2024-12-31", "19.85"), F("total_assets", "2024-12-31", "19.58")])
    assert verdicts(bad) == {"duplicate:甲公司/合并/2024-12-31/total_assets": "discrepant"}


def test_members_sum_to_a_complete_total_and_a_partial_list_is_a_bound():
    segments = [
        F("total_operating_revenue", "2024", v, member=f"segment:{m}")
        for m, v in [("甲", "7.48"), ("乙", "0.51"), ("丙", "1.89"), ("丁", "0.09")]
    ]
    ev = run([*segments, F("total_operating_revenue", "2024", "9.97")])
    assert verdicts(ev) == {"sum:甲公司/合并/2024/total_operating_revenue/segment": "consistent"}
    lines = [
        F("operating_revenue", "2024H1", v, member=f"business_line:{m}")
        for m, v in [("教育", "30.12"), ("医疗", "2.28")]
    ]
    ev = run([*lines, F("operating_revenue", "2024H1", "93.25")])
    check = ev.table.iloc[0]
    assert (check["kind"], check["verdict"]) == ("partial_sum", "consistent")
    ev = run([*lines, F("operating_revenue", "2024H1", "30.00")])
    assert ev.table.iloc[0]["verdict"] == "discrepant"


def test_printed_total_of_listed_members():
    rows = [
        F("sales_to_customer", "2024", v, "万元", member=f"customer:客户{i}")
        for i, v in enumerate(["32749.67", "17763.33"])
    ]
    rows.append(F("sales_to_customer", "2024", "50513.00", "万元", member="customer:合计"))
    assert set(verdicts(run(rows)).values()) == {"consistent"}


def test_a_missing_operand_is_not_checkable_and_says_which():
    ev = run(
        [
            F("rd_expenses", "2024", "3.60"),
            F("rd_expenses", "2024", "5.00", "%", measure="growth", base="2023"),
        ]
    )
    row = ev.table.iloc[0]
    assert row["verdict"] == "not_checkable"
    assert (row["reason"], row["missing"]) == ("missing", "base")
    assert ev.checks[0].reason == "no stated level of rd_expenses for the base 2023"


def test_a_denominator_spanning_zero_is_not_checkable_not_a_crash():
    ev = run(
        [
            F("total_debt", "2024-12-31", "5.75"),
            F("ebitda", "2024", "0.00"),
            F("total_debt_to_ebitda", "2024", "-10.31", "倍"),
        ]
    )
    assert verdicts(ev)["total_debt_to_ebitda:甲公司/合并/2024"] == "not_checkable"


def test_check_ids_are_stable_and_independent_of_row_order():
    rows = [
        F("total_liabilities", "2024-12-31", "10.62"),
        F("total_assets", "2024-12-31", "19.85"),
        F("debt_to_asset_ratio", "2024-12-31", "53.51", "%"),
        F("total_equity", "2024-12-31", "9.23"),
    ]
    assert verdicts(run(rows)) == verdicts(run(list(reversed(rows))))


def test_shares_of_an_unstated_whole_must_imply_the_same_whole():
    def rows(second_share: str):
        return [
            F("purchases", "2024", "6225.84", "万元", member="supplier:一"),
            F(
                "purchases",
                "2024",
                "16.75",
                "%",
                member="supplier:一",
                measure="share",
                whole="purchases",
            ),
            F("purchases", "2024", "4582.56", "万元", member="supplier:二"),
            F(
                "purchases",
                "2024",
                second_share,
                "%",
                member="supplier:二",
                measure="share",
                whole="purchases",
            ),
        ]

    check = "shares_imply_one_whole:甲公司/合并/2024/purchases@合并"
    assert verdicts(run(rows("12.33")))[check] == "consistent"
    assert verdicts(run(rows("13.33")))[check] == "discrepant"


def test_a_growth_beside_an_absolute_change_implies_its_base():
    def rows(growth: str):
        return [
            F("sales_collection", "2024H1", "90"),
            F("sales_collection", "2024H1", "15", measure="abs_change", base="2023H1"),
            F("sales_collection", "2024H1", growth, "%", measure="growth", base="2023H1"),
        ]

    check = "growth_from_change:甲公司/合并/2024H1/sales_collection vs 2023H1"
    assert verdicts(run(rows("20.04")))[check] == "consistent"
    assert verdicts(run(rows("25.00")))[check] == "discrepant"
