"""One evaluation: prepare facts, group duplicates, run every kind of check."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from validator.engine.change_pairs import RULE as CHANGE_RULE
from validator.engine.change_pairs import growth_from_change_checks
from validator.engine.checks import Checks
from validator.engine.formulas import formula_checks
from validator.engine.implied import RULE as IMPLIED_RULE
from validator.engine.implied import implied_whole_checks
from validator.engine.keys import KeySpace
from validator.engine.lookup import Binder
from validator.engine.materialize import RuleText, materialize
from validator.engine.measures import MEASURES, measure_checks
from validator.engine.prepare import prepare_facts
from validator.engine.sums import sum_checks
from validator.engine.values import add_codes, build_values, duplicate_checks
from validator.io.dictionary import Dictionary
from validator.rules.rulebook import Rule

FIXED_TEXTS = {
    "duplicates_agree": RuleText(
        "同一数字多处列示应一致",
        "A figure stated several times agrees with itself",
        "every statement of the same figure",
    ),
    "members_sum": RuleText("分项之和等于合计", "Members add up to the total", ""),
    CHANGE_RULE: RuleText(
        "增长率 = 增减额 / |本期 − 增减额|",
        "Growth = change / |current − change| (the base implied by a stated change)",
        "change / |current − change|",
    ),
    IMPLIED_RULE: RuleText(
        "同一整体的各项占比所隐含的整体应一致",
        "Shares of one unstated whole imply the same whole",
        "whole = part / share, for every listed part",
    ),
    "partial_list": RuleText(
        "所列分项之和不超过总额", "Listed members do not exceed the total", ""
    ),
}


@dataclass(frozen=True)
class Evaluation:
    """`checks`: one lean row per check; `links`: (check, key_id, role); `facts` carry their
    key_id. Readable ids come from `materialize`."""

    facts: pd.DataFrame
    values: pd.DataFrame
    checks: pd.DataFrame
    links: pd.DataFrame
    texts: dict[str, RuleText]

    def materialize(self, rows: np.ndarray | None = None) -> pd.DataFrame:
        """Checks (all, or the given row numbers) with ids and labels, keeping `check`."""
        rows = np.arange(len(self.checks)) if rows is None else np.asarray(rows)
        table = self.checks.iloc[rows].assign(check=rows)
        return materialize(table, self.values, self.texts)

    def fact_links(self, rows: np.ndarray) -> pd.DataFrame:
        """(check, fact_id, role) for the given checks."""
        links = self.links[self.links["check"].isin(rows)]
        keyed = self.facts[["key_id", "fact_id"]]
        return links.merge(keyed, on="key_id")[["check", "fact_id", "role"]]

    def documents_of_checks(self) -> pd.DataFrame:
        """(check, document code) pairs: a check belongs to every document one of its facts
        is in. Document codes index `facts["document"].cat.categories`."""
        key = self.facts["key_id"].to_numpy()
        doc = self.facts["document"].cat.codes.to_numpy().astype(np.int64)
        n_docs = int(doc.max()) + 1 if len(doc) else 1
        pairs = _distinct(key * n_docs + doc)  # distinct (key, document)
        pair_key, pair_doc = pairs // n_docs, pairs % n_docs
        start = np.searchsorted(pair_key, self.links["key_id"].to_numpy())
        stop = np.searchsorted(pair_key, self.links["key_id"].to_numpy(), side="right")
        count = stop - start
        check = np.repeat(self.links["check"].to_numpy(), count)
        offsets = np.repeat(start - np.cumsum(np.r_[0, count[:-1]]), count)
        documents = pair_doc[np.arange(count.sum()) + offsets]
        combined = _distinct(check * n_docs + documents)
        return pd.DataFrame({"check": combined // n_docs, "document": combined % n_docs})


def _distinct(x: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort is faster than numpy's hash-based unique here)."""
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]] if len(x) else x


def rule_texts(rules: list[Rule] | tuple[Rule, ...]) -> dict[str, RuleText]:
    texts = dict(FIXED_TEXTS)
    texts.update({m: RuleText(zh, en, words) for m, (zh, en, _, words) in MEASURES.items()})
    texts.update({r.id: RuleText(r.zh, r.en, " ".join(r.formula.text.split())) for r in rules})
    return texts


def evaluate(
    facts: pd.DataFrame,
    d: Dictionary,
    rules: list[Rule] | tuple[Rule, ...],
    timings: dict[str, float] | None = None,
) -> Evaluation:
    """All checks of all rules over `facts`; `timings`, if given, receives seconds per phase."""
    clock = time.perf_counter()
    prepared = prepare_facts(facts, d)
    values, key_id = build_values(prepared)
    prepared["key_id"] = key_id
    space = KeySpace.build(values)
    values = add_codes(values, space)
    binder = Binder.build(values, space)
    if timings is not None:
        timings["prepare"] = time.perf_counter() - clock
        clock = time.perf_counter()
    doc_codes = prepared["document"].cat.codes.to_numpy()
    scoped = {r.document for r in rules if r.document}
    document_keys = {
        doc: np.unique(key_id[doc_codes == i])
        for i, doc in enumerate(prepared["document"].cat.categories)
        if doc in scoped
    }
    result = Checks.concat(
        [
            duplicate_checks(values),
            measure_checks(values, binder),
            sum_checks(values, d.axes),
            implied_whole_checks(values, binder),
            growth_from_change_checks(values, binder),
            formula_checks(list(rules), values, d, binder, document_keys),
        ]
    )
    if timings is not None:
        timings["checks"] = time.perf_counter() - clock
    return Evaluation(prepared, values, result.table, result.links, rule_texts(rules))
