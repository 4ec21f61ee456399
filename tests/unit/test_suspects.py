"""The suspect of a discrepancy is the figure the other relations corroborate least."""

from tests.helpers import fact, run
from validator.engine.suspects import rank_suspects

F = fact


def suspect_values(rows):
    ev = run(rows)
    ranked = rank_suspects(ev.checks, ev.links)
    keys = ranked.loc[ranked["suspect"], "key_id"].tolist()
    return sorted(ev.values.set_index("key_id").loc[keys, "concept"].astype(str).tolist()), ranked


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
    ranked = rank_suspects(ev.checks, ev.links)
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
    ranked = rank_suspects(ev.checks, ev.links)
    picks = ranked[ranked["suspect"]]
    concepts = set(ev.values.set_index("key_id").loc[picks["key_id"], "concept"].astype(str))
    assert concepts == {"total_assets"}
