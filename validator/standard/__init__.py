"""The standard knowledge that ships in the package: the concept dictionary, units, axes and
rulebooks, and the Great Expectations context of the data-docs site.

The repository keeps them at schemas/ and expectations/; pyproject.toml maps those folders into
the package as validator.standard.schemas and validator.standard.expectations, so an installed
copy finds them with importlib.resources and never looks for the source tree.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

from validator.errors import InputError, Problem

SCHEMAS_PACKAGE = "validator.standard.schemas"
EXPECTATIONS_PACKAGE = "validator.standard.expectations"
CONTEXT_FILE = "great_expectations.yml"


def standard_schemas() -> Path:
    """The packaged schemas folder (concepts/, units.yaml, axes.yaml, rulebooks/)."""
    return _folder(SCHEMAS_PACKAGE, "units.yaml")


def standard_expectations() -> Path:
    """The packaged GX context (great_expectations.yml, the suite, the page templates)."""
    return _folder(EXPECTATIONS_PACKAGE, CONTEXT_FILE)


@contextmanager
def writable_context(context: Path) -> Iterator[Path]:
    """A temporary copy of a GX context: GX writes its validation results store into the
    context, and an installed package is no place for them (it may not even be writable)."""
    with tempfile.TemporaryDirectory(prefix="validate-gx-") as tmp:
        copy = Path(tmp) / "expectations"
        shutil.copytree(context, copy, ignore=shutil.ignore_patterns("uncommitted"))
        yield copy


def _folder(package: str, marker: str) -> Path:
    """The folder of a data package, located through a file it must hold (a data package has
    no __init__.py, so its files() may span locations; the marker file names the one)."""
    try:
        found = files(package) / marker
    except ModuleNotFoundError:
        found = None
    if not isinstance(found, Path) or not found.is_file():
        raise InputError(
            Problem(f"the package's standard data is not installed ({marker} missing)", package)
        )
    return found.parent
