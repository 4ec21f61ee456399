"""The per-check renderers the column-wise writers must reproduce byte for byte: one dict (or
one ElementTree element) per check, as the reports were first written."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from validator.findings.model import CheckResult, Report
from validator.model.verdict import Verdict
from validator.report.escape import xml
from validator.report.json_report import report_json
from validator.report.text import explain_lines


def reference_json(report: Report) -> str:
    return report_json(report)


def reference_junit(report: Report) -> str:
    root = ET.Element(
        "testsuites",
        name="validate",
        tests=str(len(report.checks) + len(report.stale_waivers)),
        failures=str(len(report.discrepancies) + len(report.stale_waivers)),
        errors="0",
    )
    by_doc: dict[str, list[CheckResult]] = {s.document.id: [] for s in report.documents}
    for c in report.checks:
        home = c.documents[0] if c.documents else next(iter(by_doc), "")
        by_doc.setdefault(home, []).append(c)
    for s in report.documents:
        cases = by_doc.get(s.document.id, [])
        failures = [c for c in cases if c.verdict == Verdict.DISCREPANT and not c.waived]
        suite = ET.SubElement(
            root,
            "testsuite",
            name=xml(f"{s.document.entity} {s.document.id}"),
            tests=str(len(cases)),
            failures=str(len(failures)),
            errors="0",
            skipped=str(sum(c.verdict == Verdict.NOT_CHECKABLE for c in cases)),
        )
        for c in cases:
            case = ET.SubElement(
                suite, "testcase", classname=xml(f"{s.document.id}.{c.kind}"), name=xml(c.id)
            )
            if c.verdict == Verdict.DISCREPANT and not c.waived:
                failure = ET.SubElement(case, "failure", message=xml(c.message), type=xml(c.kind))
                failure.text = _lines(explain_lines(c))
            elif c.verdict == Verdict.NOT_CHECKABLE:
                ET.SubElement(case, "skipped", message=xml(c.reason))
            elif c.waived:
                out = ET.SubElement(case, "system-out")
                out.text = _lines(
                    [
                        f"acknowledged by {c.waiver_reviewer} on {c.waiver_date}: "
                        f"{c.waiver_reason}",
                        *explain_lines(c),
                    ]
                )
    if report.stale_waivers:
        suite = ET.SubElement(
            root,
            "testsuite",
            name="waivers",
            tests=str(len(report.stale_waivers)),
            failures=str(len(report.stale_waivers)),
            errors="0",
            skipped="0",
        )
        for w in report.stale_waivers:
            case = ET.SubElement(suite, "testcase", classname="waivers", name=xml(w.check_id))
            failure = ET.SubElement(case, "failure", message=xml(w.why), type="stale_waiver")
            failure.text = xml(f"{w.file}:{w.line}: {w.why}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _lines(lines: list[str]) -> str:
    return "\n".join(xml(line) for line in lines)
