"""`validate init`: the files of a new data repository that passes `validate` at once.

One small example document (a balance sheet whose figures agree), an overlay stub under
schemas/ (empty: the standard schemas apply), the pre-commit hook and the CI workflow. Nothing
that exists is overwritten: a file already there is an error naming it.
"""

from __future__ import annotations

from pathlib import Path

from validator.errors import InputError, Problem

ENTITIES = """\
# The entities your documents report on: `id` is the short name the facts files use.
entities:
  - {id: 示例公司, name: 示例股份有限公司, code: 600000.SH, kind: company}
"""
DOCUMENT = """\
id: example-2024-annual
entity: 示例公司
title: 示例公司2024年年度报告（示例）
publisher: 示例股份有限公司
date: 2025-04-30
notes:
  - An example document: replace it with your own (docs/data-format.md of the validator).
"""
FACTS = """\
entity,scope,period,concept,member,measure,base,whole,qualifier,value,unit,location,src_line,note
示例公司,合并,2024-12-31,current_assets,,level,,,,14.78,亿元,资产负债表 流动资产合计,,
示例公司,合并,2024-12-31,noncurrent_assets,,level,,,,5.08,亿元,资产负债表 非流动资产合计,,
示例公司,合并,2024-12-31,total_assets,,level,,,,19.85,亿元,资产负债表 资产总计,,
示例公司,合并,2024-12-31,total_liabilities,,level,,,,10.62,亿元,资产负债表 负债合计,,
示例公司,合并,2024-12-31,debt_to_asset_ratio,,level,,,,53.51,%,主要财务指标 资产负债率,,
"""
RULEBOOK = """\
# Your own relations (docs/rules.md of the validator). This file adds to the standard
# rulebooks; a file named like a standard one (statement-identities.yaml …) replaces it.
rulebook: own-relations
source: The reporting manual of this repository.
relations: []
"""
PRE_COMMIT = """\
repos:
  - repo: {repository}
    rev: {rev}
    hooks:
      - id: validate
"""
WORKFLOW = """\
# Validates the figures on every pull request that touches data/ or schemas/.
name: validate data

on:
  pull_request:
    paths:
      - "data/**"
      - "schemas/**"

permissions:
  contents: read

jobs:
  validate:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0
        with:
          fetch-depth: 0
          persist-credentials: false
      - uses: {action}@{rev}
        with:
          data: data
"""


def files(repository: str, rev: str) -> dict[str, str]:
    """Relative path → text of every file `validate init` writes."""
    action = repository.removeprefix("https://github.com/").removesuffix(".git")
    return {
        "data/entities.yaml": ENTITIES,
        "data/600000.SH/example-2024-annual/document.yaml": DOCUMENT,
        "data/600000.SH/example-2024-annual/facts.csv": FACTS,
        "schemas/rulebooks/own-relations.yaml": RULEBOOK,
        ".pre-commit-config.yaml": PRE_COMMIT.format(repository=repository, rev=rev),
        ".github/workflows/validate-data.yml": WORKFLOW.format(action=action, rev=rev),
    }


def scaffold(target: Path, repository: str, rev: str) -> list[Path]:
    """Write the files into `target` (created if missing); refuse to overwrite anything."""
    planned = {target / rel: text for rel, text in files(repository, rev).items()}
    existing = [p for p in planned if p.exists() or p.is_symlink()]
    if existing:
        raise InputError(
            [Problem("exists already: validate init never overwrites a file", str(p))
             for p in existing]
        )  # fmt: skip
    written = []
    for path, text in planned.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as exc:
            raise InputError(Problem(f"cannot write: {exc.strerror}", str(path))) from None
        written.append(path)
    return written
