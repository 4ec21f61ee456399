"""The built wheel carries the standard knowledge: a data repository with nothing but data/
validates and gets its data-docs site from the installed package alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, fact, make_data

F = fact
GOOD = [
    F("total_assets", "2024-12-31", "19.85"),
    F("total_liabilities", "2024-12-31", "10.62"),
    F("debt_to_asset_ratio", "2024-12-31", "53.51", "%"),
]
SLIP = [*GOOD[:2], F("debt_to_asset_ratio", "2024-12-31", "55.51", "%")]


def working_tree_files() -> list[str]:
    """Tracked and untracked files that git does not ignore: what a commit would hold."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted(p for p in listed.split("\0") if p and (ROOT / p).is_file())


def build_wheel(tmp: Path) -> Path:
    """`pip wheel` of a copy of the working tree (the build never writes into the tree)."""
    src = tmp / "src"
    for rel in working_tree_files():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    wheels = tmp / "dist"
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(src)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed; its dependencies are borrowed from the test
    environment through a .pth line (no index needed), which does not bring the source tree."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "--python"]
    subprocess.run([*pip, str(python), "install", "--no-deps", str(wheel)], check=True, timeout=300)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def in_folder(folder: Path, *cmd: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        cmd, cwd=folder, capture_output=True, text=True, env={**env, "CI": "true"}, timeout=300
    )


@pytest.mark.slow
def test_the_installed_wheel_validates_a_repository_that_has_only_data(tmp_path: Path):
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as whl:
        shipped = set(whl.namelist())
    tree = working_tree_files()
    for folder in ("schemas", "expectations"):
        wanted = {
            f"validator/standard/{p}"
            for p in tree
            if p.startswith(f"{folder}/") and not Path(p).name.startswith(".")
        }
        assert wanted and wanted <= shipped, sorted(wanted - shipped)
    code = {p for p in tree if p.startswith("validator/") and p.endswith(".py")}
    assert code <= shipped, sorted(code - shipped)

    venv = fresh_venv(tmp_path, wheel)
    where = in_folder(
        tmp_path, str(venv / "bin" / "python"), "-c", "import validator; print(validator.__file__)"
    )
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr

    for name, rows, code_expected in (("clean", GOOD, 0), ("slip", SLIP, 1)):
        repo = tmp_path / name
        make_data(repo, rows)
        assert sorted(p.name for p in repo.iterdir()) == ["data"]
        run = in_folder(repo, str(venv / "bin" / "validate"))
        assert run.returncode == code_expected, run.stdout + run.stderr
        assert "error" not in run.stderr, run.stderr
        assert (repo / "site" / "index.html").is_file()
        assert "data docs" in run.stderr
        assert sorted(p.name for p in repo.iterdir()) == ["data", "site"]
