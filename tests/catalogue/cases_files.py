"""Non-regular input files: a FIFO, device, socket or folder where a file is read is refused
without being opened; a symbolic link is refused without reading (or echoing) its target."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

from tests.catalogue.cases import Case, Project

SECRET = "TOP-SECRET-LINE"


def _at(p: Project, where: str) -> Path:
    return {
        "facts": p.facts,
        "extra-csv": p.folder / "extra.csv",
        "document": p.folder / "document.yaml",
        "entities": p.data / "entities.yaml",
        "waivers": p.folder / "waivers.yaml",
        "corpus-waivers": p.data / "waivers.yaml",
        "rules": p.folder / "rules.yaml",
        "rulebook": p.schemas / "rulebooks" / "extra.yaml",
        "concepts": p.schemas / "concepts" / "extra.yaml",
        "axes": p.schemas / "axes.yaml",
    }[where]


def _fifo(where: str):
    def setup(p: Project) -> None:
        path = _at(p, where)
        path.unlink(missing_ok=True)
        os.mkfifo(path)

    return setup


def _device(where: str):
    def setup(p: Project) -> None:
        path = _at(p, where)
        path.unlink(missing_ok=True)
        try:
            os.mknod(path, stat.S_IFCHR | 0o444, os.makedev(1, 5))  # like /dev/zero
        except PermissionError:
            os.mkfifo(path)

    return setup


def _socket(where: str):
    def setup(p: Project) -> None:
        path = _at(p, where)
        path.unlink(missing_ok=True)
        cwd = Path.cwd()
        os.chdir(path.parent)  # a socket path is limited to about 100 bytes
        try:
            sock = socket.socket(socket.AF_UNIX)
            sock.bind(path.name)
            sock.close()
        finally:
            os.chdir(cwd)

    return setup


def _link(where: str, target: str | None = None):
    """`where` becomes a link to a copy outside the project (or to `target`)."""

    def setup(p: Project) -> None:
        path = _at(p, where)
        if target is None:
            outside = p.root.parent / f"outside-{path.name}"
            text = path.read_text("utf-8") if path.exists() else "x: 1\n"
            outside.write_text(f"{SECRET}\n{text}", encoding="utf-8")
            dest = outside
        else:
            dest = Path(target)
        path.unlink(missing_ok=True)
        path.symlink_to(dest)

    return setup


def _folder(where: str):
    def setup(p: Project) -> None:
        path = _at(p, where)
        path.unlink(missing_ok=True)
        path.mkdir()

    return setup


def _case(kind: str, where: str, setup, expect: str) -> Case:
    return Case(f"{where}-{kind}", f"{where} file is {expect[3:]}", "rejected", setup, expect)


FIFO, DEVICE, SOCKET, LINK = "is a FIFO", "is a character device", "is a socket", "symbolic link"
_WHERE = [
    "facts",
    "extra-csv",
    "document",
    "entities",
    "waivers",
    "corpus-waivers",
    "rules",
    "rulebook",
    "concepts",
    "axes",
]
CASES: list[Case] = [
    *[_case("fifo", w, _fifo(w), FIFO) for w in _WHERE],
    Case(
        "facts-device",
        "facts file is a device node (like /dev/zero)",
        "rejected",
        _device("facts"),
        "is a",
    ),
    Case("facts-socket", "a socket named *.csv", "rejected", _socket("extra-csv"), SOCKET),
    Case("facts-folder", "a folder named *.csv", "rejected", _folder("extra-csv"), "is a folder"),
    Case(
        "facts-link-dev-zero",
        "facts file linked to /dev/zero",
        "rejected",
        _link("facts", "/dev/zero"),
        LINK,
    ),
    Case(
        "facts-link-outside",
        "facts file linked to a file outside the data (its lines are not echoed)",
        "rejected",
        _link("facts"),
        LINK,
        absent=SECRET,
    ),
    Case(
        "document-link-outside",
        "document.yaml linked outside the data",
        "rejected",
        _link("document"),
        LINK,
        absent=SECRET,
    ),
    Case(
        "entities-link-outside",
        "entities.yaml linked outside the data",
        "rejected",
        _link("entities"),
        LINK,
        absent=SECRET,
    ),
    Case(
        "waivers-link-outside",
        "waivers.yaml linked outside the data",
        "rejected",
        _link("waivers"),
        LINK,
        absent=SECRET,
    ),
    Case(
        "rulebook-link-outside",
        "a rulebook linked outside the schemas",
        "rejected",
        _link("rulebook"),
        LINK,
        absent=SECRET,
    ),
    Case(
        "waivers-dangling-link",
        "waivers.yaml is a dangling link",
        "rejected",
        _link("waivers", "/nonexistent/waivers.yaml"),
        LINK,
    ),
]
