"""The fact links of the finished table: every fact of every value a check reads, in the order
the check lists its facts, and the documents each check reads.

There are about four links per check (2.9M at 1M facts), so each array here is the largest of
the assembling step: the sort key is packed into one integer (one temporary, not five), the
key of a link is taken from its fact after sorting, and the unsorted arrays are freed before
the sorted ones are built.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from validator.engine.compositions import slot_facts_only
from validator.engine.ids import strings


def rank(column: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes of a column, the rank of each code in string order, and the distinct strings."""
    cat = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
    cats = np.asarray(cat.cat.categories.astype(object))
    rank = np.empty(len(cats), dtype=np.int64)
    rank[np.argsort(cats, kind="stable")] = np.arange(len(cats))
    return cat.cat.codes.to_numpy().astype(np.int64), rank, cats


def fact_links(links: pd.DataFrame, facts: pd.DataFrame) -> dict[str, np.ndarray]:
    """(check, fact, role code) for every fact of every linked value (`links`: check, key_id,
    role as a categorical). A link's key is its fact's key_id."""
    key_of_fact = facts["key_id"].to_numpy()
    order = np.argsort(key_of_fact, kind="stable")
    sorted_keys = key_of_fact[order]
    keys = links["key_id"].to_numpy()
    start = np.searchsorted(sorted_keys, keys)
    count = np.searchsorted(sorted_keys, keys, side="right") - start
    idx = np.repeat(start - np.cumsum(np.r_[0, count[:-1]]), count) + np.arange(count.sum())
    return {
        "check": np.repeat(links["check"].to_numpy(), count),
        "fact": order[idx],
        "role": np.repeat(links["role"].cat.codes.to_numpy(), count),
    }


def sorted_links(
    lean_links: pd.DataFrame,
    facts: pd.DataFrame,
    new_row: np.ndarray,
    is_composition: np.ndarray,
    axis: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Role names and the (check, fact, role code) links sorted by check (its row `new_row`),
    then by the fact's file (in string order) and line, then by role (in string order), then
    as linked."""
    lean_links = lean_links.astype({"check": "int64", "key_id": "int64"})
    if not isinstance(lean_links["role"].dtype, pd.CategoricalDtype):
        lean_links["role"] = lean_links["role"].astype("category")
    role_names = np.asarray(lean_links["role"].cat.categories.astype(object))
    raw = slot_facts_only(fact_links(lean_links, facts), facts, is_composition, axis)
    del lean_links
    check = new_row[raw["check"]] if len(raw["check"]) else raw["check"]
    fact, role = raw["fact"], raw["role"]
    del raw
    sort = _link_order(check, fact, role, role_names, facts)
    # One array sorted at a time, each unsorted one freed as its sorted copy is made.
    check = check[sort]
    fact = fact[sort]
    role = role[sort]
    return role_names, check, fact, role


def _link_order(
    check: np.ndarray, fact: np.ndarray, role: np.ndarray, role_names: np.ndarray,
    facts: pd.DataFrame,
) -> np.ndarray:  # fmt: skip
    """The stable order by (check, file rank, line, role rank): one packed key sorted stably
    where its widths fit in 63 bits, else the lexsort of the separate keys."""
    role_rank = np.empty(len(role_names), dtype=np.int64)
    role_rank[np.argsort(role_names, kind="stable")] = np.arange(len(role_names))
    file_code, file_rank, _ = rank(facts["file"])
    file_of_fact = file_rank[file_code]
    line_of_fact = facts["line"].to_numpy().astype(np.int64)
    if not len(check):
        return np.zeros(0, dtype=np.int64)
    low = int(line_of_fact.min())
    widths = (len(file_rank) or 1, int(line_of_fact.max()) - low + 1, len(role_names) or 1)
    if (int(check.max()) + 1) * widths[0] * widths[1] * widths[2] >= 2**63:
        return np.lexsort(
            (
                np.arange(len(fact)),
                role_rank[role],
                line_of_fact[fact],
                file_of_fact[fact],
                check,
            )
        )
    packed = check.astype(np.int64)  # a copy: (((check·F + file)·L + line)·R + role)
    packed *= widths[0]
    packed += file_of_fact[fact]
    packed *= widths[1]
    packed += line_of_fact[fact] - low
    packed *= widths[2]
    packed += role_rank[role]
    return np.argsort(packed, kind="stable")


def check_documents(check: np.ndarray, fact: np.ndarray, document: pd.Series) -> pd.DataFrame:
    """(check, document) for each document a check reads a fact of, sorted."""
    doc_code, doc_rank, names = rank(document)
    by_rank = names[np.argsort(doc_rank)] if len(names) else names
    width = max(len(names), 1)
    packed = check * width  # a new array, sorted in place
    packed += doc_rank[doc_code][fact]
    packed.sort()
    packed = packed[np.r_[True, packed[1:] != packed[:-1]]] if len(packed) else packed
    rows, docs = np.divmod(packed, width)
    return pd.DataFrame({"check": rows.astype(np.int64), "document": strings(by_rank, docs)})
