"""JSON report: a `summary` and a `checks` list; byte-identical for the same input.

`check_dict` is what one check's record holds and `report_json` how the report is laid out:
indented, except that each check record is one line of its own. `json_stream` writes the
records of a whole run column-wise, with the same bytes."""

from __future__ import annotations

import json
from typing import Any

from validator import __version__
from validator.findings.model import CheckResult, FactRef, Report
from validator.findings.numbers import json_number
from validator.findings.types import PrintedRange, Proposal


def report_dict(report: Report, checks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The whole report (`checks`: the check records, by default every check's)."""
    return {
        "validator": {"version": __version__},
        "summary": {
            "facts": report.facts,
            "checks": report.totals["checks"],
            "consistent": report.totals["consistent"],
            "discrepant": report.totals["discrepant"],
            "waived": report.totals.get("waived", 0),
            "not_checkable": report.totals["not_checkable"],
            "exit_code": int(report.exit_code),
            "documents": [
                {
                    "id": s.document.id,
                    "entity": s.document.entity,
                    "title": s.document.title,
                    "publisher": s.document.publisher,
                    "date": s.document.date,
                    "folder": s.document.folder,
                    "facts": s.facts,
                    **s.counts,
                }
                for s in report.documents
            ],
        },
        "checks": [check_dict(c) for c in report.checks] if checks is None else checks,
        "stale_waivers": [
            {"check": w.check_id, "file": w.file, "line": w.line, "why": w.why, "reason": w.reason}
            for w in report.stale_waivers
        ],
    }


CHECKS_MARK = '\n  "checks": []'  # where an indented report without checks lists them


def report_json(report: Report) -> str:
    """The report as JSON text, one record at a time: indented with two spaces, each check
    record compact on a line of its own (a million checks make gigabytes of JSON, a third of
    which would be indentation), so that a check can be read, grepped or diffed as one line."""
    head, tail = frame(report)
    records = ",\n".join("    " + check_json(check_dict(c)) for c in report.checks)
    return head + (f"\n{records}\n  ]" if records else "]") + tail


def frame(report: Report) -> tuple[str, str]:
    """The report's text before its first check record (up to the list's `[`) and after the
    list's `]`."""
    text = json.dumps(report_dict(report, checks=[]), ensure_ascii=False, indent=2) + "\n"
    at = text.index(CHECKS_MARK)
    return text[:at] + '\n  "checks": [', text[at + len(CHECKS_MARK) :]


def check_json(record: dict[str, Any]) -> str:
    """A check record as one line of JSON, without spaces."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def check_dict(c: CheckResult) -> dict[str, Any]:
    return {
        "id": c.id,
        "rule": c.rule,
        "name": {"zh": c.name_zh, "en": c.name_en},
        "kind": c.kind,
        "relation": c.relation,
        "verdict": c.verdict,
        "waived": c.waived,
        "entity": c.entity,
        "scope": c.scope,
        "period": c.period,
        "concept": c.concept,
        "member": c.member,
        "unit": c.unit,
        "stated": {"lo": json_number(c.stated[0]), "hi": json_number(c.stated[1])},
        "derived": {"lo": json_number(c.derived[0]), "hi": json_number(c.derived[1])},
        "miss": json_number(c.miss),
        "expression": c.expression,
        "substituted": c.substituted,
        "message": c.message,
        "reason": c.reason,
        "printings": c.printings,
        "documents": list(c.documents),
        "waiver": {"reason": c.waiver_reason, "reviewer": c.waiver_reviewer, "date": c.waiver_date}
        if c.waived
        else None,
        "suspect": {**fact_dict(c.suspect), "reason": c.suspect_reason} if c.suspect else None,
        "facts": [fact_dict(f) for f in c.facts],
        "suspects": [[fact_dict(f) for f in alternative] for alternative in c.suspects],
        "proposals": [proposal_dict(p) for p in c.proposals],
        "ranges": [range_dict(r) for r in c.ranges],
        "locate_note": c.locate_note,
    }


_PROPOSAL_FIELDS = (
    "file", "line", "literal", "unit", "corrected", "corrected_unit", "slip", "evidence",
)  # fmt: skip
_RANGE_FIELDS = ("figure", "literal", "unit", "lo", "hi", "file", "line")


def _fields(record: object, names: tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of a record, in that order."""
    return {name: getattr(record, name) for name in names}


def proposal_dict(p: Proposal) -> dict[str, Any]:
    return _fields(p, _PROPOSAL_FIELDS)


def range_dict(r: PrintedRange) -> dict[str, Any]:
    """A suspect figure's printed range: the printed values that make all its relations hold."""
    return _fields(r, _RANGE_FIELDS)


_FACT_FIELDS = (
    "role", "entity", "scope", "period", "concept", "member", "measure", "base", "whole",
    "qualifier", "value", "unit", "document", "location", "file", "line",
)  # fmt: skip


def fact_dict(f: FactRef) -> dict[str, Any]:
    return _fields(f, _FACT_FIELDS)
