"""Applying waivers: acknowledge exactly the discrepancies they pin, and list every waiver that
no longer matches one as stale."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from validator.findings.explain import figures_of
from validator.findings.model import Findings, StaleWaiver
from validator.io.waivers import Waiver
from validator.model.document import Document
from validator.model.verdict import Verdict


def apply_waivers(
    f: Findings,
    waivers: list[Waiver],
    documents: tuple[Document, ...] = (),
    partial: bool = False,
) -> Findings:
    """Acknowledge the discrepancies waivers pin. A waiver beside a document acknowledges only
    discrepancies that involve that document's figures; a corpus-level waiver (at a data root)
    any. `partial`: only some documents were checked (--changed-since), so a corpus-level
    waiver whose check is absent may concern a document not checked: it is not judged stale."""
    home = {str(Path(d.folder)): d.id for d in documents}
    docs_of = _documents_of(f, [w.check for w in waivers])
    table = f.table
    ids = table["check_id"].array
    verdict = table["verdict"].astype(object).to_numpy()
    position = {cid: i for i, cid in enumerate(ids[verdict == Verdict.DISCREPANT.value])}
    rows_of = np.flatnonzero(verdict == Verdict.DISCREPANT.value)
    waived = table["waived"].to_numpy().copy()
    texts = {
        c: table[c].to_numpy(dtype=object).copy()
        for c in ("waiver_reason", "waiver_reviewer", "waiver_date")
    }
    stale: list[StaleWaiver] = []
    for waiver in waivers:
        at = position.get(waiver.check)
        owner = home.get(str(Path(waiver.file).parent))
        if at is not None and owner is not None and owner not in docs_of.get(int(rows_of[at]), ()):
            at = None  # another document's discrepancy: this waiver cannot acknowledge it
        if at is None and partial and owner is None:
            continue
        if at is None:
            stale.append(
                StaleWaiver(
                    waiver.check,
                    waiver.reason,
                    waiver.file,
                    waiver.line,
                    "no discrepancy has this id any more (the relation is consistent now, or the "
                    "check no longer exists): remove the waiver",
                )
            )
            continue
        row = int(rows_of[at])
        check = f.check(row)
        now = figures_of(check)
        if tuple(sorted(waiver.figures)) != now:
            stale.append(
                StaleWaiver(
                    check.id,
                    waiver.reason,
                    waiver.file,
                    waiver.line,
                    "the figures changed: the waiver pins "
                    + "; ".join(sorted(waiver.figures))
                    + " but the discrepancy now involves "
                    + "; ".join(now),
                )
            )
            continue
        waived[row] = True
        texts["waiver_reason"][row] = waiver.reason
        texts["waiver_reviewer"][row] = waiver.reviewer
        texts["waiver_date"][row] = waiver.date
    table = table.assign(waived=waived, **texts)

    stale = sorted(stale, key=lambda s: (s.file, s.line or 0, s.check_id))
    return replace(f, table=table, stale_waivers=tuple(stale))


def _documents_of(f: Findings, check_ids: list[str]) -> dict[int, set[str]]:
    """The documents of the checks some waivers name (only those: there are few)."""
    pairs = f.check_documents
    if not len(pairs) or not check_ids:
        return {}
    rows = np.flatnonzero(f.table["check_id"].isin(check_ids).to_numpy())
    pairs = pairs[np.isin(pairs["check"].to_numpy(), rows)]
    out: dict[int, set[str]] = {}
    for check, doc in zip(pairs["check"].tolist(), pairs["document"].tolist(), strict=True):
        out.setdefault(int(check), set()).add(str(doc))
    return out
