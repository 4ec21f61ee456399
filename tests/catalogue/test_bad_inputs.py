"""Every case of the bad-input catalogue: the documented decision, a message that says what is
wrong and where, exit 0/1/2, never a traceback, and the inputs untouched."""

import hashlib
import os
import re
import shutil
import stat
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from tests.catalogue.cases import DOCUMENT, HEADER, ROWS, Case, Project
from tests.catalogue.catalogue import CASES
from tests.helpers import ENTITIES, ROOT
from validator.cli.main import validate


def scratch(root: Path) -> Project:
    data = root / "data"
    folder = data / "600000.SH" / "jia-2024-annual"
    folder.mkdir(parents=True)
    (data / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (folder / "document.yaml").write_text(DOCUMENT, encoding="utf-8")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    project = Project(root, data, root / "schemas", folder)
    project.write_facts(ROWS, HEADER)
    return project


def run(p: Project, *args: str, docs: bool = False):
    """`validate` on a scratch project, without the data-docs site unless `docs`."""
    return CliRunner().invoke(
        validate,
        [str(p.data), "--schemas", str(p.schemas), *([] if docs else ["--no-docs"]), *args],
    )


def digest(root: Path) -> dict[str, str]:
    """Every entry below `root` by kind and content: a link, FIFO, socket or device replaced by
    a regular file changes it too. Links and special files are never opened."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]  # git's own bookkeeping is not an input
        for name in sorted(dirs + files):
            path = Path(folder) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                kind = f"link to {os.readlink(path)}"
            elif stat.S_ISREG(mode):
                kind = hashlib.sha256(path.read_bytes()).hexdigest() + f" {mode & 0o777:o}"
            else:
                kind = f"mode {stat.S_IFMT(mode):o}"
            found[str(path.relative_to(root))] = kind
    return found


def leftovers(root: Path) -> list[str]:
    """Temporary files, folders or links a run may have left (`.name.xxxx.tmp`)."""
    return [
        os.path.join(folder, n)
        for folder, dirs, files in os.walk(root)
        for n in dirs + files
        if n.endswith(".tmp") or ".old-" in n
    ]


CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def check_neutralised(result, args: list[str]) -> None:
    """Whatever the data holds, no output line is a workflow command the tool did not write,
    no control reaches the terminal, and JUnit is valid XML."""
    out, fmt = result.output, args[args.index("--format") + 1] if "--format" in args else "text"
    lines = out.split("\n")
    assert not any(line.startswith("::warning") for line in lines), out
    if fmt != "github":
        assert not any(line.startswith("::") for line in lines), out
    if fmt != "json":
        assert not CONTROLS.search(out), repr(out)
    if fmt == "junit" and result.exit_code in (0, 1):
        ElementTree.fromstring(result.stdout.encode("utf-8"))


def test_the_valid_scratch_project_passes(tmp_path):
    p = scratch(tmp_path)
    result = run(p)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = scratch(tmp_path / "project")
    extra = case.setup(p)
    extra = extra if isinstance(extra, list) else []
    before = digest(p.root)
    result = run(p, *extra, docs=case.docs)
    out = result.output
    assert "Traceback" not in out
    assert isinstance(result.exception, SystemExit | type(None)), repr(result.exception)
    assert result.exit_code == case.code, out
    assert case.expect in out, out
    if case.absent is not None:
        assert case.absent not in out, out
    check_neutralised(result, extra)
    if case.line is not None:
        assert f"facts.csv:{case.line}" in out, out
    assert digest(p.root) == before  # inputs are never modified
    assert not leftovers(tmp_path)  # no half-written output


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import validator.io.text as text

    monkeypatch.setattr(text, "MAX_FILE_BYTES", 200)
    p = scratch(tmp_path)
    result = run(p)
    assert result.exit_code == 2 and "larger than 200 bytes" in result.output


def test_a_failed_run_leaves_an_earlier_report_intact(tmp_path):
    p = scratch(tmp_path)
    out = tmp_path / "report.json"
    ok = run(p, "--format", "json", "--output", str(out))
    assert ok.exit_code == 0
    first = out.read_bytes()
    p.value("abc")
    bad = run(p, "--format", "json", "--output", str(out))
    assert bad.exit_code == 2 and out.read_bytes() == first


def test_the_catalogue_documents_every_case():
    text = (ROOT / "docs" / "bad-inputs.md").read_text(encoding="utf-8")
    missing = [c.id for c in CASES if f"`{c.id}`" not in text]
    assert not missing
    assert len(CASES) >= 150
