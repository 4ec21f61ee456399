"""The composite action and the example workflow, as shipped: their shape and safety, and the
action's steps run as a runner would run them on a pull request in a scratch data repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.helpers import ROOT, make_data
from tests.install import clean_env
from tests.report.corpus import ROWS
from validator.cli.main import validate

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW_TEXT = (ROOT / "ci/github/validate-data.yml").read_text(encoding="utf-8")
WORKFLOW = yaml.safe_load(WORKFLOW_TEXT)
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
USES = re.compile(r"^\s*(?:- )?uses: (\S+)", re.M)  # steps, not comments
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w./-]+)@([0-9a-f]{40}) # (.+)$", re.M)


def test_the_action_is_composite_with_the_documented_inputs():
    assert ACTION["runs"]["using"] == "composite"
    assert {"data", "python-version", "site"} <= set(ACTION["inputs"])
    assert {"junit", "site-dir", "exit-code"} <= set(ACTION["outputs"])
    install = next(s for s in ACTION["runs"]["steps"] if "pip install" in s.get("run", ""))
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"]


def test_no_expression_is_expanded_inside_a_script():
    steps = ACTION["runs"]["steps"] + WORKFLOW["jobs"]["validate"]["steps"]
    scripts = [s["run"] for s in steps if "run" in s]
    assert scripts and not [s for s in scripts if "${{" in s]


def test_every_action_is_pinned_by_full_commit_hash_with_its_version_beside_it():
    texts = [WORKFLOW_TEXT, (ROOT / "action.yml").read_text(encoding="utf-8")]
    uses = [u for t in texts for u in USES.findall(t)]
    pinned = [m for t in texts for m in PINNED.findall(t)]
    assert len(pinned) == len(uses) == 5
    versions = {name: version for name, _, version in pinned}
    assert versions["actions/checkout"].startswith("v4")
    assert versions["actions/setup-python"].startswith("v5")
    assert versions["actions/upload-artifact"].startswith("v4")


def test_the_workflow_is_least_privilege_and_runs_on_data_and_schema_changes():
    triggers = WORKFLOW[True] if True in WORKFLOW else WORKFLOW["on"]
    assert set(triggers) == {"pull_request"}
    assert triggers["pull_request"]["paths"] == ["data/**", "schemas/**"]
    assert WORKFLOW["permissions"] == {"contents": "read"}
    steps = WORKFLOW["jobs"]["validate"]["steps"]
    checkout = steps[0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert steps[1]["uses"].startswith("OWNER/validator@")
    uploads = [s["with"]["path"] for s in steps if s["uses"].startswith("actions/upload-artifact")]
    assert uploads == [
        "${{ steps.validate.outputs.junit }}",
        "${{ steps.validate.outputs.site-dir }}",
    ]


def test_every_option_the_action_passes_exists():
    scripts = " ".join(s.get("run", "") for s in ACTION["runs"]["steps"])
    flags = set(re.findall(r"(--[a-z-]+)", scripts.split("pip install")[1]))
    help_text = CliRunner().invoke(validate, ["--help"]).output
    assert flags - {"--disable-pip-version-check", "--quiet"} <= set(
        re.findall(r"--[a-z-]+", help_text)
    )


# --- the action's steps on a runner ---------------------------------------------------------


def expression(expr: str, ctx: dict) -> str:
    """The few expressions action.yml uses: dotted lookups and `x == 'literal'`."""
    if m := re.fullmatch(r"([\w.-]+) == '([^']*)'", expr):
        return "true" if expression(m[1], ctx) == m[2] else ""
    value: object = ctx
    for part in expr.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return str(value)


def substitute(text: str, ctx: dict) -> str:
    return EXPR.sub(lambda m: expression(m[1], ctx), str(text))


def run_action(repo: Path, runner_temp: Path, github: dict, inputs: dict) -> tuple[int, dict]:
    """Run the action's script steps in order, as `bash -eo pipefail`, with their outputs
    written through $GITHUB_OUTPUT; returns the exit code of the first failing step (0 if
    none) and the context (steps' outputs). setup-python and the install step are provided by
    the fixture's venv at $RUNNER_TEMP/validate-venv."""
    defaults = {k: v.get("default", "") for k, v in ACTION["inputs"].items()}
    ctx: dict = {"inputs": {**defaults, **inputs}, "github": github, "steps": {}}
    ctx["runner"] = {"temp": str(runner_temp)}
    summary = runner_temp / "summary.md"
    for n, step in enumerate(ACTION["runs"]["steps"]):
        if "run" not in step or "pip install" in step["run"]:
            continue
        if "if" in step and not expression(step["if"], ctx):
            continue
        output = runner_temp / f"output-{n}"
        output.touch()
        env = {k: substitute(v, ctx) for k, v in step.get("env", {}).items()}
        script = runner_temp / f"step-{n}.sh"
        script.write_text(step["run"], encoding="utf-8")
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=repo,
            env=clean_env(
                **env,
                GITHUB_OUTPUT=str(output),
                GITHUB_STEP_SUMMARY=str(summary),
                RUNNER_TEMP=str(runner_temp),
            ),
            capture_output=True,
            text=True,
            timeout=300,
        )
        (runner_temp / f"log-{n}.txt").write_text(proc.stdout + proc.stderr, encoding="utf-8")
        lines = output.read_text(encoding="utf-8").splitlines()
        outputs = dict(line.split("=", 1) for line in lines if "=" in line)
        if "id" in step:
            ctx["steps"][step["id"]] = {"outputs": outputs}
        if proc.returncode:
            return proc.returncode, ctx
    return 0, ctx


def git(repo: Path, *args: str) -> None:
    ident = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *ident, *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.slow
def test_on_a_pull_request_the_action_annotates_summarises_reports_and_fails(installed, tmp_path):
    repo = tmp_path / "repo"
    make_data(repo, ROWS[:4])  # consistent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    make_data(tmp_path / "pr", ROWS)  # the pull request adds a slip
    facts = next((tmp_path / "pr").rglob("facts.csv"))
    (next(repo.rglob("facts.csv"))).write_bytes(facts.read_bytes())
    git(repo, "commit", "-qam", "pull request")
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    (runner_temp / "validate-venv").symlink_to(installed.venv)

    github = {"event_name": "pull_request", "base_ref": "main", "action_path": str(ROOT)}
    code, ctx = run_action(repo, runner_temp, github, {})

    assert code == 1
    assert ctx["steps"]["gate"]["outputs"]["code"] == "1"
    assert ctx["steps"]["result"]["outputs"]["code"] == "1"
    gate_log = next(p for p in runner_temp.glob("log-*.txt") if "::error" in p.read_text("utf-8"))
    assert "::error file=data/600000.SH/jia-2024-annual/facts.csv,line=" in gate_log.read_text(
        "utf-8"
    )
    summary = (runner_temp / "summary.md").read_text(encoding="utf-8")
    assert "### Unacknowledged discrepancies \\(2\\)" in summary
    assert (repo / "validate-junit.xml").is_file()
    assert (repo / "validate-site" / "index.html").is_file()
