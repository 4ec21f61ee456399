"""Which documents a data update touches, from git: for `validate --changed-since REF`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from validator.errors import InputError, Problem

# A change to any of these (relative to the repository root) can change every verdict.
GLOBAL_PREFIXES = ("schemas/",)


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
        )
    except FileNotFoundError:
        raise InputError(Problem("--changed-since needs git, which is not installed")) from None
    except subprocess.TimeoutExpired:
        raise InputError(Problem("git did not answer within 60 s")) from None
    if proc.returncode != 0:
        raise InputError(Problem(f"git {' '.join(args[:2])}: {proc.stderr.strip()}"))
    return proc.stdout


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
    names = _git(["diff", "--name-only", "--no-renames", ref, "--"], root).splitlines()
    names += _git(["ls-files", "--others", "--exclude-standard"], root).splitlines()
    return {(root / n).resolve() for n in names if n}


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
