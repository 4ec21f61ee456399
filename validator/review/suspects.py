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

PREFERRED_ROLES = ("stated", "total")


def rank_suspects(table: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """For each discrepant check: one row per figure (value key) with the evidence counts of
    every other relation, the suspect marked. Columns: check, key, role, agree, disagree,
    suspect."""
    links = links.drop_duplicates(["check", "key", "role"])
    verdict = table["verdict"].astype(object).to_numpy()
    # A figure printed twice agreeing with itself says nothing about its relations to others.
    evidential = (table["kind"].astype(object) != Kind.DUPLICATE.value).to_numpy()
    check_of_link = links["check"].to_numpy()
    link_verdict = np.where(evidential, verdict, "")[check_of_link]
    keys = links["key"].to_numpy()
    n_keys = int(keys.max()) + 1 if len(keys) else 0
    agree = np.bincount(keys[link_verdict == Verdict.CONSISTENT.value], minlength=n_keys)
    disagree = np.bincount(keys[link_verdict == Verdict.DISCREPANT.value], minlength=n_keys)
    mine = links[verdict[check_of_link] == Verdict.DISCREPANT.value]
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


def with_suspects(f: Findings) -> Findings:
    """Name the suspect figure of every discrepancy and the evidence for it."""
    evidence = rank_suspects(f.table, f.links[["check", "fact", "key", "role"]])
    if evidence.empty:
        return f
    facts = f.fact_table
    links = f.links
    first_fact = links.drop_duplicates(["check", "key"]).set_index(["check", "key"])["fact"]
    zh, value, unit = facts["concept_zh"].array, facts["value"].array, facts["unit"].array
    suspect = f.table["suspect"].to_numpy().copy()
    reason = f.table["suspect_reason"].to_numpy(dtype=object).copy()
    for check, group in evidence.groupby("check", sort=False):
        parts, chosen = [], -1
        for row in group.itertuples(index=False):
            fact = int(first_fact.get((check, row.key), -1))
            if fact < 0:
                continue
            text = (
                f"{zh[fact]} {value[fact]}{unit[fact]} ({row.role}): agrees with "
                f"{row.agree} other relation{'s' if row.agree != 1 else ''}, disagrees with "
                f"{row.disagree}"
            )
            if row.suspect:
                chosen = fact
                parts.insert(0, text)
            else:
                parts.append(text)
        if chosen >= 0:
            suspect[check] = chosen
            reason[check] = "least corroborated figure — " + "; ".join(parts)
    table = f.table.assign(suspect=suspect, suspect_reason=reason)
    return replace(f, table=table)
