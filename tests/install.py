"""Building the package as a user gets it: a wheel of the working tree, installed into a fresh
venv, and scratch copies of the working tree for tools that clone it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.helpers import ROOT

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]


def working_tree_files() -> list[str]:
    """Tracked and untracked files that git does not ignore: what a commit would hold."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted(p for p in listed.split("\0") if p and (ROOT / p).is_file())


def copy_working_tree(target: Path) -> Path:
    for rel in working_tree_files():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target / rel)
    return target


def build_wheel(tmp: Path) -> Path:
    """`pip wheel` of a copy of the working tree (the build never writes into the tree)."""
    src = copy_working_tree(tmp / "src")
    wheels = tmp / "dist"
    subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(src)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("*.whl")
    return wheel


def fresh_venv(venv: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed; its dependencies are borrowed from the test
    environment through a .pth line (no index needed), which does not bring the source tree."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [*PIP, "--python", str(python), "install", "--no-deps", str(wheel)], check=True, timeout=300
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without what would point a subprocess back at the test environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "CI": "true", **extra}
