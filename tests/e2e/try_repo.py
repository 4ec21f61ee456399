"""`pre-commit try-repo` on a clone of this repository, started in the background as soon as
the test that needs it is collected: installing the hook's environment is mostly waiting on the
package index, so the rest of the suite runs meanwhile."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import fact, make_data
from tests.install import PIP, clean_env, copy_working_tree

F = fact
SLIP = [
    F("total_assets", "2024-12-31", "19.85"),
    F("total_liabilities", "2024-12-31", "10.62"),
    F("debt_to_asset_ratio", "2024-12-31", "55.51", "%"),
]
TIMEOUT = 900


@dataclass
class TryRepo:
    root: Path
    repo: Path
    process: subprocess.Popen[str] | None = None
    unreachable: str | None = None

    def result(self) -> tuple[int, str]:
        """Exit code and output (waits for the run to end)."""
        assert self.process is not None
        try:
            out, _ = self.process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return self.process.returncode, out

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        shutil.rmtree(self.root, ignore_errors=True)


def git(repo: Path, *args: str) -> None:
    ident = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *ident, *args], cwd=repo, check=True, capture_output=True)


def committed(folder: Path) -> Path:
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "snapshot")
    return folder


def index_unreachable(tmp: Path) -> str | None:
    """Why the package index cannot be used, or None when it can."""
    probe = subprocess.run(
        [*PIP, "download", "--no-deps", "--no-cache-dir", "-d", str(tmp), "click==8.5.1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if probe.returncode == 0:
        return None
    return (probe.stderr.strip().splitlines() or ["no output"])[-1]


def start() -> TryRepo:
    """A clone of the working tree (committed, so uncommitted changes are in it), a scratch data
    repository with one discrepancy and no schemas/, and the hook run on it in the background."""
    root = Path(tempfile.mkdtemp(prefix="validate-try-repo-"))
    run = TryRepo(root, root / "figures")
    run.unreachable = index_unreachable(root / "probe")
    if run.unreachable:
        return run
    clone = committed(copy_working_tree(root / "validator"))
    make_data(run.repo, SLIP)
    committed(run.repo)
    run.process = subprocess.Popen(
        [sys.executable, "-m", "pre_commit", "try-repo", str(clone), "validate", "--all-files"],
        cwd=run.repo,
        env=clean_env(PRE_COMMIT_HOME=str(root / "pre-commit-home")),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return run


def required() -> bool:
    return os.environ.get("REQUIRE_INDEX") == "1"
