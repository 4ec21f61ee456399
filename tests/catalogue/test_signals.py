"""Signals: SIGINT ends a run with 130, SIGTERM and SIGHUP with 128 + N; whatever the run was
writing is removed, nothing is replaced, the inputs are untouched.

The signal is raised by the process itself at the worst moment (a report written but not yet in
place, a site half built), so that the test is deterministic."""

import signal
import subprocess
import sys

import pytest

from tests.catalogue.test_bad_inputs import digest, leftovers, scratch
from tests.helpers import ROOT

AT_REPORT = """
import os, signal
real = os.fsync
def fsync(fd):
    real(fd)
    os.kill(os.getpid(), signal.{sig})
os.fsync = fsync
"""
AT_SITE = """
import os, signal
import validator.publish.site as site
def build(report, docs, programme, context, tmp):
    (tmp / "index.html").write_text("half a site", encoding="utf-8")
    os.kill(os.getpid(), signal.{sig})
site._build = build
"""
AT_JSON_CHUNK = """
import os, signal, threading
import validator.report.json_stream as js
js.json_bytes.__defaults__ = (1,)  # a check a chunk: all but the first laid out on a thread
real = js._chunk
def chunk(*args):
    if threading.current_thread() is not threading.main_thread():
        os.kill(os.getpid(), signal.{sig})
    return real(*args)
js._chunk = chunk
"""
HOOKS = {"report": AT_REPORT, "site": AT_SITE, "json chunk": AT_JSON_CHUNK}
RUN = """
import sys
from validator.cli.main import main
sys.argv = ["validate", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(
    ("sig", "where"),
    [
        ("SIGINT", "report"), ("SIGINT", "site"), ("SIGTERM", "site"), ("SIGHUP", "report"),
        ("SIGINT", "json chunk"), ("SIGTERM", "json chunk"),
    ],
)  # fmt: skip
def test_a_signal_ends_the_run_cleanly(sig: str, where: str, tmp_path):
    p = scratch(tmp_path / "project")
    report, site = tmp_path / "report.txt", tmp_path / "site"
    report.write_text("the earlier report", encoding="utf-8")
    before = digest(p.root)
    hook = HOOKS[where].format(sig=sig)
    args = [str(p.data), "--schemas", str(p.schemas), "--output", str(report)]
    if where == "json chunk":
        args += ["--format", "json"]
    args += ["--docs-dir", str(site)]
    proc = subprocess.run(
        [sys.executable, "-c", hook + RUN, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 128 + getattr(signal, sig), proc.stderr
    assert f"interrupted ({sig})" in proc.stderr
    assert "Traceback" not in proc.stderr and "Aborted!" not in proc.stderr
    assert report.read_text("utf-8") == "the earlier report" and not site.exists()
    assert digest(p.root) == before and not leftovers(tmp_path)


def test_the_exit_codes_are_in_the_help():
    from click.testing import CliRunner

    from validator.cli.main import validate

    assert "128+N" in CliRunner().invoke(validate, ["--help"]).output
    assert (ROOT / "docs" / "bad-inputs.md").read_text("utf-8").count("128 + N") >= 1
