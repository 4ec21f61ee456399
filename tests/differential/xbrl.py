"""Cases as one XBRL instance with a minimal taxonomy, and Arelle's verdicts on it.

Every case gets its own context (its own entity identifier, so no two contexts are s-equal);
every shape its own concepts and summation-item network. Arelle runs offline with its bundled
copies of the XBRL 2.1 schemas, in Calculations 1.1 round-to-nearest mode.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from tests.differential.cases import SHAPES, Case, Verdict

NS = "http://example.com/calc11-differential"
XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
SUMMATION = "http://www.xbrl.org/2003/arcrole/summation-item"


def write_taxonomy(folder: Path) -> Path:
    concepts = [c for s in SHAPES for c in (s.total, *s.items)]
    elements = "\n".join(
        f'  <xs:element id="t_{c}" name="{c}" type="xbrli:decimalItemType" '
        f'substitutionGroup="xbrli:item" xbrli:periodType="instant" nillable="true"/>'
        for c in concepts
    )
    (folder / "calc.xsd").write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xbrli="{XBRLI}"
  xmlns:link="{LINK}" xmlns:xlink="{XLINK}" xmlns:t="{NS}" targetNamespace="{NS}"
  elementFormDefault="qualified">
  <xs:annotation><xs:appinfo>
    <link:linkbaseRef xlink:type="simple" xlink:href="calc.xml"
      xlink:role="http://www.xbrl.org/2003/role/calculationLinkbaseRef"
      xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase"/>
  </xs:appinfo></xs:annotation>
  <xs:import namespace="{XBRLI}"
    schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>
{elements}
</xs:schema>
""",
        encoding="utf-8",
    )
    links = []
    for s in SHAPES:
        locs = [_loc(s.total)]
        arcs = []
        for order, (w, item) in enumerate(zip(s.weights, s.items, strict=True), start=1):
            locs.append(_loc(item))
            arcs.append(
                f'<link:calculationArc xlink:type="arc" xlink:arcrole="{SUMMATION}" '
                f'xlink:from="{s.total}" xlink:to="{item}" weight="{w}.0" order="{order}"/>'
            )
        links.extend(locs + arcs)
    body = "\n    ".join(links)
    (folder / "calc.xml").write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<link:linkbase xmlns:link="{LINK}" xmlns:xlink="{XLINK}">
  <link:calculationLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">
    {body}
  </link:calculationLink>
</link:linkbase>
""",
        encoding="utf-8",
    )
    return folder / "calc.xsd"


def write_instance(folder: Path, cases: Iterable[Case]) -> Path:
    contexts, facts = [], []
    for case in cases:
        contexts.append(
            f'<xbrli:context id="{case.id}"><xbrli:entity><xbrli:identifier '
            f'scheme="{NS}/entity">{case.id}</xbrli:identifier></xbrli:entity>'
            f"<xbrli:period><xbrli:instant>2024-12-31</xbrli:instant></xbrli:period>"
            f"</xbrli:context>"
        )
        for n, f in enumerate(case.facts):
            facts.append(
                f'<t:{f.concept} id="{case.id}_{n}" contextRef="{case.id}" unitRef="u" '
                f'decimals="{f.decimals}">{escape(f.value)}</t:{f.concept}>'
            )
    path = folder / "instance.xml"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="{XBRLI}" xmlns:link="{LINK}" xmlns:xlink="{XLINK}" xmlns:t="{NS}">
  <link:schemaRef xlink:type="simple" xlink:href="calc.xsd"/>
  <xbrli:unit id="u"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>
  {chr(10).join(contexts)}
  {chr(10).join(facts)}
</xbrli:xbrl>
""",
        encoding="utf-8",
    )
    return path


_LINE = re.compile(r"^\[(?P<code>[^\]]+)\] (?P<message>.*)$")
_CALC = re.compile(r"context (?P<context>k\d{4})")
_DUPS = re.compile(r"\b(k\d{4})\b")


def run_arelle(instance: Path, workdir: Path) -> tuple[dict[str, Verdict], list[str]]:
    """Arelle's verdict per case id (cases it says nothing about are consistent or unchecked:
    the caller tells them apart), and every message code it logged."""
    log = workdir / "arelle.log"
    env = {**os.environ, "XDG_CONFIG_HOME": str(workdir / "config"), "HOME": str(workdir)}
    command = [
        str(Path(sys.executable).with_name("arelleCmdLine")),
        "--file", str(instance),
        "--validate",
        "--calc=c11r",
        "--internetConnectivity=offline",
        "--logFile", str(log),
        "--logFormat=[%(messageCode)s] %(message)s",
        "--logTextMaxLength=100000",
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not log.exists():
        raise RuntimeError(f"arelle failed ({done.returncode}): {done.stderr[-2000:]}")
    verdicts: dict[str, Verdict] = {}
    codes: list[str] = []
    for line in log.read_text(encoding="utf-8").splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        code, message = m["code"], m["message"]
        codes.append(code)
        if code == "calc11e:inconsistentCalculationUsingRounding":
            c = _CALC.search(message)
            if c:
                verdicts[c["context"]] = Verdict.INCONSISTENT
        elif code == "oime:disallowedDuplicateFacts":
            for context in _DUPS.findall(message):
                verdicts.setdefault(context, Verdict.UNCHECKED)
    return verdicts, codes


def _loc(concept: str) -> str:
    href = f"calc.xsd#t_{concept}"
    return f'<link:loc xlink:type="locator" xlink:href="{href}" xlink:label="{concept}"/>'
