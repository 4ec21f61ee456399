"""Which stated figure of a discrepancy is most likely wrong, from the evidence of every other
relation it takes part in.

A figure that agrees with several other relations is corroborated; one that takes part in no
other consistent relation, or in other discrepancies, is the suspect. Ties go to the figure the
relation states (the growth, the ratio, the total) rather than to its operands.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PREFERRED_ROLES = ("stated", "total")


def rank_suspects(checks: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """For each discrepant check: `suspect` (a key_id) and, per key, the evidence counts.

    Returns columns check, key_id, role, agree, disagree, suspect (bool): one row per figure of
    each discrepant check, the suspect marked.
    """
    verdict = checks["verdict"].astype(object).to_numpy()
    # A figure printed twice agreeing with itself says nothing about its relations to others.
    evidential = (checks["family"].astype(object) != "duplicate").to_numpy()
    check_of_link = links["check"].to_numpy()
    link_verdict = np.where(evidential, verdict, "duplicate")[check_of_link]
    keys = links["key_id"].to_numpy()
    n_keys = int(keys.max()) + 1 if len(keys) else 0
    agree = np.bincount(keys[link_verdict == "consistent"], minlength=n_keys)
    disagree = np.bincount(keys[link_verdict == "discrepant"], minlength=n_keys)

    mine = links[verdict[check_of_link] == "discrepant"]
    if mine.empty:
        return pd.DataFrame(columns=["check", "key_id", "role", "agree", "disagree", "suspect"])
    mine = mine.drop_duplicates(["check", "key_id"]).reset_index(drop=True)
    k = mine["key_id"].to_numpy()
    # Evidence from the *other* relations: remove this discrepancy itself.
    this_counts = evidential[mine["check"].to_numpy()].astype(np.int64)
    mine = mine.assign(agree=agree[k], disagree=disagree[k] - this_counts)
    preferred = mine["role"].astype(object).isin(PREFERRED_ROLES).to_numpy()
    # Lower is more suspect: corroboration minus other disagreements, stated figure first.
    score = mine["agree"].to_numpy() - mine["disagree"].to_numpy() - 0.5 * preferred
    order = np.lexsort((mine["key_id"].to_numpy(), score, mine["check"].to_numpy()))
    ranked = mine.iloc[order]
    first = ~ranked["check"].duplicated()
    return ranked.assign(suspect=first.to_numpy()).reset_index(drop=True)
