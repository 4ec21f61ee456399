"""Error localisation and correction proposals: every minimum set of figures whose change can
repair a group of discrepancies, and the literals at typographic distance one that do."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import fact, run
from validator.report.github import render_github
from validator.report.json_stream import render_json
from validator.review.locate import hitting_sets
from validator.review.typos import corrections, slips

F = fact
BALANCE = [
    F("current_assets", "2024-12-31", "14.78"),
    F("noncurrent_assets", "2024-12-31", "5.08"),
    F("total_assets", "2024-12-31", "19.58"),  # 19.85 with two digits transposed
    F("total_liabilities", "2024-12-31", "10.62"),
    F("total_equity", "2024-12-31", "9.23"),
]


def test_every_slip_is_undone_by_one_of_its_corrections():
    for literal in ("12.34", "0.05", "-3.2", "100", "9.97", "1.00", "0.32", "2.11"):
        for unit in ("亿元", "%"):
            for printed, printed_unit, _ in slips(literal, unit):
                undone = {(lit, u) for lit, u, _ in corrections(printed, printed_unit)}
                assert (literal, unit) in undone, (literal, printed)


def test_minimum_hitting_sets_are_all_reported():
    assert hitting_sets([frozenset({1, 2, 3})]) == ([(1,), (2,), (3,)], "exact: single figures")
    sets, note = hitting_sets([frozenset({1, 2}), frozenset({3, 4})])
    assert sets == [(1, 3), (1, 4), (2, 3), (2, 4)] and note == "exact: sets of 2 figures"


def test_a_transposed_total_is_named_alone_and_its_true_literal_proposed_first():
    f = run(BALANCE)
    assert len(f.discrepancies) == 2
    for c in f.discrepancies:
        assert [[x.concept for x in alt] for alt in c.suspects] == [["total_assets"]]
        assert c.suspect is not None and c.suspect.concept == "total_assets"
        first = c.proposals[0]
        assert (first.literal, first.corrected) == ("19.58", "19.85")
        assert first.slip == "transposed digits"
        assert first.evidence.startswith("every relation of 资产总额 2024-12-31 then holds")


def test_figures_no_other_relation_tells_apart_are_all_alternatives():
    f = run(
        [
            F("rd_expenses", "2023", "3.43"),
            F("rd_expenses", "2024", "3.60"),
            F("rd_expenses", "2024", "25.84", "%", measure="growth", base="2023"),
        ]
    )
    (c,) = f.discrepancies
    assert sorted(alt[0].value for alt in c.suspects) == ["25.84", "3.43", "3.60"]
    # No correction is proposed for any of them: the single suspect stays the least corroborated
    # figure (the stated growth), which the reason explains, and it is among the alternatives.
    assert c.suspect is not None and c.suspect.value == "25.84"
    assert c.suspect.fact in {alt[0].fact for alt in c.suspects}
    assert c.locate_note == "exact: single figures; 3 alternatives"


def test_a_flipped_sign_is_corrected_although_its_sign_check_then_no_longer_applies():
    f = run(
        [
            F("total_operating_revenue", "2024", "-22.19"),
            F("operating_revenue", "2024", "22.19"),
            F("total_operating_revenue", "2023", "20.00"),
            F("total_operating_revenue", "2024", "10.95", "%", measure="growth", base="2023"),
        ]
    )
    for c in f.discrepancies:
        assert [(p.corrected, p.slip) for p in c.proposals] == [("22.19", "sign flip")]


def test_suspects_and_proposals_are_in_the_json_and_github_reports():
    f = run(BALANCE)
    check = json.loads(render_json(f))["checks"][0]
    assert [[x["value"] for x in alt] for alt in check["suspects"]] == [["19.58"]]
    assert check["proposals"][0]["corrected"] == "19.85"
    assert "Proposal: 19.58 → 19.85 (transposed digits) at facts.csv:4" in render_github(f)


def test_beyond_the_runs_budget_a_group_keeps_its_alternatives_and_says_why_it_has_no_proposal():
    from tests.helpers import dictionary, frame, plan
    from validator.io.facts_table import typed_facts
    from validator.pipeline import evaluate

    f = evaluate(typed_facts(frame(BALANCE), dictionary()), dictionary(), plan(), proposal_budget=0)
    for c in f.discrepancies:
        assert [[x.concept for x in alt] for alt in c.suspects] == [["total_assets"]]
        assert not c.proposals
        assert "corrections not searched: the run's budget of 0 candidate literals" in c.locate_note


def test_a_group_whose_minimum_sets_are_larger_than_the_enumeration_is_solved():
    keysets = [frozenset({i, i + 1}) for i in range(0, 10, 2)]  # five disjoint pairs
    sets, note = hitting_sets(keysets)
    assert note.startswith("solver (HiGHS): sets of 5 figures")
    assert all(len(s) == 5 and all(set(s) & k for k in keysets) for s in sets)
    assert len(sets) == 24 and "there may be more" in note  # 32 exist: the cap says so


def test_beyond_the_enumeration_bound_the_solver_finds_the_same_sets(monkeypatch):
    keysets = [frozenset({1, 2}), frozenset({3, 4}), frozenset({2, 5})]
    exact, _ = hitting_sets(keysets)
    monkeypatch.setattr("validator.review.locate.MAX_COMBINATIONS", 1)
    solved, note = hitting_sets(keysets)
    assert solved == exact and note == "solver (HiGHS): sets of 2 figures"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.frozensets(st.integers(0, 7), min_size=1, max_size=3), min_size=1, max_size=5))
def test_the_solver_finds_every_minimum_set_the_enumeration_finds(keysets):
    from validator.review.hitting_milp import milp_hitting_sets

    exact, note = hitting_sets(keysets)
    if note.startswith("exact"):
        assert milp_hitting_sets(keysets)[0] == sorted(exact)
