"""Not checkable, explained: the checks that could not be decided, grouped by why, each with the
operands that are missing named.

The group is read from the findings table, not from the reason's words: the reason code
(`undefined`, `missing`) and the first missing operand (`base`, `whole` and `current` are the
operands of the relation templates, any other name an operand of a formula). Groups are counted
over the whole table; the checks explained one by one are the first NC_SHOWN of each group by id,
so that the page grows with what a reviewer can read, not with the corpus.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.findings.model import CheckResult, Findings
from validator.model.verdict import Reason, Verdict
from validator.publish.anchors import Where
from validator.publish.html import esc, figure, literal, printed_at

NC_SHOWN = 1000  # checks of a group explained one by one
GROUPS = {
    "formula": "An operand of the formula is not stated",
    "base": "The level of the base period a change compares with is not stated",
    "whole": "The whole a share is a share of is not stated",
    "current": "The level a measure compares with is not stated for its own period",
    "undefined": "A denominator's interval contains zero, or a base is not positive",
    "other": "Other reasons",
}
TEMPLATE_OPERANDS = ("base", "whole", "current")


def group_of(reason: str, missing: str) -> str:
    """The group of a not-checkable check from its `reason` and `missing` columns."""
    if reason == Reason.UNDEFINED:
        return "undefined"
    first = missing.split(", ")[0].strip() if missing else ""
    if reason != Reason.MISSING or not first:
        return "other"
    return first if first in TEMPLATE_OPERANDS else "formula"


def grouped_rows(findings: Findings) -> dict[str, np.ndarray]:
    """Rows of the not-checkable checks per group (in the table's order: by id)."""
    rows = findings.rows([Verdict.NOT_CHECKABLE])
    t = findings.table.iloc[rows]
    reasons = t["reason"].astype(object).fillna("").astype(str).to_numpy()
    missing = t["missing"].astype(object).fillna("").astype(str).to_numpy()
    pairs = pd.Series(list(zip(reasons, missing, strict=True)), dtype=object)
    names = {p: group_of(*p) for p in pairs.drop_duplicates()}  # few distinct pairs
    groups = pairs.map(names).to_numpy()
    return {g: rows[groups == g] for g in GROUPS if (groups == g).any()}


def _row(c: CheckResult, group: str, at: Where) -> str:
    figures = "".join(
        f"<div><span class='vf-muted'>{esc(f.role)}</span> {esc(figure(f))}: "
        f"<b>{esc(literal(f))}</b> — {printed_at(f, at)}</div>"
        for f in c.facts
    )
    names = ", ".join(f"<code>{esc(m)}</code>" for m in c.missing) or "—"
    # a template operand's reason names the figure (concept, member, period); a formula's only
    # repeats the operands
    named = c.reason and group in TEMPLATE_OPERANDS
    reason = f"<div class='vf-muted'>{esc(c.reason)}</div>" if named else ""
    docs = ", ".join(esc(d) for d in c.documents)
    return (
        f"<tr data-document='{esc(' '.join(c.documents))}'><td class='vf-id'>{esc(c.id)}"
        f"<div class='vf-name'>{esc(c.name_zh)} · {esc(c.name_en)}</div></td>"
        f"<td>{docs}</td><td>{names}{reason}</td><td>{esc(c.substituted)}</td>"
        f"<td>{figures}</td></tr>"
    )


def _section(findings: Findings, group: str, rows: np.ndarray, at: Where) -> str:
    titles = ("check", "document", "missing", "relation", "figures stated")
    head = "<tr>" + "".join(f"<th>{t}</th>" for t in titles) + "</tr>"
    shown = rows[:NC_SHOWN]
    body = "".join(_row(c, group, at) for c in findings.select(shown))
    more = (
        f"<div class='vf-muted'>The first {len(shown):,} of {len(rows):,} by check id; "
        "<code>validate --format json</code> lists every one.</div>"
        if len(shown) < len(rows)
        else ""
    )
    return (
        f"<section class='vf-nc-group' id='nc-{group}'><h5>{esc(GROUPS[group])} · "
        f"{len(rows):,}</h5>{more}<table class='vf-nc'><thead>{head}</thead>"
        f"<tbody>{body}</tbody></table></section>"
    )


def not_checkable_html(findings: Findings, at: Where) -> str:
    groups = grouped_rows(findings)
    toc = "".join(
        f"<li><a href='#nc-{g}'>{esc(GROUPS[g])}</a> ({len(rows):,})</li>"
        for g, rows in groups.items()
    )
    sections = "".join(_section(findings, g, rows, at) for g, rows in groups.items())
    return f"<ul class='vf-toc'>{toc}</ul>{sections}"
