"""Which documents a data update touches, from git: for `validate --changed-since REF`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from validator.errors import InputError, Problem

# A change to any of these (relative to the repository root) can change every verdict.
GLOBAL_PREFIXES = ("schemas/",)


def _git_bytes(args: list[str], cwd: Path) -> bytes:
    """git's output as bytes: paths are NUL-separated and unquoted (`-z`, core.quotepath off),
    so names that are not ASCII, or not UTF-8 at all, come through as they are on disk."""
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise InputError(Problem("--changed-since needs git, which is not installed")) from None
    except subprocess.TimeoutExpired:
        raise InputError(Problem("git did not answer within 60 s")) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "backslashreplace").strip()
        raise InputError(Problem(f"git {' '.join(args[:2])}: {message}"))
    return proc.stdout


def _git(args: list[str], cwd: Path) -> str:
    return os.fsdecode(_git_bytes(args, cwd))


def _names(out: bytes) -> list[str]:
    """NUL-separated paths as file-system strings (undecodable bytes kept as escapes)."""
    return [os.fsdecode(n) for n in out.split(b"\0") if n]


def repository_root(start: Path) -> Path:
    folder = start if start.is_dir() else start.parent
    try:
        out = _git(["rev-parse", "--show-toplevel"], folder)
    except InputError:
        raise InputError(
            Problem("--changed-since needs a git repository, and this is not one", str(start))
        ) from None
    return Path(out.strip())


def changed_files(root: Path, ref: str) -> set[Path]:
    """Files that differ from REF in the working tree, plus untracked files, as absolute paths."""
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
    except InputError:
        raise InputError(Problem(f"unknown git ref {ref!r}", str(root))) from None
    names = _names(_git_bytes(["diff", "--name-only", "-z", "--no-renames", ref, "--"], root))
    names += _names(_git_bytes(["ls-files", "-z", "--others", "--exclude-standard"], root))
    return {(root / n).resolve() for n in names}


def touches_everything(root: Path, changed: set[Path]) -> bool:
    """A change to the schemas, the entities or a corpus-wide waivers file can change any
    verdict: then every document is validated."""
    for path in changed:
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        if rel.startswith(GLOBAL_PREFIXES) or path.name == "entities.yaml":
            return True
        if path.name == "waivers.yaml" and not (path.parent / "document.yaml").exists():
            return True
    return False


def changed_documents(folders: list[Path], changed: set[Path]) -> set[Path]:
    """Document folders with a changed file in them (facts, document.yaml, rules, waivers)."""
    return {f for f in folders if any(p.parent == f for p in changed)}
