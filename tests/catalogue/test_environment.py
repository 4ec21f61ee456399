"""The environment: an encoding that cannot hold the report, a full or closed standard output.
Always a clear message and exit 2, or the report in UTF-8: never a report lost with exit 0."""

import os
import subprocess
import sys

import pytest

from tests.catalogue.test_bad_inputs import digest, leftovers, scratch


def validate(p, *args: str, env: dict[str, str] | None = None, stdout=subprocess.PIPE, shell=""):
    cmd = [sys.executable, "-m", "validator.cli.main", str(p.data), "--schemas", str(p.schemas)]
    cmd += ["--no-docs", *args]
    if shell:
        cmd = ["sh", "-c", f'"$@" {shell}', "sh", *cmd]
    return subprocess.run(
        cmd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=p.root,
        timeout=120,
        check=False,
    )


@pytest.fixture
def project(tmp_path):
    p = scratch(tmp_path / "project")
    before = digest(p.root)
    yield p
    assert digest(p.root) == before and not leftovers(tmp_path)


@pytest.mark.parametrize("encoding", ["latin-1"])
def test_an_encoding_that_cannot_hold_the_report_still_gets_it_in_utf8(project, encoding):
    proc = validate(project, env={"PYTHONIOENCODING": encoding})
    assert proc.returncode == 0, proc.stderr
    assert "甲公司" in proc.stdout.decode("utf-8")


def test_a_full_standard_output_is_an_error(project):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        proc = validate(project, stdout=full)
    assert proc.returncode == 2
    assert b"cannot write the report to standard output" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_a_closed_standard_output_is_an_error_unless_the_report_goes_to_a_file(project):
    proc = validate(project, stdout=None, shell=">&-")
    assert proc.returncode == 2
    assert b"standard output is closed" in proc.stderr
    report = project.root.parent / "report.txt"
    proc = validate(project, "--output", str(report), stdout=None, shell=">&-")
    assert proc.returncode == 0, proc.stderr
    assert "甲公司" in report.read_text("utf-8")
