"""Which stated figure of a discrepancy is most likely wrong, from the evidence of every other
relation it takes part in.

A figure that agrees with several other relations is corroborated; one that takes part in no
other consistent relation, or in other discrepancies, is the suspect. Ties go to the figure the
relation states (the growth, the ratio, the total) rather than to its operands.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from validator.findings.model import Findings
from validator.model.verdict import Kind, Verdict
from validator.review.keyed import codes_of, dense, first_rows, pack

PREFERRED_ROLES = ("stated", "total")


def rank_suspects(table: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """For each discrepant check: one row per figure (value key) with the evidence counts of
    every other relation, the suspect marked. Columns: check, key, role, agree, disagree,
    suspect."""
    verdict = table["verdict"].to_numpy(dtype=object)
    # A figure printed twice agreeing with itself says nothing about its relations to others.
    evidential = table["kind"].to_numpy(dtype=object) != Kind.DUPLICATE.value
    check_of_link = links["check"].to_numpy()
    keys = links["key"].to_numpy()
    distinct = _distinct_roles(check_of_link, keys, links["role"])
    discrepant = verdict == Verdict.DISCREPANT.value
    # Per check: 1 agrees, 2 disagrees, 0 says nothing; read per link as small integers.
    said = np.where(evidential, (verdict == Verdict.CONSISTENT.value) + 2 * discrepant, 0)
    link_said = said.astype(np.int8)[check_of_link[distinct]]
    n_keys = int(keys.max()) + 1 if len(keys) else 0
    counted = keys[distinct]
    agree = np.bincount(counted[link_said == 1], minlength=n_keys)
    disagree = np.bincount(counted[link_said == 2], minlength=n_keys)
    mine = links[discrepant[check_of_link]]
    if mine.empty:
        return pd.DataFrame(columns=["check", "key", "role", "agree", "disagree", "suspect"])
    mine = mine.drop_duplicates(["check", "key"]).reset_index(drop=True)
    k = mine["key"].to_numpy()
    this_counts = evidential[mine["check"].to_numpy()].astype(np.int64)
    mine = mine.assign(agree=agree[k], disagree=disagree[k] - this_counts)
    preferred = mine["role"].astype(object).isin(PREFERRED_ROLES).to_numpy()
    # Lower is more suspect: corroboration minus other disagreements, stated figure first.
    score = mine["agree"].to_numpy() - mine["disagree"].to_numpy() - 0.5 * preferred
    order = np.lexsort((mine["key"].to_numpy(), score, mine["check"].to_numpy()))
    ranked = mine.iloc[order]
    first = ~ranked["check"].duplicated()
    return ranked.assign(suspect=first.to_numpy()).reset_index(drop=True)


def _distinct_roles(check: np.ndarray, key: np.ndarray, role: pd.Series) -> np.ndarray:
    """The first link of each (check, figure, role): a figure printed twice in one relation
    counts once per role. Roles are compared only where a figure repeats within a check."""
    gid, first = dense(pack(check, key))
    repeated = np.bincount(gid)[gid] > 1
    if repeated.any():
        at = np.flatnonzero(repeated)
        first[at] = first_rows(gid[at], codes_of(role.take(at)))
    return first


def with_suspects(f: Findings) -> Findings:
    """Name the suspect figure of every discrepancy and the evidence for it."""
    evidence = rank_suspects(f.table, f.links[["check", "fact", "key", "role"]])
    if evidence.empty:
        return f
    facts = f.fact_table
    links = f.links
    # Only the links of the discrepancies named: the first fact of each of their figures.
    mine = links[np.isin(links["check"].to_numpy(), evidence["check"].to_numpy())]
    first_fact = mine.drop_duplicates(["check", "key"]).set_index(["check", "key"])["fact"]
    rows = np.unique(first_fact.to_numpy())  # the words of these facts only
    zh, value, unit = (
        dict(zip(rows.tolist(), facts[c].take(rows).to_numpy(dtype=object), strict=True))
        for c in ("concept_zh", "value", "unit")
    )
    suspect = f.table["suspect"].to_numpy().copy()
    reason = f.table["suspect_reason"].to_numpy(dtype=object).copy()
    first_of = dict(zip(first_fact.index.tolist(), first_fact.tolist(), strict=True))
    rows_of = evidence.groupby("check", sort=False).indices
    cols = {c: evidence[c].tolist() for c in ("key", "role", "agree", "disagree", "suspect")}
    for check, at in rows_of.items():
        parts, chosen = [], -1
        for i in at.tolist():
            key, role, agree, disagree = (cols[c][i] for c in ("key", "role", "agree", "disagree"))
            fact = int(first_of.get((check, key), -1))
            if fact < 0:
                continue
            text = (
                f"{zh[fact]} {value[fact]}{unit[fact]} ({role}): agrees with "
                f"{agree} other relation{'s' if agree != 1 else ''}, disagrees with "
                f"{disagree}"
            )
            if cols["suspect"][i]:
                chosen = fact
                parts.insert(0, text)
            else:
                parts.append(text)
        if chosen >= 0:
            suspect[check] = chosen
            reason[check] = "least corroborated figure — " + "; ".join(parts)
    table = f.table.assign(suspect=suspect, suspect_reason=reason)
    return replace(f, table=table)
