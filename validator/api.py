"""The Python API: validate facts you already hold, or folders of documents, and read the
findings as a DataFrame. Bad input raises the same located errors the CLI prints (InputError,
with `.problems`: file, line, column and message).

>>> import pandas as pd
>>> from validator.api import validate_facts
>>> facts = pd.DataFrame({
...     "concept": ["current_assets", "noncurrent_assets", "total_assets"],
...     "value": ["14.78", "5.08", "19.90"],
... }).assign(entity="山石网科", scope="合并", period="2024-12-31", unit="亿元", location="表1")
>>> findings = validate_facts(facts)
>>> findings.to_frame()[["check_id", "verdict"]].to_dict("records")
[{'check_id': 'assets_current_plus_noncurrent:山石网科/合并/2024-12-31', 'verdict': 'discrepant'}]
>>> int(findings.exit_code)
1
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from validator.errors import InputError, Problem
from validator.findings.model import Findings
from validator.io.dictionary import load_dictionary, load_entities
from validator.io.facts_schema import COLUMNS, OPTIONAL_COLUMNS, STR
from validator.io.facts_table import validated
from validator.io.normalise import stated_rows
from validator.model.document import Document
from validator.pipeline import check, evaluate
from validator.rules.rulebook import load_rulebooks
from validator.standard import standard_schemas

__all__ = ["InputError", "Problem", "validate_facts", "validate_paths"]
DEFAULTS = {"member": "", "measure": "level", "base": "", "whole": "", "qualifier": ""}
DEFAULTS |= {"src_line": "", "note": "", "decimals": "", "composition": ""}


def validate_paths(paths: Iterable[str | Path], schemas: str | Path | None = None) -> Findings:
    """What `validate PATH ...` checks: every document folder below the paths."""
    return check([Path(p) for p in paths], Path(schemas) if schemas else None)


def validate_facts(
    facts: pd.DataFrame,
    schemas: str | Path | None = None,
    entities: str | Path | None = None,
    document: str = "facts",
) -> Findings:
    """Check a DataFrame of facts in the documented columns (docs/data-format.md); literals
    must be strings as printed. Columns other than entity, scope, period, concept, value, unit
    and location may be left out (they default to empty, `level` for measure). `entities` is
    an entities.yaml; without it, every entity the frame names is accepted as a company."""
    folder = Path(schemas) if schemas else standard_schemas()
    d = load_dictionary(folder, Path.cwd())
    frame = _complete(facts, document)
    if entities:
        known = load_entities(Path(entities), str(entities))
    else:
        from validator.io.dictionary import Entity

        names = sorted(set(frame["entity"].astype(str)))
        known = {e: Entity(e, e, "", "company") for e in names}
    from dataclasses import replace

    d = replace(d, entities=known)
    frame, _ = stated_rows(frame)
    typed = validated(frame, d)
    rule_files = [(p, p.name, None) for p in sorted((folder / "rulebooks").glob("*.yaml"))]
    plan = load_rulebooks(rule_files, d)
    entity = str(frame["entity"].iat[0]) if len(frame) else ""
    doc = Document(document, entity, document, "", "", "", "", "")
    return evaluate(typed, d, plan, (doc,))


def _complete(facts: pd.DataFrame, document: str) -> pd.DataFrame:
    if not isinstance(facts, pd.DataFrame):
        raise InputError(Problem("facts must be a pandas DataFrame"))
    required = ["entity", "scope", "period", "concept", "value", "unit", "location"]
    missing = [c for c in required if c not in facts]
    unknown = [c for c in facts if c not in COLUMNS + OPTIONAL_COLUMNS + ["file", "line"]]
    if missing or unknown:
        raise InputError(
            Problem(f"facts frame: missing columns {missing}, unknown columns {unknown}")
        )
    frame = facts.copy()
    for column, default in DEFAULTS.items():
        if column not in frame:
            frame[column] = default
    if not all(frame[c].map(lambda v: isinstance(v, str)).all() for c in COLUMNS):
        raise InputError(Problem("facts frame: every column holds strings (literals as printed)"))
    frame = frame[COLUMNS + OPTIONAL_COLUMNS].astype(STR)
    frame["file"] = pd.array(["<frame>"] * len(frame), dtype=STR)
    frame["line"] = range(1, len(frame) + 1)
    frame["document"] = pd.array([document] * len(frame), dtype=STR)
    return frame
