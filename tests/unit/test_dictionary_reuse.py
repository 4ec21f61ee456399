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


def test_a_fifo_among_the_schema_files_is_never_waited_on(tmp_path):
    """Keying the dictionary on file contents must not block on a FIFO put where units.yaml
    belongs: the key is skipped and loading reports the file, located."""
    import os
    import threading

    import pytest

    from validator.errors import InputError

    schemas = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, schemas)
    (schemas / "units.yaml").unlink()
    os.mkfifo(schemas / "units.yaml")
    outcome: list = []

    def load() -> None:
        with pytest.raises(InputError) as caught:
            load_dictionary(schemas, tmp_path)
        outcome.append(str(caught.value))

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the reader so the test process can end
        fd = os.open(schemas / "units.yaml", os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
    assert not worker.is_alive(), "load_dictionary waited on a FIFO"
    assert outcome and "units.yaml" in outcome[0]
