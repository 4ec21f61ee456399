"""The built wheel carries the standard knowledge: a data repository with nothing but data/
validates and gets its data-docs site from the installed package alone."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.helpers import fact, make_data
from tests.install import clean_env, working_tree_files

F = fact
GOOD = [
    F("total_assets", "2024-12-31", "19.85"),
    F("total_liabilities", "2024-12-31", "10.62"),
    F("debt_to_asset_ratio", "2024-12-31", "53.51", "%"),
]
SLIP = [*GOOD[:2], F("debt_to_asset_ratio", "2024-12-31", "55.51", "%")]


def in_folder(folder: Path, *cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=folder, capture_output=True, text=True, env=clean_env(), timeout=300
    )


@pytest.mark.slow
def test_the_wheel_holds_the_code_the_schemas_and_the_gx_context(installed):
    with zipfile.ZipFile(installed.wheel) as whl:
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


@pytest.mark.slow
def test_the_installed_wheel_validates_a_repository_that_has_only_data(installed, tmp_path):
    python = installed.venv / "bin" / "python"
    where = in_folder(tmp_path, str(python), "-c", "import validator; print(validator.__file__)")
    assert where.stdout.startswith(str(installed.venv)), where.stdout + where.stderr

    clean = tmp_path / "clean"
    make_data(clean, GOOD)
    run = in_folder(clean, str(installed.validate), "--no-docs")
    assert run.returncode == 0, run.stdout + run.stderr

    slip = tmp_path / "slip"
    make_data(slip, SLIP)
    assert sorted(p.name for p in slip.iterdir()) == ["data"]
    run = in_folder(slip, str(installed.validate))
    assert run.returncode == 1, run.stdout + run.stderr  # the discrepancy's, after the site
    assert "error" not in run.stderr, run.stderr
    assert "data docs" in run.stderr and (slip / "site" / "index.html").is_file()
    assert sorted(p.name for p in slip.iterdir()) == ["data", "site"]
