"""The findings table and its HTML, without Great Expectations."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.publish.helpers import (
    CONTEXT,
    ROOT,
    consistent,
    document,
    fact,
    growth_check,
    report_of,
)
from validator.findings.model import StaleWaiver
from validator.model.verdict import Kind
from validator.publish.errors import PublishError
from validator.publish.findings import document_findings
from validator.publish.html import finding_html
from validator.publish.notes import group_description, summary_description, truncation_note
from validator.publish.programme import ACKNOWLEDGED, load_programme

PROGRAMME = load_programme(CONTEXT)


def test_the_committed_programme_covers_every_kind_once():
    kinds = [k for g in PROGRAMME.groups for k in g.kinds]
    assert sorted(kinds) == sorted(k.value for k in Kind)
    assert [g.column for g in PROGRAMME.groups] == sorted(g.column for g in PROGRAMME.groups)
    assert PROGRAMME.group_of("partial_sum") is PROGRAMME.group_of("sum")


def test_a_programme_missing_a_kind_is_refused(tmp_path: Path):
    suite = json.loads((CONTEXT / "expectations" / "audit_programme.json").read_text("utf-8"))
    suite["expectations"] = [
        e for e in suite["expectations"] if "bound" not in (e.get("meta") or {}).get("kinds", [])
    ]
    (tmp_path / "expectations").mkdir()
    (tmp_path / "expectations" / "audit_programme.json").write_text(json.dumps(suite), "utf-8")
    with pytest.raises(PublishError, match="missing kinds: \\['bound', 'sign'\\]"):
        load_programme(tmp_path)


def test_one_row_per_finding_in_its_group_column_sorted_by_id():
    checks = [
        growth_check(3),
        growth_check(1),
        growth_check(2, waived=True, waiver_reason="源文件"),
    ]
    stale = StaleWaiver(
        "share:x", "reason", "data/600000.SH/jia-2024-annual/waivers.yaml", 4, "gone"
    )
    report = report_of([(document(), [*checks, consistent(checks[0], 1)])], stale=(stale,))
    (d,) = document_findings(report, PROGRAMME)
    growth = PROGRAMME.group_of("growth").column
    assert len(d.frame) == d.rows == 4  # three discrepancies and the stale waiver
    column = d.frame[growth].tolist()
    assert "rd_expenses_0001" in column[0] and column[1] == ACKNOWLEDGED
    assert "rd_expenses_0003" in column[2] and column[3] is None
    assert "源文件" in d.frame[PROGRAMME.acknowledged_column][1]
    assert "share:x" in d.frame[PROGRAMME.stale_column][3]
    other = [c for c in PROGRAMME.columns if c not in (growth, PROGRAMME.acknowledged_column)]
    assert d.frame[other[:-1]].isna().all().all()
    assert d.discrepant == 3 and d.acknowledged == 1 and d.full
    g = d.groups[growth]
    assert (g.unacknowledged, g.acknowledged, g.consistent) == (2, 1, 0)


def test_a_discrepancy_only_report_takes_its_counts_from_the_summary():
    checks = [growth_check(1), consistent(growth_check(2), 2)]
    report = report_of(
        [(document(), checks)], full=False, extra_counts={"jia-2024-annual": {"not_checkable": 7}}
    )
    (d,) = document_findings(report, PROGRAMME)
    assert not d.full and len(d.frame) == 1
    summary = summary_description(d, "base")
    assert "1 consistent" in summary and "7 not checkable" in summary
    growth = next(g for g in PROGRAMME.groups if "growth" in g.kinds)
    assert "counted in the summary above" in group_description(growth, d)


def test_a_finding_shows_every_part_of_the_explanation():
    suspect = fact("stated", "25.84", "%", measure="growth", base="2023", line=12)
    c = growth_check(
        1,
        suspect=suspect,
        suspect_reason="least corroborated figure",
        waived=True,
        waiver_reason="在源文件中",
        waiver_reviewer="审核组",
        waiver_date="2026-01-02",
    )
    text = finding_html(c)
    for part in (
        "growth:甲公司/合并/2024/rd_expenses_0001 vs 2023",
        "<b>25.84%</b> → [25.835, 25.845] %",
        "[4.6579, 5.2555] %",
        "20.5795 %",
        "25.84% = (3.60亿元 − 3.43亿元) / |3.43亿元|",
        "data/600000.SH/jia-2024-annual/facts.csv:12",
        "表1 研发费用",
        "least corroborated figure",
        "在源文件中",
        "审核组, 2026-01-02",
        "vf-acknowledged",
    ):
        assert part in text, part
    assert "\n" not in text


def test_data_strings_are_escaped():
    evil = "<script>alert(1)</script>"
    c = growth_check(1, facts=(fact("stated", "1", concept_zh=evil, location=f"{evil} $x"),))
    text = finding_html(c)
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "$" not in text  # GX substitutes $name in description templates


def test_truncation_is_announced_only_beyond_what_gx_shows():
    assert truncation_note(200) == ""
    note = truncation_note(201)
    assert "only the first 200" in note and "findings.json" in note


def test_duplicate_document_ids_are_refused():
    report = report_of([(document(), []), (document(folder="data/other/jia-2024-annual"), [])])
    with pytest.raises(PublishError, match="unique"):
        document_findings(report, PROGRAMME)


def test_a_check_of_two_documents_is_a_finding_of_both():
    c = growth_check(1, documents=("a-doc", "b-doc"))
    report = report_of([(document("a-doc"), [c]), (document("b-doc"), [replace(c, id=c.id)])])
    found = document_findings(report.subset(np.array([0])), PROGRAMME)
    assert [len(d.findings) for d in found] == [1, 1]


def test_importing_the_package_does_not_import_great_expectations():
    code = "import sys, validator.publish; sys.exit('great_expectations' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
