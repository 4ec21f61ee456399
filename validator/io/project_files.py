"""What a partitioned run reads in the client: the schemas, the entities, the documents and the
waivers, and the list of facts files with the entities each names (its entity column only).
The facts themselves are read and validated on the workers (`io/partition_load.py`).

The steps and their errors are those of `project.load_project`, in its order. An error it would
raise between two facts files (a bad document.yaml, a file whose entities cannot be read) is
kept with its place (`stop`): it is raised only if no facts file before it fails to read, as in
a single run that reads the files one by one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow.parquet as pq

from validator.errors import InputError, Problem
from validator.io.dictionary import Dictionary
from validator.io.documents import DOCUMENT_FILE, Document, load_document
from validator.io.facts_csv import read_entities
from validator.io.facts_files import PATTERNS, facts_files, read_facts_file
from validator.io.project import (
    DOCUMENT_RULES,
    RuleFile,
    display_path,
    open_project,
)
from validator.io.text import check_regular
from validator.io.waivers import Waiver, duplicate_ids, find_waiver_files, load_waivers


@dataclass(frozen=True)
class FactsFile:
    """One facts file: where a worker reads it (absolute), how messages name it, its document."""

    path: str
    display: str
    document: str
    size: int
    entities: frozenset[str]


@dataclass(frozen=True)
class ProjectFiles:
    """Everything but the facts. `files` are in the order a single run reads them; `error` is
    the first problem met among them, after the first `len(files)` facts files; `after_facts`
    are raised once the facts are valid (duplicate document ids, then waivers)."""

    dictionary: Dictionary
    documents: tuple[Document, ...]
    files: tuple[FactsFile, ...]
    rule_files: tuple[RuleFile, ...]
    error: InputError | None = None
    duplicate_documents: InputError | None = None
    waivers: tuple[Waiver, ...] = ()
    waiver_error: InputError | None = None
    first_path: str = field(default="")


def project_files(
    paths: list[Path], schemas: Path | None = None, changed_since: str | None = None
) -> ProjectFiles:
    folders, layers, dictionary, roots = open_project(paths, schemas, changed_since)
    entities = dictionary.entities

    documents: list[Document] = []
    files: list[FactsFile] = []
    rule_files: list[RuleFile] = [(p, display_path(p), None) for p in layers.files("rulebooks")]
    base = ProjectFiles(dictionary, (), (), (), first_path=display_path(paths[0]))
    try:
        for folder in folders:
            doc = _document(folder, entities)
            documents.append(doc)
            found = facts_files(folder)
            if not found:
                raise InputError(
                    Problem(f"document folder has no {PATTERNS} facts file", display_path(folder))
                )
            for path in found:
                files.append(_facts_file(path, doc.id))
            if os.path.lexists(folder / DOCUMENT_RULES):
                rules_path = folder / DOCUMENT_RULES
                rule_files.append((rules_path, display_path(rules_path), doc.id))
    except InputError as exc:
        return replace(base, documents=tuple(documents), files=tuple(files), error=exc)

    ids = [d.id for d in documents]
    duplicate = None
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        duplicate = InputError(Problem(f"document id used twice: {', '.join(dup)}"))
    waivers: list[Waiver] = []
    waiver_error = None
    try:
        waivers = [
            w
            for path in find_waiver_files(folders, roots)
            for w in load_waivers(path, display_path(path))
        ]
        if problems := duplicate_ids(waivers):
            raise InputError(problems)
    except InputError as exc:
        waiver_error = exc
    return replace(
        base,
        documents=tuple(documents),
        files=tuple(files),
        rule_files=tuple(rule_files),
        duplicate_documents=duplicate,
        waivers=tuple(waivers),
        waiver_error=waiver_error,
    )


def _document(folder: Path, entities: dict) -> Document:
    shown = display_path(folder)
    doc = load_document(folder, shown)
    if doc.entity not in entities:
        raise InputError(
            Problem(f"unknown entity {doc.entity!r}", f"{shown}/{DOCUMENT_FILE}", None, "entity")
        )
    return doc


def _facts_file(path: Path, document: str) -> FactsFile:
    shown = display_path(path)
    info = check_regular(path, shown)
    return FactsFile(str(path.resolve()), shown, document, info.st_size, _entities(path, shown))


def _entities(path: Path, shown: str) -> frozenset[str]:
    """The entity column alone; a file that cannot be read so is read whole, which raises its
    located problem (or gives its entities)."""
    if path.suffix == ".csv":
        return frozenset(read_entities(path, shown))
    try:
        column = pq.read_table(path, columns=["entity"]).column("entity")
        return frozenset(str(e) for e in column.unique().to_pylist())
    except Exception:  # any unreadable file is read whole, which says why
        return frozenset(read_facts_file(path, shown)["entity"].unique())
