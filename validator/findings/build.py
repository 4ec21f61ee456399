"""Building Check objects from the columns of a Findings, for the rows a renderer reads."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from validator.findings.explain import message, reason_text, stated_text, substituted
from validator.findings.types import Check, FactRef, RuleText
from validator.model.verdict import Kind, Reason, Relation, Verdict

_FACT_FIELDS = [
    "entity", "scope", "period", "concept", "concept_zh", "member", "measure", "base", "whole",
    "qualifier", "value", "unit", "document", "location", "file", "line", "src_line",
]  # fmt: skip


def _fact_refs(
    links: pd.DataFrame, facts: pd.DataFrame, rows: np.ndarray
) -> dict[int, list[FactRef]]:
    check_col = links["check"].to_numpy()
    start = np.searchsorted(check_col, rows)
    stop = np.searchsorted(check_col, rows, side="right")
    spans = [np.arange(a, b) for a, b in zip(start.tolist(), stop.tolist(), strict=True)]
    at = np.concatenate(spans) if spans else np.array([], dtype=np.int64)
    fact_rows = links["fact"].to_numpy()[at]
    roles = links["role"].iloc[at].to_numpy(dtype=object)  # not the whole column
    needed = facts.iloc[fact_rows]  # only the facts of these checks
    cols = {c: needed[c].to_numpy(dtype=object) for c in _FACT_FIELDS}
    out: dict[int, list[FactRef]] = {}
    pos = 0
    for row, span in zip(rows.tolist(), spans, strict=True):
        refs = []
        for _ in range(len(span)):
            refs.append(
                FactRef(
                    **{c: cols[c][pos] for c in _FACT_FIELDS if c not in ("line", "src_line")},
                    line=int(cols["line"][pos]),
                    src_line=str(cols["src_line"][pos]),
                    role=str(roles[pos]),
                    fact=int(fact_rows[pos]),
                )
            )
            pos += 1
        out[row] = refs
    return out


def _figure_refs(facts: pd.DataFrame, rows: tuple[int, ...]) -> tuple[FactRef, ...]:
    """FactRefs of fact rows that need not be among the check's own facts (role `suspect`)."""
    out = []
    for row in rows:
        r = facts.iloc[int(row)]
        out.append(
            FactRef(
                **{c: r[c] for c in _FACT_FIELDS if c not in ("line", "src_line")},
                line=int(r["line"]),
                src_line=str(r["src_line"]),
                role="suspect",
                fact=int(row),
            )
        )
    return tuple(out)


def build_checks(
    t: pd.DataFrame,
    facts: pd.DataFrame,
    links: pd.DataFrame,
    rules: Mapping[str, RuleText],
    rows: np.ndarray,
) -> list[Check]:
    """Check objects for some rows of a findings table (its facts, links and rule texts)."""
    rows = np.asarray(rows, dtype=np.int64)
    facts_table = facts
    refs = _fact_refs(links, facts, rows)
    out = []
    sub = t.iloc[rows].to_dict("records")
    for row, r in zip(rows.tolist(), sub, strict=True):
        facts = tuple(refs.get(row, []))
        rule: RuleText = rules[r["rule"]]
        verdict = Verdict(r["verdict"])
        relation = Relation(r["relation"])
        missing = tuple(x for x in str(r["missing"]).split(", ") if x)
        where = f"{r['entity']} {r['scope']} {r['period']}" + (
            f" {r['member']}" if r["member"] else ""
        )
        fields = {
            "concept": r["concept"],
            "member": r["member"],
            "period": r["period"],
            "base": r["base"],
            "whole": r["whole"],
            "whole_concept": r["whole_concept"],
            "entity": r["entity"],
            "scope": r["scope"],
            "axis": r["axis"],
            "target": r["target"],
            "rule": r["rule"],
        }
        reason = reason_text(rule, str(r["reason"]), missing, fields)
        values = substituted(rule, relation, facts, r["expression"])
        stated_facts = [x for x in facts if x.role in ("stated", "total", "part")] or list(facts)
        literal = "|".join(dict.fromkeys(stated_text(x) for x in stated_facts))
        if rule.family == "composition" and not any(x.role == "total" for x in facts):
            # a share list's whole is 100%; an item's slots are summed as listed
            slots = [stated_text(x) for x in facts if x.role == "slot"]
            literal = " + ".join(slots) if rule.grouping == "item" else "100%"
        stated = (float(r["stated_lo"]), float(r["stated_hi"]))
        derived = (float(r["derived_lo"]), float(r["derived_hi"]))
        miss = float(r["miss"])
        decimals = int(r["decimals"])
        name = f"{rule.zh} ({rule.en})"
        suspect = None
        if int(r["suspect"]) >= 0:
            suspect = next((x for x in facts if x.fact == int(r["suspect"])), None)
        operands = {o.name: o.label for o in rule.operands}
        alternatives = r.get("suspects")
        alternatives = alternatives if isinstance(alternatives, tuple) else ()
        proposals = r.get("proposals")
        proposals = proposals if isinstance(proposals, tuple) else ()
        ranges = r.get("ranges")
        ranges = ranges if isinstance(ranges, tuple) else ()
        out.append(
            Check(
                id=r["check_id"],
                rule=r["rule"],
                name_zh=rule.zh,
                name_en=rule.en,
                kind=Kind(r["kind"]),
                relation=relation,
                verdict=verdict,
                entity=r["entity"],
                scope=r["scope"],
                period=r["period"],
                concept=r["concept"],
                member=r["member"],
                unit=r["unit"],
                stated=stated,
                derived=derived,
                miss=miss,
                expression=r["expression"],
                substituted=values,
                message=message(
                    name,
                    where,
                    verdict,
                    relation,
                    literal,
                    r["unit"],
                    stated,
                    derived,
                    miss,
                    decimals,
                    values,
                    reason,
                ),
                reason=reason,
                facts=facts,
                documents=tuple(sorted({x.document for x in facts})),
                decimals=decimals,
                waived=bool(r["waived"]),
                waiver_reason=r["waiver_reason"],
                waiver_reviewer=r["waiver_reviewer"],
                waiver_date=r["waiver_date"],
                suspect=suspect,
                suspect_reason=r["suspect_reason"],
                reason_code=Reason(r["reason"]),
                missing=tuple(operands.get(m, m) for m in missing),
                base=r["base"],
                whole=r["whole"],
                row=row,
                printings=str(r.get("printings", "") or ""),
                suspects=tuple(_figure_refs(facts_table, alt) for alt in alternatives),
                proposals=proposals,
                locate_note=str(r.get("locate_note", "") or ""),
                ranges=ranges,
            )
        )
    return out
