"""The JUnit report is valid against the common junit-10 schema (Jenkins' xUnit plugin), on the
project's data and on a corpus with every outcome, and its counts add up."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from tests.helpers import ROOT
from tests.report.corpus import STALE, WAIVED, make_corpus
from validator.pipeline import run

XSD = Path(__file__).resolve().parents[1] / "xsd" / "junit-10.xsd"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(XSD)


def junit_of(data: Path) -> str:
    return run([data], "junit")[1]


def assert_valid(schema: xmlschema.XMLSchema, xml: str) -> None:
    errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(xml)]
    assert not errors, errors


def test_the_report_of_the_project_data_is_valid(schema):
    assert_valid(schema, junit_of(ROOT / "data"))


def test_a_report_with_every_outcome_is_valid_and_counts_each(schema, tmp_path):
    xml = junit_of(make_corpus(tmp_path))
    assert_valid(schema, xml)
    root = ET.fromstring(xml)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    doc, waivers = suites["甲公司 jia-2024-annual"], suites["waivers"]
    assert (doc.get("tests"), doc.get("failures"), doc.get("skipped")) == ("4", "1", "1")
    assert all(s.get("errors") == "0" for s in (root, doc, waivers))
    assert (waivers.get("tests"), waivers.get("failures")) == ("1", "1")
    assert waivers.find("testcase").get("name") == STALE
    assert (root.get("tests"), root.get("failures")) == ("5", "2")
    waived = next(c for c in doc.iter("testcase") if c.get("name") == WAIVED)
    assert waived.find("failure") is None and "acknowledged" in waived.find("system-out").text


def test_the_schema_rejects_a_suite_without_errors(schema):
    """The vendored schema really is the one that requires `errors` (the bug this fixes)."""
    bad = '<testsuites><testsuite name="x" tests="0" failures="0"/></testsuites>'
    assert not schema.is_valid(bad)
