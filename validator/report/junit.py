"""JUnit XML: a test suite per document, a test case per check, a failure per unacknowledged
discrepancy with the full explanation, and a suite for stale waivers. Valid against the
common junit-10 schema (tests/xsd/junit-10.xsd): every suite carries `errors`, always 0, since
a check that cannot run is an input error and no report is written then.

The elements of one check and of the stale waivers are defined here; `junit_stream` writes a
whole run column-wise with the same bytes."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from validator.findings.model import CheckResult, StaleWaiver
from validator.model.verdict import Verdict
from validator.report.escape import xml
from validator.report.text import explain_lines


def _lines(lines: list[str]) -> str:
    """Element text: each line escaped on its own, so data cannot add a line."""
    return "\n".join(xml(line) for line in lines)


def case_element(document: str, c: CheckResult) -> ET.Element:
    """The test case of one check in the suite of `document`."""
    case = ET.Element("testcase", classname=xml(f"{document}.{c.kind}"), name=xml(c.id))
    if c.verdict == Verdict.DISCREPANT and not c.waived:
        failure = ET.SubElement(case, "failure", message=xml(c.message), type=xml(c.kind))
        failure.text = _lines(explain_lines(c))
    elif c.verdict == Verdict.NOT_CHECKABLE:
        ET.SubElement(case, "skipped", message=xml(c.reason))
    elif c.waived:
        out = ET.SubElement(case, "system-out")
        out.text = _lines(
            [
                f"acknowledged by {c.waiver_reviewer} on {c.waiver_date}: {c.waiver_reason}",
                *explain_lines(c),
            ]
        )
    return case


def stale_suite(stale: tuple[StaleWaiver, ...]) -> ET.Element:
    """The suite of the stale waivers: each one a failure."""
    suite = ET.Element(
        "testsuite",
        name="waivers",
        tests=str(len(stale)),
        failures=str(len(stale)),
        errors="0",
        skipped="0",
    )
    for w in stale:
        case = ET.SubElement(suite, "testcase", classname="waivers", name=xml(w.check_id))
        failure = ET.SubElement(case, "failure", message=xml(w.why), type="stale_waiver")
        failure.text = xml(f"{w.file}:{w.line}: {w.why}")
    return suite
