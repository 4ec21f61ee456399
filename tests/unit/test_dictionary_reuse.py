"""The dictionary is read once per run, and read again whenever a file of it changes."""

import shutil
from pathlib import Path

from validator.io.dictionary import load_dictionary

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_the_same_files_give_the_same_dictionary_without_reading_them_again(tmp_path):
    schemas = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, schemas)
    first = load_dictionary(schemas, tmp_path)
    assert load_dictionary(schemas, tmp_path) is first


def test_a_changed_file_is_read_again(tmp_path):
    schemas = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, schemas)
    first = load_dictionary(schemas, tmp_path)
    concept = next(iter(first.concepts.values()))
    files = sorted((schemas / "concepts").glob("*.yaml"))
    path = next(p for p in files if concept.id in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(concept.zh, concept.zh[:-1] + "X", 1), encoding="utf-8")
    again = load_dictionary(schemas, tmp_path)
    assert again is not first
    assert again.concepts[concept.id].zh == concept.zh[:-1] + "X"
