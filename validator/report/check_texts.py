"""The words of many checks at once (`findings.explain` column by column): the values
substituted, the reason a check is not checkable and the one-line message, for a chunk of
rows of `Findings.table`.

`plain` marks the rows computed here. The others (discrepancies, acknowledged or with a
suspect or proposals, shares of a whole) are few and keep the per-check words of
`findings.build`; the renderers build Check objects for them alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from validator.findings.explain import STATED_ROLES, UNDEFINED
from validator.findings.types import RuleText
from validator.model.check_id import IdFormat
from validator.model.verdict import Reason, Relation, Verdict
from validator.report.arrow_text import arrow_column, fill, intervals, text_array
from validator.report.columns import coded, formatted, group_join, strings
from validator.report.facts_columns import ChunkLinks, FactColumns

_SLOT = re.compile(r"\{([^{}]+)\}")
_FIELDS = (
    "concept", "member", "period", "base", "whole", "whole_concept", "entity", "scope", "axis",
    "target", "rule",
)  # fmt: skip


@dataclass(frozen=True)
class ChunkTexts:
    plain: np.ndarray  # bool per row of the chunk
    substituted: np.ndarray
    reason: np.ndarray
    message: pa.Array | np.ndarray  # Arrow strings, or an object array of empty strings


class Rows:
    """Some rows of a table, a column at a time (never a copy of every column)."""

    def __init__(self, t: pd.DataFrame, rows: np.ndarray):
        self._t, self._rows = t, rows

    def __getitem__(self, name: str) -> pd.Series:
        return self._t[name].iloc[self._rows]


def review_column(t: pd.DataFrame, name: str, lo: int, hi: int) -> np.ndarray:
    """Whether each row has a non-empty review value (suspects, proposals)."""
    if name not in t.columns:
        return np.zeros(hi - lo, dtype=bool)
    values = t[name].iloc[lo:hi].to_numpy(dtype=object).tolist()
    if set(map(type, values)) <= {tuple}:  # the usual case, tested in C
        return np.fromiter(map(bool, values), bool, len(values))
    return np.fromiter((isinstance(v, tuple) and bool(v) for v in values), bool, len(values))


def plain_rows(t: pd.DataFrame, rules: Mapping[str, RuleText], lo: int, hi: int) -> np.ndarray:
    """Rows whose words are computed column-wise."""
    verdict = strings(t["verdict"].iloc[lo:hi])
    rule = strings(t["rule"].iloc[lo:hi])
    codes, uniques = pd.factorize(rule, use_na_sentinel=False)
    # Implied wholes and compositions word their values from the figures themselves.
    whole = np.array(
        [rules[r].grouping == "whole" or rules[r].family == "composition" for r in uniques.tolist()]
        + [False]
    )
    return (
        (verdict != Verdict.DISCREPANT.value)
        & ~t["waived"].iloc[lo:hi].to_numpy(bool)
        & (t["suspect"].iloc[lo:hi].to_numpy(np.int64) < 0)
        & ~review_column(t, "suspects", lo, hi)
        & ~review_column(t, "proposals", lo, hi)
        & ~review_column(t, "ranges", lo, hi)
        & ~whole[codes]
    )


def _symbol(relation: str) -> str:
    """A relation's symbol (`≤` for `<=`); none for a missing one."""
    return Relation(relation).symbol if relation else ""


class _ByRole:
    """The distinct stated texts of each (check, role), in the order the check lists them."""

    def __init__(self, links: ChunkLinks, texts: np.ndarray, text_codes: np.ndarray):
        roles, self.names = links.role_codes
        self.width = max(len(self.names), 1)
        key = links.check * self.width + roles
        first = ~pd.Index(key * (int(text_codes.max(initial=0)) + 1) + text_codes).duplicated()
        key = key[first]
        order = np.argsort(key, kind="stable")
        self.items, self.keys = texts[first][order], key[order]
        starts = np.ones(len(self.keys), dtype=bool)
        starts[1:] = self.keys[1:] != self.keys[:-1]
        self.groups = self.keys[starts]
        self.at = np.cumsum(starts) - 1
        self._joined: dict[str, np.ndarray] = {}

    def joined(self, sep: str) -> np.ndarray:
        if sep not in self._joined:
            self._joined[sep] = group_join(self.items, self.at, len(self.groups), sep)
        return self._joined[sep]

    def get(self, checks: np.ndarray, role: str, sep: str = "|") -> tuple[np.ndarray, np.ndarray]:
        """(found, text) of a role for some checks."""
        code = self.names.get(role)
        if code is None or not len(self.groups):
            return np.zeros(len(checks), bool), np.full(len(checks), "", dtype=object)
        key = checks * self.width + code
        pos = np.minimum(np.searchsorted(self.groups, key), len(self.groups) - 1)
        found = self.groups[pos] == key
        return found, np.where(found, self.joined(sep)[pos], "")


def _stated(by_role: _ByRole, checks: np.ndarray) -> np.ndarray:
    """`by_role.get("stated", by_role.get("total", ["?"]))`, joined."""
    has, stated = by_role.get(checks, "stated")
    has_total, total = by_role.get(checks, "total")
    return np.where(has, stated, np.where(has_total, total, "?"))


def _filled(rule: RuleText, by_role: _ByRole, checks: np.ndarray) -> np.ndarray:
    """The rule's `values` with each operand's texts in place of its slot."""
    operands = {o.name: o for o in rule.operands}
    out = np.full(len(checks), "", dtype=object)
    pos = 0
    for m in _SLOT.finditer(rule.values):
        out = out + rule.values[pos : m.start()]
        pos = m.end()
        name = m[1]
        o = operands.get(name)
        absent = "(unstated ≥ 0)" if o is not None and o.optional else "(not stated)"
        found, texts = by_role.get(checks, name, ", " if name.startswith("avg(") else "|")
        if name.startswith("avg("):
            texts = "avg(" + texts + ")"
        out = out + np.where(found, texts, absent)
    return out + rule.values[pos:]


def substituted_texts(
    t: pd.DataFrame, rules: Mapping[str, RuleText], links: ChunkLinks, texts: np.ndarray,
    text_codes: np.ndarray, rows: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """`explain.substituted` for some rows (chunk-relative) of the plain rows; `texts`: each
    link's stated text, `text_codes` equal where the texts are."""
    lo = links.lo
    by_role = _ByRole(links, texts, text_codes)
    rule, names = coded(t["rule"].iloc[lo + rows])
    relation, relations = coded(t["relation"].iloc[lo + rows])
    symbol = np.array([_symbol(r) for r in relations], dtype=object)[relation]
    out = np.full(len(rows), "", dtype=object)
    joined: dict[str, np.ndarray] = {}

    def all_texts() -> np.ndarray:
        if "all" not in joined:
            joined["all"] = group_join(texts, links.check, links.n, " = ")
        return joined["all"]

    def members() -> np.ndarray:
        if "members" not in joined:
            member = links.has_role("member")
            joined["members"] = group_join(texts[member], links.check[member], links.n, " + ")
        return joined["members"]

    for code in np.unique(rule).tolist():
        at = np.flatnonzero(rule == code)
        checks = rows[at]
        r = rules[names[code]]
        if r.grouping == "statement":
            out[at] = all_texts()[checks]
        elif r.family == "sum":
            stated = _stated(by_role, checks)
            out[at] = formatted("{0} {1} {2}", stated, symbol[at], members()[checks])
        elif not r.values:
            out[at] = strings(t["expression"].iloc[lo + checks])
        else:
            filled = _filled(r, by_role, checks)
            out[at] = formatted("{0} {1} {2}", _stated(by_role, checks), symbol[at], filled)
    return out


def reason_texts(t: pd.DataFrame, rules: Mapping[str, RuleText], rows: np.ndarray) -> np.ndarray:
    """`explain.reason_text` for some rows (absolute): constant per (rule, reason, missing),
    an operand's own `missing` template rendered over the rows' fields."""
    out = np.full(len(rows), "", dtype=object)
    codes, reasons = coded(t["reason"].iloc[rows])
    given = np.flatnonzero(np.array([r != Reason.NONE for r in reasons])[codes])
    if len(given) < len(rows):  # a checkable row has no reason
        if len(given):
            out[given] = reason_texts(t, rules, rows[given])
        return out
    sub = Rows(t, rows)
    rule, code, missing = (strings(sub[c]) for c in ("rule", "reason", "missing"))
    keys = pd.MultiIndex.from_arrays([rule, code, missing])
    groups, uniques = pd.factorize(keys)
    for g, (name, reason, gaps) in enumerate(uniques.tolist()):
        at = np.flatnonzero(groups == g)
        names = tuple(x for x in str(gaps).split(", ") if x)
        if reason == Reason.UNDEFINED:
            out[at] = UNDEFINED
            continue
        if reason != Reason.MISSING or not names:
            continue
        operands = {o.name: o for o in rules[name].operands}
        first = operands.get(names[0])
        if first is not None and first.missing:
            fields = {f: strings(sub[f].iloc[at]) for f in _FIELDS}
            out[at] = IdFormat.parse(first.missing).render(fields, len(at))
            continue
        labels = [operands[m].label if m in operands else m for m in names]
        out[at] = "not stated: " + ", ".join(labels)
    return out


def literals(links: ChunkLinks, texts: np.ndarray, text_codes: np.ndarray) -> np.ndarray:
    """The stated figures of each check as the message prints them (distinct, `|`-joined)."""
    stated = links.has_role(*STATED_ROLES)
    has_stated = np.zeros(links.n, dtype=bool)
    has_stated[links.check[stated]] = True
    keep = stated | ~has_stated[links.check]
    checks, kept, codes = links.check[keep], texts[keep], text_codes[keep]
    first = ~pd.Index(checks * (int(codes.max(initial=0)) + 1) + codes).duplicated()
    return group_join(kept[first], checks[first], links.n, "|")


def chunk_texts(
    t: pd.DataFrame,
    rules: Mapping[str, RuleText],
    facts: FactColumns,
    links: ChunkLinks,
    plain: np.ndarray | None = None,
) -> ChunkTexts:
    """The words of every plain row of a chunk (the others are left empty); `plain`: the
    chunk's `plain_rows`, when known."""
    lo, hi, n = links.lo, links.hi, links.n
    plain = plain_rows(t, rules, lo, hi) if plain is None else plain
    rows = np.flatnonzero(plain)
    texts, text_codes = facts.stated(links.fact)
    substituted = np.full(n, "", dtype=object)
    reason = np.full(n, "", dtype=object)
    message: pa.Array | np.ndarray = np.full(n, "", dtype=object)
    if not len(rows):
        return ChunkTexts(plain, substituted, reason, message)
    substituted[rows] = substituted_texts(t, rules, links, texts, text_codes, rows)
    reason[rows] = reason_texts(t, rules, lo + rows)
    sub = Rows(t, lo + rows)
    names = {r: f"{v.zh} ({v.en})" for r, v in rules.items()}
    where = fill(
        "{name}, {entity} {scope} {period}{member}",
        {
            "name": arrow_column(sub["rule"], lambda r: names.get(r, "")),
            **{c: arrow_column(sub[c]) for c in ("entity", "scope", "period")},
            "member": arrow_column(sub["member"], lambda m: f" {m}" if m else ""),
        },
        len(rows),
    )
    verdict, verdicts = coded(sub["verdict"])
    is_unchecked = np.array([v == Verdict.NOT_CHECKABLE.value for v in verdicts])[verdict]
    unchecked, ok = np.flatnonzero(is_unchecked), np.flatnonzero(~is_unchecked)
    why = reason[rows[unchecked]]
    said = where.take(pa.array(unchecked)).to_numpy(zero_copy_only=False) + (
        ": not checkable — " + np.where(why != "", why, "an operand is undefined")
    )
    pieces = [text_array(said)]
    if len(ok):
        decimals = sub["decimals"].to_numpy(np.int64)[ok]
        col = {c: sub[c].to_numpy(np.float64)[ok] for c in ("stated_lo", "stated_hi")}
        col |= {c: sub[c].to_numpy(np.float64)[ok] for c in ("derived_lo", "derived_hi")}
        at = pa.array(ok)
        fields: dict[str, pa.Array | str] = {
            "where": where.take(at),
            "stated": text_array(literals(links, texts, text_codes)[rows[ok]]),
            "stated_interval": intervals(col["stated_lo"], col["stated_hi"], decimals + 1),
            "symbol": arrow_column(sub["relation"], _symbol).take(at),
            "derived_interval": intervals(col["derived_lo"], col["derived_hi"], decimals + 2),
            "unit": arrow_column(sub["unit"]).take(at),
        }
        template = (
            "{where}: stated {stated} {stated_interval} {symbol} derived {derived_interval} "
            "{unit}: consistent"
        )
        pieces.append(fill(template, fields, len(ok)))
    # Each chunk row's message: a plain row's from its piece, any other the empty text.
    order = np.full(n, len(unchecked) + len(ok), dtype=np.int64)
    order[rows[unchecked]] = np.arange(len(unchecked))
    order[rows[ok]] = len(unchecked) + np.arange(len(ok))
    pool = pa.chunked_array([*pieces, pa.array([""], pa.string())], pa.string())
    message = pool.take(pa.array(order)).combine_chunks()
    return ChunkTexts(plain, substituted, reason, message)
