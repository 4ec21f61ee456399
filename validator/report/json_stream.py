"""The JSON report written column-wise, in chunks of checks: the same bytes as
`json_report.report_json`, without a dict per check.

Every record is one template filled over Arrow columns of JSON literals (each distinct string
encoded once, see `arrow_text`); a check's facts are one body per fact row after its role,
joined per check. A chunk of records is the UTF-8 data buffer of one Arrow array, written as it
is. Checks whose words are not columns (see `check_texts`) are rendered from their Check
objects by `json_report.check_dict`.
"""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring

import numpy as np
import pandas as pd
import pyarrow as pa

from validator.findings.model import Findings
from validator.report.ahead import in_order
from validator.report.arrow_text import (
    arrow_column,
    distinct_literals,
    fill,
    grouped,
    literals,
    number_codes,
    pages_kept,
    take,
    text_array,
    utf8,
)
from validator.report.check_columns import CheckColumns
from validator.report.check_texts import ChunkTexts, chunk_texts, plain_rows
from validator.report.columns import filled, small_codes
from validator.report.facts_columns import ChunkLinks, FactColumns, LinkRoles
from validator.report.json_report import check_dict, check_json, frame

CHUNK = 8192  # checks per written piece (about 19 MB of JSON; 16,384 peaked 260 MiB higher at 1M)
_ROLE = '{"role":'
# Every record starts with its separator from the one before: the first record's comma is
# dropped when it is written. Its facts go between the head and the tail.
_HEAD = (
    ',\n    {{"id":{id},"rule":{rule},"name":{{"zh":{zh},"en":{en}}},"kind":{kind},'
    '"relation":{relation},"verdict":{verdict},"waived":false,"entity":{entity},'
    '"scope":{scope},"period":{period},"concept":{concept},"member":{member},"unit":{unit},'
    '"stated":{{"lo":{stated_lo},"hi":{stated_hi}}},'
    '"derived":{{"lo":{derived_lo},"hi":{derived_hi}}},"miss":{miss},'
    '"expression":{expression},"substituted":{substituted},"message":{message},'
    '"reason":{reason},"printings":{printings},"documents":{documents},"waiver":null,'
    '"suspect":null,"facts":['
)
_TAIL = '],"suspects":[],"proposals":[],"ranges":[],"locate_note":{locate_note}}}'


def _documents(facts: FactColumns, links: ChunkLinks) -> pa.Array:
    """Each check's `documents` list as JSON: its facts' documents, distinct and sorted."""
    codes, rank, names = facts.ranked("document")
    width = max(len(names), 1)
    pairs = np.unique(links.check * width + rank[codes[links.fact] % width])
    listed = [encode_basestring(name) for name in names]
    counts = np.bincount(pairs // width, minlength=links.n)
    joined = grouped(take(listed or [""], pairs % width), counts, ",")
    return fill("[{j}]", {"j": joined}, links.n)


# A fact's fields in groups whose combinations repeat over facts (the figure's key, where it
# was printed): each combination's text is laid out once a run and taken by the facts.
_FACT_GROUPS = (
    ("entity", "scope"),
    ("period", "concept", "member", "measure", "base", "whole", "qualifier"),
    ("value",),
    ("unit", "document", "location", "file"),
)


def _fact_bodies(facts: FactColumns, rows: np.ndarray) -> pa.Array:
    """The record of each fact row after its role."""
    columns: dict[str, pa.Array | str] = {}
    for group in _FACT_GROUPS:
        if len(group) == 1:
            columns[group[0]] = facts.literal_column(group[0], rows)
            continue
        segment = ",".join(f'"{name}":{{{name}}}' for name in group)
        combo, texts = facts.laid_out(group, segment)  # each combination once a run
        columns["+".join(group)] = texts.take(pa.array(combo[rows]))
    columns["line"] = facts.line_texts(rows)
    template = ",".join(
        "{" + "+".join(g) + "}" if len(g) > 1 else f'"{g[0]}":{{{g[0]}}}' for g in _FACT_GROUPS
    )
    template += ',"line":{line}}}'
    return fill(template, columns, len(rows))


def _role_pieces(links: ChunkLinks) -> tuple[list[str], np.ndarray]:
    """The texts before a fact's body (separator, brace, role) and which one each link takes."""
    first = np.ones(len(links.check), dtype=bool)
    first[1:] = links.check[1:] != links.check[:-1]
    codes, roles = links.role_codes
    pre = [_ROLE + encode_basestring(r) + "," for r in roles]
    return pre + ["," + p for p in pre], codes + len(roles) * ~first


def _chunk(
    report: Findings,
    columns: CheckColumns,
    facts: FactColumns,
    roles: LinkRoles,
    bounds: BoundTexts,
    lo: int,
    hi: int,
    plain: np.ndarray,
    rendered: np.ndarray,
) -> pa.Array:
    """The records of checks lo..hi-1, each after its separator, as one column of pieces in
    output order; `plain`: the checks laid out from columns, by row; `rendered`: the records of
    the others (see `json_chunks`)."""
    n = hi - lo
    links = ChunkLinks.of(report.links, lo, hi, roles)
    texts = chunk_texts(report.table, report.rules, facts, links, plain[lo:hi])
    plain = plain[lo:hi] if not report.prebuilt else np.zeros(n, dtype=bool)
    links = links.keep(plain[links.check])
    values = _values(report, columns, facts, links, texts, bounds)
    heads, tails = fill(_HEAD, values, n), fill(_TAIL, values, n)
    roles, role_of = _role_pieces(links)
    inverse, fact_rows = pd.factorize(links.fact)
    bodies = _fact_bodies(facts, np.asarray(fact_rows, dtype=np.int64))
    others = np.flatnonzero(~plain)
    # One array of the pieces first: taking from a chunked array resolves every index's chunk
    # (6 against 9 ms a chunk of records, and up to 200 ms when its memory is fresh).
    pool = pa.concat_arrays(
        [heads, tails, text_array([*roles, ""]), bodies, text_array(rendered[lo + others])]
    )
    # Each record: its head, per link its role piece and its fact's body, then its tail; a
    # record rendered one by one takes its text in place of the head and nothing for the tail.
    m = len(links.check)
    count = np.bincount(links.check, minlength=n)
    start = np.arange(n) * 2 + 2 * (np.cumsum(count) - count)
    order = np.empty(2 * n + 2 * m, dtype=np.int64)
    at = links.check * 2 + 1 + 2 * np.arange(m)
    order[at] = 2 * n + role_of
    order[at + 1] = 2 * n + len(roles) + 1 + inverse
    order[start] = np.arange(n)
    order[start + 1 + 2 * count] = n + np.arange(n)
    order[start[others]] = 2 * n + len(roles) + 1 + len(bodies) + np.arange(len(others))
    order[start[others] + 1] = 2 * n + len(roles)  # the empty text
    return pool.take(pa.array(order))


def _values(
    report: Findings,
    columns: CheckColumns,
    facts: FactColumns,
    links: ChunkLinks,
    texts: ChunkTexts,
    bounds: BoundTexts,
) -> dict[str, pa.Array | str]:
    """The JSON literals of every field of the chunk's records (meaningful for plain rows)."""
    t, lo, n = report.table, links.lo, links.n
    hi = lo + n
    codes, rules = columns.coded("rule")
    named = [report.rules.get(r) for r in rules]  # a category without rows may be unknown
    values: dict[str, pa.Array | str] = {
        "zh": take([encode_basestring(r.zh if r else "") for r in named], codes[lo:hi]),
        "en": take([encode_basestring(r.en if r else "") for r in named], codes[lo:hi]),
        "id": distinct_literals(arrow_column(t["check_id"].iloc[lo:hi])),
    }
    for c in ("rule", "kind", "relation", "verdict", "entity", "scope", "period", "concept"):
        values[c] = columns.literals(c, lo, hi)
    for c in ("member", "unit", "expression"):
        values[c] = columns.literals(c, lo, hi)
    for c in BOUNDS:
        values[c] = bounds.column(c, lo, hi)
    values["substituted"] = distinct_literals(texts.substituted)
    values["message"] = distinct_literals(texts.message)
    values["reason"] = literals(texts.reason)
    for c in ("printings", "locate_note"):
        values[c] = columns.literals(c, lo, hi, _or_empty) if c in t.columns else '""'
    values["documents"] = _documents(facts, links)
    return values


BOUNDS = ("stated_lo", "stated_hi", "derived_lo", "derived_hi", "miss")


class BoundTexts:
    """The JSON numbers of every check's bounds, each distinct value of them all formatted
    once a run (a bound is often another's value, in this check or in a check of another
    chunk: 1.0M distinct values among 3.6M at 1M facts, against 1.9M counted chunk by chunk)."""

    def __init__(self, t: pd.DataFrame):
        self._n = len(t)
        values = np.concatenate([t[c].to_numpy(np.float64) for c in BOUNDS])
        codes, self._texts = number_codes(values)
        self._codes = small_codes(codes)

    def column(self, name: str, lo: int, hi: int) -> pa.Array:
        at = BOUNDS.index(name) * self._n
        return self._texts.take(pa.array(self._codes[at + lo : at + hi]))


def _or_empty(value: object) -> str:
    return str(value or "")


def _check_records(report: Findings, rows: np.ndarray) -> np.ndarray:
    """Records of checks rendered one by one (their Check objects), each after its
    separator."""

    def record(c) -> str:
        return ",\n    " + check_json(check_dict(c))

    return filled(map(record, report.select(rows)), len(rows))


def json_bytes(report: Findings, chunk: int = CHUNK) -> Iterator[bytes | memoryview]:
    """The JSON report as UTF-8 bytes, in pieces: a chunk of checks at a time."""
    head, tail = frame(report)
    n = len(report.table)
    if not n:
        yield (head.removesuffix("[") + "[]" + tail).encode()
        return
    yield head.encode()
    facts, columns = FactColumns(report.fact_table), CheckColumns(report.table)
    roles, bounds = LinkRoles(report.links), BoundTexts(report.table)
    # The few checks rendered one by one, all at once: building Check objects has a cost per
    # call that does not depend on how few checks it builds.
    plain = plain_rows(report.table, report.rules, 0, n)
    others = np.flatnonzero(~plain) if not report.prebuilt else np.arange(n)
    rendered = np.full(n, None, dtype=object)
    rendered[others] = _check_records(report, others)

    def piece(lo: int) -> pa.Buffer:
        hi = min(lo + chunk, n)
        records = _chunk(report, columns, facts, roles, bounds, lo, hi, plain, rendered)
        data = utf8(records)
        return data.slice(1) if lo == 0 else data  # no comma before the first record

    with pages_kept():
        yield memoryview(piece(0))  # alone: the run-wide column caches are filled by it
        for data in in_order(piece, range(chunk, n, chunk)):
            yield memoryview(data)
    yield ("\n  ]" + tail).encode()


def json_chunks(report: Findings, chunk: int = CHUNK) -> Iterator[str]:
    """The JSON report in pieces of text (`json_bytes` decoded)."""
    for piece in json_bytes(report, chunk):
        yield bytes(piece).decode()


def render_json(report: Findings) -> str:
    """The whole report as one string (the CLI streams the bytes instead)."""
    return b"".join(map(bytes, json_bytes(report))).decode()
