"""The suspect of a discrepancy is the figure the other relations corroborate least."""

from tests.helpers import fact, run
from validator.review.suspects import rank_suspects

F = fact


def test_a_growth_that_disagrees_while_its_levels_agree_elsewhere_is_the_suspect():
    rows = [
        F("rd_expenses", "2023", "3.43"),
        F("rd_expenses", "2024", "3.60"),
        F("rd_expenses", "2024", "25.84", "%", measure="growth", base="2023"),
        F("selling_expenses", "2024", "3.85"),
        F("admin_expenses", "2024", "0.99"),
        F("financial_expenses", "2024", "0.19"),
        F("period_expenses", "2024", "8.63"),
        F("total_operating_revenue", "2024", "9.97"),
        F("rd_expenses", "2024", "36.10", "%", measure="share", whole="total_operating_revenue"),
    ]
    ev = run(rows)
    ranked = rank_suspects(ev.table, ev.links)
    suspect = ranked[ranked["suspect"]].iloc[0]
    assert suspect["role"] == "stated" and suspect["agree"] == 0
    current = ranked[ranked["role"] == "current"].iloc[0]
    assert current["agree"] == 2  # the period-expense sum and the share


def test_a_total_contradicted_by_two_relations_is_the_suspect_over_its_members():
    rows = [
        F("current_assets", "2024-12-31", "14.78"),
        F("noncurrent_assets", "2024-12-31", "5.08"),
        F("total_assets", "2024-12-31", "19.58"),  # transposed digits
        F("total_liabilities", "2024-12-31", "10.62"),
        F("total_equity", "2024-12-31", "9.23"),
    ]
    ev = run(rows)
    ranked = rank_suspects(ev.table, ev.links)
    picks = ranked[ranked["suspect"]]
    concept_of_key = ev.fact_table.drop_duplicates("key").set_index("key")["concept"]
    assert set(concept_of_key.loc[picks["key"]]) == {"total_assets"}
    suspects = {c.suspect.concept for c in ev.discrepancies}
    assert suspects == {"total_assets"}
