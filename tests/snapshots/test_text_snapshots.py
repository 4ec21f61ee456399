"""The rendered text report, byte for byte: plain and coloured (ANSI), at 60 and 100 columns,
for the project's data/ and for a small corpus with a discrepancy, a waiver and checks that wait
for a figure. Any change to the text fails here; after a deliberate change, regenerate with

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/snapshots

and review the diff of tests/snapshots/*.txt."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.helpers import ROOT, SCHEMAS
from tests.snapshots.corpus import small_corpus
from validator.findings.model import Report
from validator.io.concept_names import concept_names
from validator.pipeline import check
from validator.report.answers import render_explain, render_show
from validator.report.lookup import figures_at
from validator.report.text import render_text

HERE = Path(__file__).parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
NAMES = concept_names([ROOT / "data"], SCHEMAS)  # as the command passes them


def snapshot(name: str, text: str) -> None:
    path = HERE / f"{name}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.name} changed: review, then regenerate with UPDATE_SNAPSHOTS=1"


def _checked(cwd: Path, data: Path) -> Report:
    before = Path.cwd()
    os.chdir(cwd)  # file paths in the report are shown relative to the working directory
    try:
        return check([data], SCHEMAS)
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def data_report() -> Report:
    return _checked(ROOT, Path("data"))


@pytest.fixture(scope="module")
def small_report(tmp_path_factory) -> Report:
    root = tmp_path_factory.mktemp("small")
    small_corpus(root)
    return _checked(root, Path("data"))


@pytest.mark.parametrize("color", [False, True], ids=["plain", "ansi"])
def test_data_report(data_report, color):
    name = f"data-{'ansi' if color else 'plain'}-100"
    snapshot(name, render_text(data_report, color=color, width=100, names=NAMES))


@pytest.mark.parametrize("width", [60, 100])
@pytest.mark.parametrize("color", [False, True], ids=["plain", "ansi"])
def test_small_report(small_report, color, width):
    name = f"small-{'ansi' if color else 'plain'}-{width}"
    snapshot(name, render_text(small_report, color=color, width=width, names=NAMES))


def test_small_report_verbose(small_report):
    snapshot("small-verbose-100", render_text(small_report, verbose=True, width=100, names=NAMES))


def test_explain_and_show(small_report):
    snapshot(
        "small-explain-60",
        render_explain(small_report, "growth:甲公司/合并/2024/rd_expenses vs 2023", width=60),
    )
    figures = figures_at(small_report, "data/600000.SH/jia-2024-annual/facts.csv", 4)
    snapshot("small-show-100", render_show(small_report, figures, width=100))


@pytest.mark.parametrize("width", [60, 100])
def test_lines_wrap_at_the_console_width_counting_cjk_as_two_cells(
    data_report, small_report, width
):
    for report in (data_report, small_report):
        lines = render_text(report, verbose=True, width=width).split("\n")
        widest = max(cell_len(line) for line in lines)
        assert widest <= width
        assert widest > width - 10  # long lines are wrapped near the width, not cut short
        assert any(cell_len(x) > len(x) for x in lines if len(x) > width // 2)  # CJK lines too


def test_colour_changes_no_layout(data_report, small_report):
    for report in (data_report, small_report):
        plain = render_text(report, width=80)
        coloured = render_text(report, color=True, width=80)
        assert coloured != plain
        assert ANSI.sub("", coloured) == plain


def test_github_annotations_are_unchanged_by_the_text_report(data_report, small_report):
    from validator.report.render import render

    snapshot("data-github", render(data_report, "github"))
    snapshot("small-github", render(small_report, "github"))
