"""A hand-made discrepancy whose two alternatives tie: the issue's example of a stated 3.86
printed 3.68, which a tie-break blamed on the figure of the next line. No other relation tells
the two apart (the base is corroborated elsewhere), so both are suspects; only the stated figure
has a correction at typographic distance one."""

from __future__ import annotations

from dataclasses import replace

from tests.publish.helpers import document, fact, growth_check, report_of
from validator.findings.model import CheckResult, Report
from validator.findings.types import Proposal

FILE = "data/600000.SH/jia-2024-annual/facts.csv"
STATED = fact("stated", "3.68", "%", measure="growth", base="2023", line=12, location="表1 同比")
NEXT = fact("current", "139.90", line=13, location="表1 研发费用 2024年")
BASE = fact("base", "134.70", period="2023", line=11, location="表1 研发费用 2023年")
EVIDENCE = (
    "every relation of 研发费用 growth 2024 vs 2023 then holds (1 consistent, 0 not checkable)"
)
PROPOSAL = Proposal(
    fact=-1, literal="3.68", unit="%", corrected="3.86", corrected_unit="%",
    slip="transposed digits", evidence=EVIDENCE, file=FILE, line=12,
)  # fmt: skip


def tied(**kw) -> CheckResult:
    """The discrepancy with both alternatives, the single suspect left on the next line."""
    c = growth_check(
        0,
        facts=(BASE, NEXT, STATED),
        substituted="3.68% = (139.90亿元 − 134.70亿元) / |134.70亿元|",
        stated=(3.675, 3.685),
        derived=(3.8529, 3.8680),
        miss=0.1679,
        message="增长率, 甲公司 合并 2024: stated 3.68% misses the derived [3.8529, 3.8680] %",
        suspect=NEXT,
        suspect_reason="2 alternative figure sets. least corroborated figure — 研发费用 139.90亿元",
        suspects=((replace(STATED, role="suspect"),), (replace(NEXT, role="suspect"),)),
        proposals=(PROPOSAL,),
        locate_note="exact: single figures; 2 alternatives",
    )
    return replace(c, **kw)


def tied_report(**kw) -> Report:
    return report_of([(document(), [tied(**kw)])])
