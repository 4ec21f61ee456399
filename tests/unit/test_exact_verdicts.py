"""Verdicts that are exactly right: close calls re-decided from the literals, declared rounding,
signs and bounds (issue: exact arithmetic at the boundary)."""

import pytest

from tests.helpers import checks, fact, run, verdicts

F = fact
SUM = "assets_current_plus_noncurrent:甲公司/合并/2024-12-31"


def _sum(total: str, a: str, b: str, unit: str = "元", **kw):
    return [
        F("current_assets", "2024-12-31", a, unit, **kw),
        F("noncurrent_assets", "2024-12-31", b, unit, **kw),
        F("total_assets", "2024-12-31", total, unit),
    ]


def test_a_miss_hidden_by_float_widening_at_15_digits_is_found():
    # Removing the exact re-check (engine/recheck.py) makes this test fail: the widened float
    # intervals overlap, the exact ones miss by 0.00005.
    rows = _sum("77587382796.1785", "46384854028.8938", "31202528767.2849")
    row = checks(run(rows)).loc[SUM]
    assert row["verdict"] == "discrepant"
    assert row["miss"] == pytest.approx(0.00005, abs=1e-9)


def test_members_touching_the_total_in_one_point_are_consistent():
    # [9.995, 10.005] + [4.995, 5.005] = [14.99, 15.01]; the total 15.02 is [15.015, 15.025]:
    # misses by 0.005. At 15.01 ([15.005, 15.015]) they overlap; the 2-decimal total "15.015"
    # printed with 3 decimals, [15.0145, 15.0155], overlaps too.
    assert verdicts(run(_sum("15.02", "10.00", "5.00")))[SUM] == "discrepant"
    assert verdicts(run(_sum("15.01", "10.00", "5.00")))[SUM] == "consistent"
    # Items 10.0 + 5.0 are [14.9, 15.1]; "15.15" declared to one decimal is [15.10, 15.20]:
    # they touch in exactly one point (consistent); "15.16" is [15.11, 15.21] (a miss of 0.01).
    touching = _sum("15.15", "10.0", "5.0")
    touching[2] = {**touching[2], "decimals": "1"}
    assert verdicts(run(touching))[SUM] == "consistent"
    touching[2] = {**touching[2], "value": "15.16"}
    assert verdicts(run(touching))[SUM] == "discrepant"


def test_literals_of_thirty_significant_digits_are_read():
    rows = _sum(
        "200000000000000.000000000000001",
        "100000000000000.000000000000001",
        "100000000000000.000000000000000",
    )
    assert verdicts(run(rows))[SUM] == "consistent"
    rows[2] = F("total_assets", "2024-12-31", "200000000000000.000000000000005", "元")
    assert verdicts(run(rows))[SUM] == "discrepant"


def test_declared_decimals_override_the_digits_as_printed():
    rows = [
        {**F("current_assets", "2024-12-31", "1200", "万元"), "decimals": "-2"},
        {**F("noncurrent_assets", "2024-12-31", "800", "万元"), "decimals": "-2"},
        {**F("total_assets", "2024-12-31", "2100", "万元"), "decimals": "-2"},
    ]
    assert verdicts(run(rows))[SUM] == "consistent"  # [1150,1250]+[750,850] vs [2050,2150]
    rows[2]["decimals"] = "INF"  # 2100 exactly: still within [1900, 2100]
    assert verdicts(run(rows))[SUM] == "consistent"
    rows[2]["value"] = "2101"
    assert verdicts(run(rows))[SUM] == "discrepant"


def test_a_negative_figure_of_a_concept_that_cannot_be_negative_is_a_sign_finding():
    rows = [
        F("total_assets", "2024-12-31", "-19.86"),
        F("total_liabilities", "2024-12-31", "10.62"),
        F("debt_to_asset_ratio", "2024-12-31", "53.51", "%"),
    ]
    v = verdicts(run(rows))
    assert v["sign:甲公司/合并/2024-12-31/total_assets"] == "discrepant"
    assert v["debt_to_asset_ratio:甲公司/合并/2024-12-31"] == "discrepant"  # the flip is seen
    row = checks(run(rows)).loc["sign:甲公司/合并/2024-12-31/total_assets"]
    assert row["stated_lo"] <= row["stated_hi"]  # never inverted


def test_zero_of_a_nonnegative_concept_is_the_rounding_interval_cut_at_zero():
    row = checks(run(_sum("0.00", "0.00", "0.00", "亿元"))).loc[SUM]
    assert (row["stated_lo"], row["verdict"]) == (0.0, "consistent")


def test_a_member_stated_as_a_bound_keeps_the_sum_half_open():
    rows = [
        F("operating_revenue", "2024", "5", member="segment:甲", qualifier="over"),
        F("operating_revenue", "2024", "3", member="segment:乙"),
        F("operating_revenue", "2024", "2"),
    ]
    (row,) = checks(run(rows)).itertuples()
    assert row.verdict == "discrepant"  # over 5 plus 3 is at least 7.5, not (-inf, inf)
    assert row.derived_lo == pytest.approx(7.5) and row.derived_hi == float("inf")


def test_a_relation_over_disagreeing_printings_is_judged_for_each_printing_never_the_span():
    # The total is printed twice, 4004 and 4009 (to the unit of the fourth decimal); the items
    # sum to [..4006, ..4008]: each printing misses, although their span would contain it.
    rows = _sum("991.4004", "500.2003", "491.2004")
    rows.append(F("total_assets", "2024-12-31", "991.4009", "元", location="表2"))
    f = run(rows)
    row = checks(f).loc[SUM]
    assert row["verdict"] == "discrepant"
    assert "fails for 991.4004元" in row["printings"] and "fails for 991.4009元" in row["printings"]
    assert verdicts(f)["duplicate:甲公司/合并/2024-12-31/total_assets"] == "discrepant"
    # One printing that fits: the relation holds, and says which printing it holds for.
    rows[2] = F("total_assets", "2024-12-31", "991.4007", "元")
    row = checks(run(rows)).loc[SUM]
    assert row["verdict"] == "consistent"
    assert row["printings"].startswith("holds for 991.4007元")
