"""The printed range of a suspect figure that is only an operand: every printed value, at its
digits and in its unit, that makes all its relations consistent; each end verified by
evaluating the relations again, the value just beyond it failing."""

from tests.helpers import fact, run
from tests.unit.test_locate import BALANCE
from validator.report.github import render_github
from validator.report.text import explain_lines

F = fact
MEMBER_SLIP = [
    F("current_assets", "2024-12-31", "14.87"),  # 14.78 with two digits transposed
    F("noncurrent_assets", "2024-12-31", "5.08"),
    F("total_assets", "2024-12-31", "19.85"),
    F("total_liabilities", "2024-12-31", "10.62"),
    F("total_equity", "2024-12-31", "9.23"),  # 10.62 + 9.23 = 19.85 corroborates the total
]


def _ranges(f):
    (c,) = f.discrepancies
    return {r.figure: (r.lo, r.hi) for r in c.ranges}


def test_each_operand_only_suspect_gets_the_printed_values_that_make_its_sum_hold():
    # 14.76 + 5.08 still meets 19.85 within rounding, 14.75 no longer does; likewise 14.78/14.79
    assert _ranges(run(MEMBER_SLIP)) == {
        "流动资产 2024-12-31": ("14.76", "14.78"),
        "非流动资产 2024-12-31": ("4.97", "4.99"),
    }


def test_a_stated_figure_gets_no_printed_range():
    for c in run(BALANCE).discrepancies:
        assert c.ranges == ()  # the total is stated: its derived interval bounds it already


def test_the_range_is_in_the_text_report_and_the_annotation():
    f = run(MEMBER_SLIP)
    text = "\n".join(explain_lines(f.discrepancies[0]))
    assert "range:     流动资产 2024-12-31 14.87亿元 at " in text
    assert "printed [14.76, 14.78] 亿元 makes every relation of it consistent" in text
    assert "Range: 流动资产 2024-12-31 14.87亿元" in render_github(f)


def test_the_range_is_in_the_json_report_and_a_check_without_one_lists_none():
    import json

    from validator.report.json_stream import render_json

    checks = json.loads(render_json(run(MEMBER_SLIP)))["checks"]
    (found,) = [c for c in checks if c["verdict"] == "discrepant"]
    ranges = {r["figure"]: (r["literal"], r["unit"], r["lo"], r["hi"]) for r in found["ranges"]}
    assert ranges == {
        "流动资产 2024-12-31": ("14.87", "亿元", "14.76", "14.78"),
        "非流动资产 2024-12-31": ("5.08", "亿元", "4.97", "4.99"),
    }
    assert all(r["file"] and r["line"] > 0 for r in found["ranges"])
    assert all(c["ranges"] == [] for c in checks if c is not found)


def test_beyond_the_runs_budget_no_range_is_searched():
    from tests.helpers import dictionary, frame, plan
    from validator.engine.run import NumpyBackend
    from validator.io.facts_table import typed_facts
    from validator.review.ranges import with_operand_ranges

    d, p = dictionary(), plan()
    facts = typed_facts(frame(MEMBER_SLIP), d)
    f = run(MEMBER_SLIP)
    again = with_operand_ranges(f, facts, lambda x: NumpyBackend().run(p, x, d), budget=0)
    assert all(r == () for r in again.table["ranges"])
    kept = with_operand_ranges(f, facts, lambda x: NumpyBackend().run(p, x, d), budget=1)
    assert sum(len(r) for r in kept.table["ranges"]) == 1
