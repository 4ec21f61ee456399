"""Output targets: no output is ever written to, over or inside an input, only a site this tool
built is replaced, and nothing is replaced when the run fails."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

from tests.catalogue.cases import Case, Project
from validator.publish.site import MARKER_FILE
from validator.standard import standard_expectations

INSIDE = "inside the input folder"


def _out(target):
    return lambda p: ["--output", str(target(p))]


def _fifo(p: Project) -> list[str]:
    path = p.root.parent / "report.fifo"
    os.mkfifo(path)
    return ["--output", str(path)]


def _socket(p: Project) -> list[str]:
    path = p.root.parent / "r.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()
    return ["--output", str(path)]


def _device(p: Project) -> list[str]:
    path = p.root.parent / "null"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return ["--output", os.devnull]
    return ["--output", str(path)]


def _link_to_facts(p: Project) -> list[str]:
    link = p.root.parent / "report.txt"
    link.symlink_to(p.facts)
    return ["--output", str(link)]


def _docs(target):
    return lambda p: ["--docs-dir", str(target(p))]


def _user_folder(p: Project) -> list[str]:
    mine = p.root / "mine"
    mine.mkdir()
    (mine / "findings.json").write_text("{}", encoding="utf-8")
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    return ["--docs-dir", str(mine)]


def _built_site(p: Project) -> Path:
    site = p.root / "built"
    site.mkdir()
    (site / MARKER_FILE).write_text("built", encoding="utf-8")
    (site / "index.html").write_text("<p>an earlier site</p>", encoding="utf-8")
    return site


def _linked_site(p: Project) -> list[str]:
    link = p.root / "site"
    link.symlink_to(_built_site(p))
    return ["--docs-dir", str(link)]


def _file_as_docs(p: Project) -> list[str]:
    (p.root / "site").write_text("not a folder", encoding="utf-8")
    return ["--docs-dir", str(p.root / "site")]


def _output_in_site(p: Project) -> list[str]:
    site = _built_site(p)
    return ["--docs-dir", str(site), "--output", str(site / "report.json")]


def _failed_run_keeps_report(p: Project) -> list[str]:
    (p.root / "report.txt").write_text("the earlier report", encoding="utf-8")
    p.value("abc")
    return ["--output", str(p.root / "report.txt")]


def _failed_run_keeps_site(p: Project) -> list[str]:
    site = _built_site(p)
    p.value("abc")
    return ["--docs-dir", str(site)]


def _failed_waiver_template_keeps_report(p: Project) -> list[str]:
    (p.root / "waivers.txt").write_text("earlier template", encoding="utf-8")
    p.value("abc")
    return ["--waiver-template", "--output", str(p.root / "waivers.txt")]


CASES: list[Case] = [
    Case("output-is-facts", "--output is a facts CSV", "rejected", _out(lambda p: p.facts), INSIDE),
    Case(
        "output-is-entities",
        "--output is entities.yaml",
        "rejected",
        _out(lambda p: p.data / "entities.yaml"),
        INSIDE,
    ),
    Case(
        "output-is-document",
        "--output is a document.yaml",
        "rejected",
        _out(lambda p: p.folder / "document.yaml"),
        INSIDE,
    ),
    Case(
        "output-inside-data",
        "--output a new file inside the data folder (read back as facts)",
        "rejected",
        _out(lambda p: p.folder / "report.csv"),
        INSIDE,
    ),
    Case(
        "output-is-waivers",
        "--output is a waivers.yaml that does not exist yet",
        "rejected",
        _out(lambda p: p.data / "waivers.yaml"),
        INSIDE,
    ),
    Case(
        "output-is-rulebook",
        "--output is a rulebook",
        "rejected",
        _out(lambda p: p.schemas / "rulebooks" / "operations.yaml"),
        INSIDE,
    ),
    Case(
        "output-inside-schemas",
        "--output inside the schemas folder",
        "rejected",
        _out(lambda p: p.schemas / "report.json"),
        INSIDE,
    ),
    Case(
        "output-inside-context",
        "--output inside the Great Expectations context",
        "rejected",
        _out(lambda p: standard_expectations() / "report.json"),
        INSIDE,
    ),
    Case("output-fifo", "--output is a FIFO", "rejected", _fifo, "not a regular file"),
    Case("output-socket", "--output is a socket", "rejected", _socket, "not a regular file"),
    Case("output-device", "--output is a device node", "rejected", _device, "not a regular file"),
    Case(
        "output-symlink",
        "--output is a symbolic link (to a facts file)",
        "rejected",
        _link_to_facts,
        "symbolic link",
    ),
    Case(
        "output-kept-on-failure",
        "--output over an earlier report, and the run fails (exit 2)",
        "rejected",
        _failed_run_keeps_report,
        "plain number",
        4,
    ),
    Case(
        "waiver-template-kept-on-failure",
        "--waiver-template --output, and the run fails (exit 2)",
        "rejected",
        _failed_waiver_template_keeps_report,
        "plain number",
        4,
    ),
    Case(
        "docs-dir-project",
        "--docs-dir is the project folder ($PWD)",
        "rejected",
        _docs(lambda p: p.root),
        "contains the input folder",
        docs=True,
    ),
    Case(
        "docs-dir-data",
        "--docs-dir is the data folder",
        "rejected",
        _docs(lambda p: p.data),
        INSIDE,
        docs=True,
    ),
    Case(
        "docs-dir-inside-data",
        "--docs-dir inside the data folder",
        "rejected",
        _docs(lambda p: p.data / "site"),
        INSIDE,
        docs=True,
    ),
    Case(
        "docs-dir-schemas",
        "--docs-dir is the schemas folder",
        "rejected",
        _docs(lambda p: p.schemas),
        INSIDE,
        docs=True,
    ),
    Case(
        "docs-dir-above-inputs",
        "--docs-dir is a folder above the project",
        "rejected",
        _docs(lambda p: p.root.parent),
        "contains the input folder",
        docs=True,
    ),
    Case(
        "docs-dir-user-files",
        "--docs-dir holds a findings.json beside the user's files",
        "rejected",
        _user_folder,
        "not a site built by validate",
        docs=True,
    ),
    Case(
        "docs-dir-symlink",
        "--docs-dir is a symbolic link to a built site",
        "rejected",
        _linked_site,
        "symbolic link",
        docs=True,
    ),
    Case(
        "docs-dir-is-file",
        "--docs-dir is a file",
        "rejected",
        _file_as_docs,
        "is a file",
        docs=True,
    ),
    Case(
        "output-inside-docs-dir",
        "--output inside the site the run replaces",
        "rejected",
        _output_in_site,
        "inside the data-docs folder",
        docs=True,
    ),
    Case(
        "docs-dir-kept-on-failure",
        "an earlier site, and the run fails (exit 2)",
        "rejected",
        _failed_run_keeps_site,
        "plain number",
        4,
        docs=True,
    ),
]
