"""Applying waivers: acknowledge exactly the discrepancies they pin, and list every waiver that
no longer matches one as stale."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from validator.findings.explain import figures_of
from validator.findings.model import Findings, StaleWaiver
from validator.io.waivers import Waiver
from validator.model.verdict import Verdict


def apply_waivers(f: Findings, waivers: list[Waiver]) -> Findings:
    table = f.table
    ids = table["check_id"].to_numpy(dtype=object)
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
        if tuple(sorted(set(waiver.figures))) != now:
            stale.append(
                StaleWaiver(
                    check.id,
                    waiver.reason,
                    waiver.file,
                    waiver.line,
                    "the figures changed: the waiver pins "
                    + "; ".join(sorted(set(waiver.figures)))
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
