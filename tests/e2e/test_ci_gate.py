"""The CI gate in a scratch data repository: a mistyped figure fails at its data line, the
JUnit report shows it, --changed-since sees it, and undoing it passes again."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.helpers import ROOT
from validator.cli.main import validate

APPENDIX = Path("data/688030.SH/lianhe-2025-tracking-rating/appendix-2.csv")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def mistype(repo: Path) -> int:
    """Change 资产总额 2024 (19.85) to 19.58 in 附件2-1; returns its line."""
    path = repo / APPENDIX
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, start=1):
        if ",2024-12-31,total_assets," in line and ",19.85," in line:
            lines[number - 1] = line.replace(",19.85,", ",19.58,")
            path.write_text("\n".join(lines), encoding="utf-8")
            return number
    raise AssertionError("figure not found")


def invoke(*args: str):
    return CliRunner().invoke(validate, ["data", "--no-docs", *args])


def test_clean_data_passes(repo):
    assert invoke("--quiet").exit_code == 0


def test_a_mistyped_figure_fails_at_its_line_and_undoing_it_passes(repo):
    line = mistype(repo)
    result = invoke("--format", "github")
    assert result.exit_code == 1
    errors = [x for x in result.output.splitlines() if x.startswith("::error")]
    assert any(f"file={APPENDIX.as_posix()},line={line}," in e for e in errors), errors
    junit = repo / "report.xml"
    assert invoke("--format", "junit", "--output", str(junit)).exit_code == 1
    assert "19.58" in junit.read_text(encoding="utf-8")
    git(repo, "checkout", "--", str(APPENDIX))
    assert invoke("--format", "github").exit_code == 0


def test_changed_since_sees_exactly_the_changed_document(repo):
    assert "no document to check" in invoke("--changed-since", "HEAD").output
    mistype(repo)
    result = invoke("--changed-since", "HEAD")
    assert result.exit_code == 1
    assert "in 1 document," in result.output and "山石网科" in result.output
    assert "安恒信息" not in result.output


def test_changed_since_outside_git_or_with_unknown_ref_is_a_clear_error(repo, tmp_path_factory):
    result = invoke("--changed-since", "no-such-ref")
    assert result.exit_code == 2 and "unknown git ref" in result.output
    outside = tmp_path_factory.mktemp("plain")
    shutil.copytree(repo / "data", outside / "data")
    result = CliRunner().invoke(
        validate,
        [
            str(outside / "data"),
            "--changed-since",
            "HEAD",
            "--no-docs",
            "--schemas",
            str(repo / "schemas"),
        ],
    )
    assert result.exit_code == 2 and "not" in result.output and "git" in result.output


def test_the_pre_commit_hook_definition_is_valid():
    """The workflow and the action are specified in test_action.py."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "validate" and hook["entry"] == "validate"
    assert hook["pass_filenames"] is False
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'validate = "validator.cli.main:main"' in pyproject
    for flag in (*hook["args"][1:], "--changed-since", "--docs-dir"):
        assert flag in CliRunner().invoke(validate, ["--help"]).output
