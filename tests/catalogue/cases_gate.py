"""The CI gate: `--changed-since` sees changed and new documents under folder names that are not
ASCII (git would quote them) or not UTF-8 at all (then refused, never skipped)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.catalogue.cases import Case, Project

DISCREPANCY = "assets_current_plus_noncurrent:甲公司/合并/2024-12-31"


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _commit(p: Project) -> None:
    _git(p.root, "init", "-q", "-b", "main")
    _git(p.root, "add", "-A")
    _git(p.root, "commit", "-qm", "data")


def _mistype(facts: Path) -> None:
    text = facts.read_text("utf-8")
    facts.write_text(text.replace(",19.85,", ",19.58,"), encoding="utf-8")


def _moved(p: Project, name: str | bytes) -> Path:
    target = os.path.join(os.fsencode(p.folder.parent), os.fsencode(name))
    os.rename(p.folder, target)
    return Path(os.fsdecode(target))


def _changed_under(name: str | bytes):
    def setup(p: Project) -> list[str]:
        folder = _moved(p, name)
        _commit(p)
        _mistype(folder / "facts.csv")
        return ["--changed-since", "HEAD"]

    return setup


def _untracked_under(name: str):
    def setup(p: Project) -> list[str]:
        _commit(p)
        new = p.folder.parent / name
        shutil.copytree(p.folder, new)
        doc = new / "document.yaml"
        doc.write_text(doc.read_text("utf-8").replace("jia-2024-annual", "jia-copy"), "utf-8")
        _mistype(new / "facts.csv")
        return ["--changed-since", "HEAD"]

    return setup


def _document_changed_under(name: str):
    def setup(p: Project) -> list[str]:
        folder = _moved(p, name)
        _commit(p)
        _mistype(folder / "facts.csv")
        (folder / "facts.csv").rename(folder / "第二.csv")
        return ["--changed-since", "HEAD"]

    return setup


CASES: list[Case] = [
    Case(
        "gate-changed-non-ascii",
        "--changed-since: a changed document under a Chinese folder name",
        "flagged",
        _changed_under("年报-2024"),
        DISCREPANCY,
    ),
    Case(
        "gate-changed-space-quote",
        "--changed-since: a changed document under a folder with a space, quote and tab",
        "flagged",
        _changed_under('a "b"\tc'),
        DISCREPANCY,
    ),
    Case(
        "gate-untracked-non-ascii",
        "--changed-since: a new, untracked document under a Chinese folder name",
        "flagged",
        _untracked_under("新报告"),
        "duplicate:甲公司/合并/2024-12-31/total_assets",
    ),
    Case(
        "gate-renamed-file-non-ascii",
        "--changed-since: a facts file renamed to a Chinese name",
        "flagged",
        _document_changed_under("年报"),
        DISCREPANCY,
    ),
    Case(
        "gate-changed-not-utf8",
        "--changed-since: a changed document under a folder name that is not UTF-8",
        "rejected",
        _changed_under(b"bad-\xff\xfe"),
        "not valid UTF-8 (rename it)",
    ),
    Case(
        "name-not-utf8",
        "a document folder name that is not UTF-8 (full run)",
        "rejected",
        lambda p: _moved(p, b"bad-\xff") and None,
        "bad-\\xff",
    ),
]
