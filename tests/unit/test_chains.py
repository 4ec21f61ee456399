"""Chains: the values the relations imply for one figure must share a point, even when no
single relation can be checked (the figure is not stated) or each one holds alone."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import checks, fact, judge, plan, run, verdicts

F = fact
REVENUE_2023 = "chain:甲公司/合并/2023/total_operating_revenue"
SEGMENT = "segment:云安全产品"
SHARE = f"share:甲公司/合并/2023/total_operating_revenue/{SEGMENT} of total_operating_revenue@合并"


def growth_and_share(share: str, part: str = "5.00") -> list[dict[str, str]]:
    """Revenue 2023 is not stated: the growth of 2024 implies it, and so does a 2023 segment
    with its share of revenue."""
    return [
        F("total_operating_revenue", "2024", "9.97"),
        F("total_operating_revenue", "2024", "10.60", "%", measure="growth", base="2023"),
        F("total_operating_revenue", "2023", part, member=SEGMENT),
        F("total_operating_revenue", "2023", share, "%", member=SEGMENT, measure="share",
          whole="total_operating_revenue"),
    ]  # fmt: skip


def chains(f) -> dict[str, str]:
    return {k: v for k, v in verdicts(f).items() if k.startswith("chain:")}


def test_a_growth_and_a_share_that_imply_different_prior_levels_are_a_chain_finding():
    f = run(growth_and_share("60.00"))  # 9.97 / 1.106 ≈ 9.01, but 5.00 / 60% ≈ 8.33
    assert chains(f) == {REVENUE_2023: "discrepant"}
    # no single relation could see it: both need the unstated revenue of 2023
    assert verdicts(f)["growth:甲公司/合并/2024/total_operating_revenue vs 2023"] == "not_checkable"
    row = checks(f).loc[REVENUE_2023]
    words = row["expression"]
    assert words.startswith("total_operating_revenue 2023 implied by growth (facts.csv:")
    assert " as [9.0095, 9.0194] and by share (facts.csv:" in words
    assert words.endswith(" as [8.3243, 8.3424] 亿元: no common value")
    assert row["unit"] == "亿元" and abs(row["miss"] - (9.009538 - 8.342362)) < 1e-4
    check = next(c for c in f.checks if c.id == REVENUE_2023)
    roles = {(x.role, x.value) for x in check.facts}
    assert roles == {("current", "9.97"), ("growth", "10.60"), ("part", "5.00"), ("share", "60.00")}


def test_implications_that_agree_are_consistent():
    assert chains(run(growth_and_share("55.50"))) == {REVENUE_2023: "consistent"}


def test_one_implication_alone_is_no_chain():
    assert chains(run(growth_and_share("60.00")[:2])) == {}


def test_implied_values_that_each_meet_the_stated_figure_but_not_each_other_are_a_finding():
    rows = [*growth_and_share("54.00"), F("total_operating_revenue", "2023", "9")]
    f = run(rows)  # 9 is [8.5, 9.5]: it meets 9.01 (growth) and 9.26 (share); they miss
    assert verdicts(f)["growth:甲公司/合并/2024/total_operating_revenue vs 2023"] == "consistent"
    assert verdicts(f)[SHARE] == "consistent"
    assert chains(f) == {REVENUE_2023: "discrepant"}
    assert "and stated (facts.csv:" in checks(f).loc[REVENUE_2023, "expression"]


def test_an_implication_that_misses_the_stated_figure_is_left_to_its_own_relation():
    f = run([*growth_and_share("60.00"), F("total_operating_revenue", "2023", "9.01")])
    assert verdicts(f)[SHARE] == "discrepant"
    assert chains(f) == {}  # the growth alone is left: the share is the share's finding


def test_two_shares_of_one_unstated_whole_alone_are_left_to_their_own_template():
    rows = [
        F("total_operating_revenue", "2023", "5.00", member=SEGMENT),
        F("total_operating_revenue", "2023", "60.00", "%", member=SEGMENT, measure="share",
          whole="total_operating_revenue"),
        F("total_operating_revenue", "2023", "3.00", member="segment:其他安全产品"),
        F("total_operating_revenue", "2023", "30.00", "%", member="segment:其他安全产品",
          measure="share", whole="total_operating_revenue"),
    ]  # fmt: skip
    f = run(rows)  # 8.33 against 10.00: the shares' own agreement says so, once
    assert verdicts(f)["shares_imply_one_whole:甲公司/合并/2023/total_operating_revenue@合并"] == (
        "discrepant"
    )
    assert chains(f) == {}


def test_shares_of_two_wholes_imply_one_part():
    rows = [
        F("total_operating_revenue", "2024", "9.97"),
        F("main_business_revenue", "2024", "9.00"),
        F("total_operating_revenue", "2024", "20.00", "%", member=SEGMENT, measure="share",
          whole="total_operating_revenue"),
        F("total_operating_revenue", "2024", "25.00", "%", member=SEGMENT, measure="share",
          whole="main_business_revenue"),
    ]  # fmt: skip
    key = f"chain:甲公司/合并/2024/total_operating_revenue/{SEGMENT}"
    assert chains(run(rows)) == {key: "discrepant"}  # 1.99 against 2.25
    rows[3] = {**rows[3], "value": "22.16"}
    assert chains(run(rows)) == {key: "consistent"}


def test_a_pp_change_from_each_side_implies_the_middle_ratio():
    rows = [
        F("gross_margin", "2024", "70.77", "%"),
        F("gross_margin", "2024", "3.36", "个百分点", measure="pp_change", base="2023"),
        F("gross_margin", "2022", "60.00", "%"),
        F("gross_margin", "2023", "7.00", "个百分点", measure="pp_change", base="2022"),
    ]
    assert chains(run(rows)) == {"chain:甲公司/合并/2023/gross_margin": "discrepant"}
    rows[3] = {**rows[3], "value": "7.41"}
    assert chains(run(rows)) == {"chain:甲公司/合并/2023/gross_margin": "consistent"}


def test_an_absolute_change_implies_the_prior_level():
    rows = growth_and_share("55.50")[:2]
    rows.append(F("total_operating_revenue", "2024", "0.96", measure="abs_change", base="2023"))
    assert chains(run(rows)) == {REVENUE_2023: "consistent"}
    rows[2] = {**rows[2], "value": "0.80"}
    assert chains(run(rows)) == {REVENUE_2023: "discrepant"}


def test_a_chain_within_float_error_of_a_miss_is_decided_exactly():
    rows = [
        F("total_operating_revenue", "2024", "10.00"),
        F("total_operating_revenue", "2024", "1.00", measure="abs_change", base="2023"),
        F("total_operating_revenue", "2023", "9.010000000000000000001", member=SEGMENT),
        {**F("total_operating_revenue", "2023", "100", "%", member=SEGMENT, measure="share",
             whole="total_operating_revenue"), "decimals": "INF"},
    ]  # fmt: skip
    # the change puts revenue 2023 at most at 9.01; the segment, all of it, at least at
    # 9.0100000000000000000005: apart by less than the widening of the float bounds
    assert chains(run(rows)) == {REVENUE_2023: "discrepant"}
    rows[2] = {**rows[2], "value": "9.01"}
    assert chains(run(rows)) == {REVENUE_2023: "consistent"}


def test_the_standard_chain_lists_its_inversions():
    chain = plan().template("chain")
    assert [i.id for i in chain.implies] == [
        "base_from_growth", "current_from_growth", "whole_from_share", "part_from_share",
        "base_from_pp_change", "current_from_pp_change", "base_from_abs_change",
        "current_from_abs_change",
    ]  # fmt: skip


# ---- property: consistent statements never give a chain finding; a planted one always does ----

levels = st.integers(min_value=100, max_value=100_000)  # hundredths of 亿元
rates = st.integers(min_value=-5_000, max_value=20_000)  # hundredths of a percent
parts = st.integers(min_value=500, max_value=9_500)  # hundredths of a percent


def _printed(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}"


def statements(base: int, growth: int, share: int, decimals: int, shift: float = 1.0):
    """True figures (revenue 2023 = base, unstated), each printed rounded to `decimals`; the
    segment's level is multiplied by `shift` (1: consistent)."""
    b = base / 100
    g = growth / 10_000
    s = share / 10_000
    return [
        F("total_operating_revenue", "2024", _printed(b * (1 + g), decimals)),
        F("total_operating_revenue", "2024", _printed(g * 100, 2), "%", measure="growth",
          base="2023"),
        F("total_operating_revenue", "2023", _printed(b * s * shift, decimals), member=SEGMENT),
        F("total_operating_revenue", "2023", _printed(s * 100, 2), "%", member=SEGMENT,
          measure="share", whole="total_operating_revenue"),
    ]  # fmt: skip


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=levels, growth=rates, share=parts, decimals=st.integers(2, 4))
def test_consistent_statements_never_give_a_chain_finding(base, growth, share, decimals):
    found = chains(judge(statements(base, growth, share, decimals)))
    assert "discrepant" not in found.values()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.integers(1_000, 100_000),
    growth=rates,
    share=st.integers(1_000, 9_000),
    up=st.booleans(),
)
def test_a_planted_contradiction_always_gives_the_chain_finding(base, growth, share, up):
    # rounding moves each implied level by well under 2%; the planted slip moves it by 10%
    found = chains(judge(statements(base, growth, share, 2, 1.10 if up else 0.90)))
    assert found == {REVENUE_2023: "discrepant"}
