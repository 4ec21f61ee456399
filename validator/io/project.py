"""Finding and loading everything one run needs: vocabulary, rulebooks, documents and facts."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from validator.errors import InputError, Problem
from validator.io.changes import (
    changed_documents,
    changed_files,
    repository_root,
    touches_everything,
)
from validator.io.columns import repeated
from validator.io.dictionary import Dictionary, load_dictionary, load_entities
from validator.io.documents import DOCUMENT_FILE, Document, load_document
from validator.io.facts_csv import read_entities
from validator.io.facts_files import PATTERNS, facts_files, read_facts_file
from validator.io.facts_schema import empty_facts
from validator.io.facts_table import validated
from validator.io.layers import Layers, is_schemas_folder
from validator.io.normalise import stated_rows
from validator.io.waivers import Waiver, duplicate_ids, find_waiver_files, load_waivers
from validator.standard import standard_schemas

ENTITIES_FILE = "entities.yaml"
DOCUMENT_RULES = "rules.yaml"


RuleFile = tuple[Path, str, str | None]  # path, as shown, the document it is restricted to


@dataclass(frozen=True)
class Project:
    """Everything one run reads, validated: the facts are typed (validator/io/facts_table.py)."""

    dictionary: Dictionary
    documents: tuple[Document, ...]
    facts: pd.DataFrame
    rule_files: tuple[RuleFile, ...]
    waivers: tuple[Waiver, ...] = ()


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working directory when inside it."""
    try:
        return (
            os.path.relpath(path.resolve(), Path.cwd())
            if path.resolve().is_relative_to(Path.cwd().resolve())
            else str(path)
        )
    except ValueError:
        return str(path)


def find_document_folders(paths: list[Path]) -> list[Path]:
    folders: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise InputError(Problem("path does not exist", str(path)))
        if path.is_file():
            folder = path.parent
            if not (folder / DOCUMENT_FILE).is_file():
                raise InputError(
                    Problem(
                        f"not inside a document folder (no {DOCUMENT_FILE} beside it)", str(path)
                    )
                )
            folders.add(folder.resolve())
            continue
        found = {p.parent.resolve() for p in path.rglob(DOCUMENT_FILE)}
        if not found:
            raise InputError(
                Problem(
                    f"no facts found: no folder with {DOCUMENT_FILE} and "
                    "*.csv facts files below it",
                    str(path),
                )
            )
        folders |= found
    return sorted(folders)


def _find_upwards(start: Path, name: str) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / name).exists():
            return folder / name
    return None


def find_schemas(paths: list[Path]) -> Path:
    """The nearest schemas/ folder above the paths (a data repository's overlay), else the
    standard one."""
    for path in paths:
        found = _find_upwards(path.resolve(), "schemas")
        if found and is_schemas_folder(found):
            return found
    return standard_schemas()


def select_changed(folders: list[Path], paths: list[Path], ref: str) -> list[Path]:
    """The documents changed since `ref`, and every document sharing an entity with them (a
    relation joins facts of one entity, so these are all the documents whose verdicts can
    change)."""
    root = repository_root(paths[0].resolve())
    changed = changed_files(root, ref)
    if touches_everything(root, changed):
        return folders
    touched = changed_documents(folders, changed)
    if not touched:
        return []
    entities = {f: entities_in(f) for f in folders}
    wanted = set().union(*(entities[f] for f in touched))
    return [f for f in folders if f in touched or entities[f] & wanted]


def entities_in(folder: Path) -> set[str]:
    """Entities a document's facts name (only the entity column is read)."""
    found: set[str] = set()
    for path in facts_files(folder):
        if path.suffix == ".csv":
            found |= read_entities(path, display_path(path))
        else:
            found |= set(read_facts_file(path, display_path(path))["entity"].unique())
    return found


def open_project(
    paths: list[Path], schemas: Path | None, changed_since: str | None
) -> tuple[list[Path], Layers, Dictionary, list[Path]]:
    """The document folders (those changed, with `changed_since`), the schema layers, the
    dictionary with the entities, and the folders of the entities files (where waiver files are
    looked for): what every way of loading a project starts from."""
    folders = find_document_folders(paths)
    if changed_since is not None:
        folders = select_changed(folders, paths, changed_since)
    schemas = schemas or find_schemas(paths)
    if not is_schemas_folder(schemas):
        raise InputError(
            Problem("not a schemas folder (no units.yaml, axes.yaml, concepts/ or rulebooks/)",
                    str(schemas))
        )  # fmt: skip
    layers = Layers.of(schemas)
    dictionary = load_dictionary(layers, Path.cwd())

    entity_files = {_find_upwards(f, ENTITIES_FILE) for f in folders}
    if None in entity_files:
        raise InputError(
            Problem(
                f"no {ENTITIES_FILE} found above the document folders", display_path(folders[0])
            )
        )
    entities = {}
    for path in sorted(p for p in entity_files if p):
        entities.update(load_entities(path, display_path(path)))
    dictionary = replace(dictionary, entities=entities)
    return folders, layers, dictionary, sorted({p.parent for p in entity_files if p})


def load_project(
    paths: list[Path], schemas: Path | None = None, changed_since: str | None = None
) -> Project:
    folders, layers, dictionary, roots = open_project(paths, schemas, changed_since)
    entities = dictionary.entities

    documents, frames = [], []
    rule_files: list[RuleFile] = [(p, display_path(p), None) for p in layers.files("rulebooks")]
    for folder in folders:
        shown = display_path(folder)
        doc = load_document(folder, shown)
        if doc.entity not in entities:
            raise InputError(
                Problem(
                    f"unknown entity {doc.entity!r}", f"{shown}/{DOCUMENT_FILE}", None, "entity"
                )
            )
        documents.append(doc)
        files = facts_files(folder)
        if not files:
            raise InputError(Problem(f"document folder has no {PATTERNS} facts file", shown))
        for facts_path in files:
            frame = read_facts_file(facts_path, display_path(facts_path))
            frame["document"] = repeated(doc.id, len(frame))
            frames.append(frame)
        if os.path.lexists(folder / DOCUMENT_RULES):  # a FIFO or link is refused when read
            rules_path = folder / DOCUMENT_RULES
            rule_files.append((rules_path, display_path(rules_path), doc.id))
    ids = [d.id for d in documents]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise InputError(Problem(f"document id used twice: {', '.join(dup)}"))

    if not frames:
        return Project(dictionary, (), empty_facts(), tuple(rule_files))
    facts = pd.concat(frames, ignore_index=True)
    del frames  # the files' frames, copied into one
    facts, _ = stated_rows(facts)
    if facts.empty:
        raise InputError(
            Problem("no facts found: the facts files have no rows", display_path(paths[0]))
        )
    facts = validated(facts, dictionary)
    waivers = [
        w
        for path in find_waiver_files(folders, roots)
        for w in load_waivers(path, display_path(path))
    ]
    if problems := duplicate_ids(waivers):
        raise InputError(problems)
    return Project(dictionary, tuple(documents), facts, tuple(rule_files), tuple(waivers))
