"""The JUnit report written column-wise: the same bytes as `junit.render_junit` (ElementTree,
indented), without an element per check.

A consistent check is one self-closing test case and a check that is not checkable one with a
`skipped` message, both formatted over columns; a failure or an acknowledged discrepancy
carries its whole explanation, so those few (and any check whose words are not columns, see
`check_texts`) are built as elements from their Check objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree as ET

import numpy as np
import pandas as pd

from validator.findings.model import Findings
from validator.model.verdict import Verdict
from validator.report.check_texts import plain_rows, reason_texts
from validator.report.columns import filled, formatted, strings
from validator.report.escape import xml
from validator.report.junit import case_element, stale_suite
from validator.report.xml_text import attributes

CHUNK = 65536
_CASE = '\n    <testcase classname="{0}" name="{1}" />'
_SKIPPED = (
    '\n    <testcase classname="{0}" name="{1}">\n      <skipped message="{2}" />\n    </testcase>'
)


def _tag(tag: str, **attrib: str) -> str:
    """An element's start tag as ElementTree writes it (attributes escaped, in order)."""
    return ET.tostring(ET.Element(tag, attrib), encoding="unicode").removesuffix(" />") + ">"


def _homes(report: Findings) -> np.ndarray:
    """The suite of each check: the position in `report.documents` of the first (sorted) of
    its facts' documents, the first suite for a check without facts, -1 for none."""
    ids = [s.document.id for s in report.documents]
    n = len(report.table)
    links = report.links
    docs = report.fact_table["document"].iloc[links["fact"].to_numpy(np.int64)]
    codes, uniques = pd.factorize(strings(docs), use_na_sentinel=False)
    names = sorted(uniques.tolist())
    position = {name: i for i, name in enumerate(names)}
    rank = np.array([position[u] for u in uniques.tolist()] + [0], dtype=np.int64)[codes]
    first = np.full(n, len(names), dtype=np.int64)
    checks = links["check"].to_numpy(np.int64)
    if len(checks):
        first = pd.Series(rank).groupby(checks).min().reindex(range(n), fill_value=len(names))
        first = first.to_numpy(np.int64)
    suite = {name: ids.index(name) if name in ids else -1 for name in names}
    of_rank = np.array([suite[name] for name in names] + [0 if ids else -1], dtype=np.int64)
    return of_rank[first]


def _element_cases(report: Findings, docs: list[str], rows: np.ndarray) -> np.ndarray:
    """Test cases built as ElementTree elements from their Check objects (`junit.case_element`),
    each in the suite of its document."""

    def case(c, doc: str) -> str:
        element = case_element(doc, c)
        ET.indent(element, level=2)
        return "\n    " + ET.tostring(element, encoding="unicode")

    return filled(map(case, report.select(rows), docs), len(rows))


def _cases(
    report: Findings, doc: str, rows: np.ndarray, plain: np.ndarray, rendered: np.ndarray
) -> str:
    t = report.table
    kind = strings(t["kind"].iloc[rows])
    cls = attributes(np.array([f"{doc}.{k}" for k in pd.unique(kind).tolist()], dtype=object))
    cls = cls[pd.factorize(kind, use_na_sentinel=False)[0]]
    names = attributes(strings(t["check_id"].iloc[rows]))
    verdict = strings(t["verdict"].iloc[rows])
    out = np.empty(len(rows), dtype=object)
    simple = plain & (verdict != Verdict.NOT_CHECKABLE.value)
    out[simple] = formatted(_CASE, cls[simple], names[simple])
    skipped = plain & ~simple
    if skipped.any():
        why = attributes(reason_texts(t, report.rules, rows[skipped]))
        out[skipped] = formatted(_SKIPPED, cls[skipped], names[skipped], why)
    if (~plain).any():
        out[~plain] = rendered[rows[~plain]]
    return "".join(out.tolist())


def junit_chunks(report: Findings, chunk: int = CHUNK) -> Iterator[str]:
    """The JUnit report in pieces: a suite's start, its test cases a chunk at a time, its end."""
    t, n, stale = report.table, len(report.table), report.stale_waivers
    failing = len(report.rows([Verdict.DISCREPANT], waived=False))
    root = {"name": "validate", "tests": str(n + len(stale)), "errors": "0"}
    root["failures"] = str(failing + len(stale))
    root = {k: root[k] for k in ("name", "tests", "failures", "errors")}
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not report.documents and not stale:
        yield ET.tostring(ET.Element("testsuites", root), encoding="unicode") + "\n"
        return
    yield _tag("testsuites", **root)
    home = _homes(report)
    verdict = strings(t["verdict"])
    waived = t["waived"].to_numpy(bool)
    discrepant = verdict == Verdict.DISCREPANT.value
    plain = plain_rows(t, report.rules, 0, n) if not report.prebuilt else np.zeros(n, bool)
    # The few cases built as elements, all at once (building Check objects costs per call).
    others = np.flatnonzero(~plain & (home >= 0))
    ids = [s.document.id for s in report.documents]
    rendered = np.empty(n, dtype=object)
    rendered[others] = _element_cases(report, [ids[i] for i in home[others].tolist()], others)
    for i, s in enumerate(report.documents):
        rows = np.flatnonzero(home == i)
        attrib = {
            "name": f"{s.document.entity} {s.document.id}",
            "tests": str(len(rows)),
            "failures": str(int((discrepant[rows] & ~waived[rows]).sum())),
            "errors": "0",
            "skipped": str(int((verdict[rows] == Verdict.NOT_CHECKABLE.value).sum())),
        }
        attrib["name"] = xml(attrib["name"])
        if not len(rows):
            yield "\n  " + ET.tostring(ET.Element("testsuite", attrib), encoding="unicode")
            continue
        yield "\n  " + _tag("testsuite", **attrib)
        for lo in range(0, len(rows), chunk):
            part = rows[lo : lo + chunk]
            yield _cases(report, s.document.id, part, plain[part], rendered)
        yield "\n  </testsuite>"
    if stale:
        suite = stale_suite(stale)
        ET.indent(suite, level=1)
        yield "\n  " + ET.tostring(suite, encoding="unicode")
    yield "\n</testsuites>\n"


def render_junit(report: Findings) -> str:
    """The whole report as one string (the CLI streams the chunks instead)."""
    return "".join(junit_chunks(report))
