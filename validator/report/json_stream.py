"""The JSON report written column-wise, in chunks of checks: the same bytes as
`json.dumps(report_dict(report), ensure_ascii=False, indent=2)`, without a dict per check.

Every record is one `str.format` over columns of JSON literals (each distinct string encoded
once); a check's facts are formatted per link and spliced in order. Checks whose words are not
columns (see `check_texts`) are rendered from their Check objects by `json_report.check_dict`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from validator.findings.model import Findings
from validator.report.check_texts import ChunkTexts, chunk_texts, plain_rows
from validator.report.columns import encoded, filled, formatted, group_join, json_numbers, strings
from validator.report.facts_columns import ChunkLinks, FactColumns
from validator.report.json_report import check_dict, report_dict
from validator.report.splice import parts, record_starts, splice, width

CHUNK = 8192  # checks per written piece (about 25 MB of JSON)
_MARK = '\n  "checks": []'
_FACT_FIELDS = (
    "entity", "scope", "period", "concept", "member", "measure", "base", "whole", "qualifier",
    "value", "unit", "document", "location", "file",
)  # fmt: skip


# A fact's record after its role (the same in every check that lists the fact).
_BODY = ",\n".join(f'          "{name}": {{{i}}}' for i, name in enumerate([*_FACT_FIELDS, "line"]))
_BODY += "\n        }}"
_ROLE = '\n        {\n          "role": '
_HEAD = parts("""{sep}    {{
      "id": {id},
      "rule": {rule},
      "name": {{
        "zh": {zh},
        "en": {en}
      }},
      "kind": {kind},
      "relation": {relation},
      "verdict": {verdict},
      "waived": false,
      "entity": {entity},
      "scope": {scope},
      "period": {period},
      "concept": {concept},
      "member": {member},
      "unit": {unit},
      "stated": {{
        "lo": {stated_lo},
        "hi": {stated_hi}
      }},
      "derived": {{
        "lo": {derived_lo},
        "hi": {derived_hi}
      }},
      "miss": {miss},
      "expression": {expression},
      "substituted": {substituted},
      "message": {message},
      "reason": {reason},
      "printings": {printings},
      "documents": {documents},
      "waiver": null,
      "suspect": null,
      "facts": [""")
_TAIL = parts("""{close},
      "suspects": [],
      "proposals": [],
      "locate_note": {locate_note}
    }}""")


def frame(report: Findings) -> tuple[str, str]:
    """The report's text before its first check record and after its last one."""

    text = json.dumps(report_dict(report, checks=[]), ensure_ascii=False, indent=2) + "\n"
    at = text.index(_MARK)
    return text[:at] + '\n  "checks": [', text[at + len(_MARK) :]


def _or_empty(values: pd.Series) -> np.ndarray:
    """`str(v or "")` of each value, computed once per distinct value."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    return np.array([str(v or "") for v in uniques.tolist()] + [""], dtype=object)[codes]


def _column(t: pd.DataFrame, name: str, rows: np.ndarray) -> np.ndarray:
    if name not in t.columns:
        return np.full(len(rows), "", dtype=object)
    return _or_empty(t[name].iloc[rows])


def _documents(facts: FactColumns, links: ChunkLinks) -> np.ndarray:
    """Each check's `documents` list as JSON: its facts' documents, distinct and sorted."""
    codes, uniques = pd.factorize(facts.take("document", links.fact), use_na_sentinel=False)
    names = sorted(uniques.tolist())
    width = max(len(names), 1)
    position = {name: i for i, name in enumerate(names)}
    rank = np.array([position[u] for u in uniques.tolist()] + [0], dtype=np.int64)
    pairs = np.unique(links.check * width + rank[codes])
    listed = encoded(np.array(names, dtype=object))
    items = "\n        " + listed[pairs % width] if len(pairs) else np.array([], dtype=object)
    joined = group_join(items, pairs // width, links.n, ",")
    return np.where(joined != "", "[" + joined + "\n      ]", "[]")


def _fact_bodies(facts: FactColumns, rows: np.ndarray) -> np.ndarray:
    """The record of each fact row after its role."""
    columns = [facts.take_encoded(c, rows) for c in _FACT_FIELDS]
    columns.append(filled(map(str, facts.take("line", rows).tolist()), len(rows)))
    return formatted(_BODY, *columns)


def _role_pieces(links: ChunkLinks) -> np.ndarray:
    """Each link's text before its fact's body: the separator, the brace and the role."""
    first = np.ones(len(links.check), dtype=bool)
    first[1:] = links.check[1:] != links.check[:-1]
    codes, roles = links.role_codes
    names = encoded(np.array(list(roles), dtype=object)) if roles else np.array([], object)
    pre = _ROLE + names + ",\n"
    return np.concatenate([pre, "," + pre])[codes + len(roles) * ~first]


def _chunk(
    report: Findings, facts: FactColumns, lo: int, hi: int, first: bool, rendered: np.ndarray
) -> str:
    """The records of checks lo..hi-1; `rendered`: the records of the checks rendered one by
    one (see `json_chunks`), by row."""
    t, n = report.table, hi - lo
    links = ChunkLinks.of(report.links, lo, hi)
    texts = chunk_texts(t, report.rules, facts, links)
    plain = texts.plain if not report.prebuilt else np.zeros(n, dtype=bool)
    sep = np.full(n, ",\n", dtype=object)
    if first:
        sep[0] = "\n"
    links = links.keep(plain[links.check])
    values = _values(report, facts, links, texts)
    values["sep"] = sep
    inverse, fact_rows = pd.factorize(links.fact)
    bodies = _fact_bodies(facts, np.asarray(fact_rows, dtype=np.int64))[inverse]
    pieces = splice(n, _HEAD, _TAIL, values, links.check, (_role_pieces(links), bodies))
    others = np.flatnonzero(~plain)
    if len(others):
        start = record_starts(n, _HEAD, _TAIL, links.check)[others]
        for i in range(width(_HEAD) + width(_TAIL)):
            pieces[start + i] = ""  # these records have no links in the layout
        pieces[start] = sep[others] + rendered[lo + others]
    return "".join(pieces.tolist())


def _values(
    report: Findings, facts: FactColumns, links: ChunkLinks, texts: ChunkTexts
) -> dict[str, np.ndarray]:
    """The JSON literals of every field of the chunk's records (meaningful for plain rows)."""
    t, lo, n = report.table, links.lo, links.n
    sub = t.iloc[lo : lo + n]
    rule = strings(sub["rule"])
    codes, uniques = pd.factorize(rule, use_na_sentinel=False)
    named = [report.rules[r] for r in uniques.tolist()]
    values = {
        "zh": encoded(np.array([r.zh for r in named] + [""], dtype=object))[codes],
        "en": encoded(np.array([r.en for r in named] + [""], dtype=object))[codes],
        "id": encoded(strings(sub["check_id"]), distinct=True),
        "rule": encoded(rule),
    }
    for c in ("kind", "relation", "verdict", "entity", "scope", "period", "concept", "member"):
        values[c] = encoded(strings(sub[c]))
    values["unit"] = encoded(strings(sub["unit"]))
    values["expression"] = encoded(strings(sub["expression"]))
    bounds = ("stated_lo", "stated_hi", "derived_lo", "derived_hi", "miss")
    numbers = json_numbers(np.concatenate([sub[c].to_numpy(np.float64) for c in bounds]))
    for i, c in enumerate(bounds):  # one pass: a bound is often another's value
        values[c] = numbers[i * n : (i + 1) * n]
    values["substituted"] = encoded(texts.substituted, distinct=True)
    values["message"] = encoded(texts.message, distinct=True)
    values["reason"] = encoded(texts.reason)
    values["printings"] = encoded(_column(t, "printings", np.arange(lo, lo + n)))
    values["locate_note"] = encoded(_column(t, "locate_note", np.arange(lo, lo + n)))
    values["documents"] = _documents(facts, links)
    values["close"] = np.where(np.bincount(links.check, minlength=n) > 0, "\n      ]", "]")
    return values


def _check_records(report: Findings, rows: np.ndarray) -> np.ndarray:
    """Records of checks rendered one by one (their Check objects)."""

    def record(c) -> str:
        text = json.dumps(check_dict(c), ensure_ascii=False, indent=2)
        return "    " + text.replace("\n", "\n    ")

    return filled(map(record, report.select(rows)), len(rows))


def json_chunks(report: Findings, chunk: int = CHUNK) -> Iterator[str]:
    """The JSON report in pieces, a chunk of checks at a time."""
    head, tail = frame(report)
    n = len(report.table)
    if not n:
        yield head.removesuffix("[") + "[]" + tail
        return
    yield head
    facts = FactColumns(report.fact_table)
    # The few checks rendered one by one, all at once: building Check objects has a cost per
    # call that does not depend on how few checks it builds.
    plain = plain_rows(report.table, report.rules, 0, n)
    others = np.flatnonzero(~plain) if not report.prebuilt else np.arange(n)
    rendered = np.empty(n, dtype=object)
    rendered[others] = _check_records(report, others)
    for lo in range(0, n, chunk):
        yield _chunk(report, facts, lo, min(lo + chunk, n), lo == 0, rendered)
    yield "\n  ]" + tail


def write_json(report: Findings, write: Callable[[str], object], chunk: int = CHUNK) -> None:
    for piece in json_chunks(report, chunk):
        write(piece)


def render_json(report: Findings) -> str:
    """The whole report as one string (the CLI streams the chunks instead)."""
    return "".join(json_chunks(report))
