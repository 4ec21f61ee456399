"""The source view as HTML: each table as printed, every flagged figure marked and linked.

A flagged figure (one a finding involves) is marked in its cell, with a link per finding to the
finding explained in full; each suspect printing is marked as such, as "one of N" when the
finding has N alternative suspect sets, with the correction proposed for it. Beside every
figure: its data file and line and the line of the source text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from validator.findings.model import CheckResult
from validator.model.qualifiers import with_qualifier
from validator.publish.anchors import FINDINGS_PAGE, check_anchor, fact_anchor
from validator.publish.html import esc
from validator.publish.source import Figure, SourceView, Table
from validator.report.localised import localised


@dataclass(frozen=True)
class Flag:
    check_id: str
    kind: str
    role: str
    acknowledged: bool
    suspect: bool
    alternatives: int = 0  # how many alternative suspect sets this one is one of
    proposals: tuple[str, ...] = ()  # the corrections proposed for this printing


def _suspects(c: CheckResult) -> dict[tuple[str, int], tuple[int, tuple[str, ...]]]:
    """Each suspect printing → (alternatives, proposals for it); the single suspect when the
    localisation did not run."""
    loc = localised(c)
    if not loc.alternatives:
        return {(c.suspect.file, c.suspect.line): (0, ())} if c.suspect else {}
    n = len(loc.alternatives)
    out = {}
    for a in loc.alternatives:
        for f in a.figures:
            for p in f.printings:
                mine = tuple(
                    f"→ {x.corrected}{x.corrected_unit if x.corrected_unit != x.unit else ''}"
                    f" ({x.slip})"
                    for x in a.proposals
                    if (x.file, x.line) == (p.file, p.line)
                )
                mine += tuple(
                    f"printed {r.lo}–{r.hi} {r.unit} would hold" if r.lo != r.hi
                    else f"only {r.lo} {r.unit} would hold"
                    for r in a.ranges
                    if (r.file, r.line) == (p.file, p.line)
                )  # fmt: skip
                out[(p.file, p.line)] = (n, mine)
    return out


def flags_of(findings: list[CheckResult]) -> dict[tuple[str, int], list[Flag]]:
    """The flags of every printing a finding involves: its facts, and its suspect printings
    that are not among them (a figure printed elsewhere too)."""
    out: dict[tuple[str, int], list[Flag]] = defaultdict(list)
    for c in findings:
        suspects = _suspects(c)
        seen = set()
        for f in c.facts:
            at = (f.file, f.line)
            seen.add(at)
            n, proposals = suspects.get(at, (0, ()))
            out[at].append(Flag(c.id, c.kind, f.role, c.waived, at in suspects, n, proposals))
        for at, (n, proposals) in suspects.items():
            if at not in seen:
                out[at].append(Flag(c.id, c.kind, "suspect", c.waived, True, n, proposals))
    return out


def _mark(f: Flag) -> str:
    """`one of 2 suspects · growth → 3.86 (transposed digits)`: what a flag says in the cell."""
    if f.suspect and f.alternatives > 1:
        who = f"one of {f.alternatives} suspects · "
    else:
        who = "suspect · " if f.suspect else ""
    ack = " (acknowledged)" if f.acknowledged else ""
    proposals = "".join(f"<span class='vf-proposal'>{esc(p)}</span>" for p in f.proposals)
    return (
        f"<a class='vf-flag' href='{FINDINGS_PAGE}#{check_anchor(f.check_id)}' "
        f"title='{esc(f.check_id)}'>{who}{esc(f.kind)}{ack}</a>{proposals}"
    )


def _figure(fig: Figure, flags: list[Flag]) -> str:
    classes = ["vf-fig"]
    if flags:
        classes.append("vf-flagged")
        if all(f.acknowledged for f in flags):
            classes.append("vf-flagged-ack")
    if any(f.suspect for f in flags):
        classes.append("vf-suspect-fig")
    value = with_qualifier(fig.qualifier, fig.value, fig.unit)
    vs = f" <span class='vf-muted'>vs {esc(fig.base)}</span>" if fig.base else ""
    src = f" · source line {esc(fig.src_line)}" if fig.src_line else ""
    at = f"{PurePosixPath(fig.file).name}:{fig.line}"
    marks = "".join(_mark(f) for f in flags)
    return (
        f"<div class='{' '.join(classes)}' id='{fact_anchor(fig.file, fig.line)}' "
        f"title='{esc(fig.location)}'><span class='vf-val'>{esc(value)}</span>{vs}"
        f"<span class='vf-at'>{esc(at)}{src}</span>{marks}</div>"
    )


def table_html(table: Table, flags: dict[tuple[str, int], list[Flag]]) -> str:
    head = "".join(f"<th>{esc(c)}</th>" for c in table.columns)
    body = []
    for label, key in table.rows:
        cells = []
        for column in table.columns:
            figs = table.cells.get((key, column), [])
            fig_flags = [flags.get((g.file, g.line), []) for g in figs]
            cls = " class='vf-flagged-cell'" if any(fig_flags) else ""
            inner = "".join(_figure(g, f) for g, f in zip(figs, fig_flags, strict=True))
            cells.append(f"<td{cls}>{inner}</td>")
        member = f" <span class='vf-muted'>{esc(key[3])}</span>" if key[3] else ""
        row_head = f"<th class='vf-row'>{esc(label)}{member}</th>"
        body.append(f"<tr>{row_head}{''.join(cells)}</tr>")
    return (
        f"<section class='vf-source-block'><h5>{esc(table.name)}</h5>"
        f"<div class='vf-scroll'><table class='vf-source'><thead><tr><th></th>{head}</tr>"
        f"</thead><tbody>{''.join(body)}</tbody></table></div></section>"
    )


def source_html(view: SourceView, findings: list[CheckResult]) -> str:
    flags = flags_of(findings)
    if view.complete:
        note = f"All {view.figures} recorded figures, in {len(view.tables)} tables and statements."
    else:
        note = (
            f"{view.drawn} of {view.figures} recorded figures: the rows that hold a flagged figure "
            "(a document with more figures than the source view draws whole)."
        )
    tables = "".join(table_html(t, flags) for t in view.tables)
    return f"<div class='vf-muted'>{esc(note)}</div>{tables}"
