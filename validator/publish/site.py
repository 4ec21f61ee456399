"""build_site: the Great Expectations data docs of a Report, built aside and swapped in atomically.

    from validator.publish import build_site
    result = build_site(report, Path("site"), Path("expectations"))

The site is built in a temporary folder next to `docs_dir`, checked (nothing remote, every
document's run linked from the index) and only then renamed into place; on any failure the
previous site is left as it was and a PublishError says why.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from validator.findings.model import Report
from validator.publish.errors import PublishError
from validator.publish.findings import DocumentFindings, document_findings
from validator.publish.notes import FINDINGS_FILE
from validator.publish.offline import check_index, check_offline
from validator.publish.programme import Programme, load_programme


@dataclass(frozen=True)
class SiteResult:
    """Where the site's index is, how long the build took, and what it holds."""

    index: Path
    seconds: float
    documents: int
    findings: int


def build_site(report: Report, docs_dir: Path, context_dir: Path) -> SiteResult:
    """Publish `report` as GX data docs in `docs_dir`, one validation per source document."""
    start = time.perf_counter()
    docs_dir, context_dir = Path(docs_dir), Path(context_dir)
    programme = load_programme(context_dir)
    docs = document_findings(report, programme)
    _check_target(docs_dir)
    try:
        docs_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(
            tempfile.mkdtemp(prefix=f".{docs_dir.name}.", suffix=".tmp", dir=docs_dir.parent)
        )
    except OSError as exc:
        raise PublishError(f"cannot create a folder next to {docs_dir}: {exc.strerror}") from None
    try:
        _build(report, docs, programme, context_dir, tmp)
        swap_in(tmp, docs_dir)
    except PublishError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except Exception as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PublishError(
            f"cannot build the data docs in {docs_dir}: {type(exc).__name__}: {exc}"
        ) from exc
    except BaseException:  # interrupted: no half-built folder is left behind either
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    findings = sum(len(d.findings) for d in docs)
    return SiteResult(docs_dir / "index.html", time.perf_counter() - start, len(docs), findings)


def _build(
    report: Report,
    docs: list[DocumentFindings],
    programme: Programme,
    context_dir: Path,
    tmp: Path,
) -> None:
    from validator.publish.gx_run import (
        gx_errors,
        open_context,
        render_site,
        utc_clock,
        validate_documents,
    )

    with _locked(context_dir), utc_clock(), gx_errors():
        ctx = open_context(context_dir)
        validate_documents(ctx, docs, programme)
        render_site(ctx, tmp)
    write_findings(report, docs, tmp / FINDINGS_FILE)
    check_offline(tmp)
    check_index(tmp, [d.run_name for d in docs])
    tmp.chmod(0o755)  # mkdtemp made it private; the site is meant to be read


def write_findings(report: Report, docs: list[DocumentFindings], path: Path) -> None:
    """The JSON report restricted to the findings: what the pages never truncate."""
    from validator.report.json_report import render_json

    rows = sorted({c.row for d in docs for c in d.findings})
    path.write_text(
        render_json(report.subset(np.array(rows, dtype=np.int64))), encoding="utf-8", newline="\n"
    )


def _check_target(docs_dir: Path) -> None:
    """Never replace a folder that is not a site this function built (or an empty one)."""
    if not docs_dir.exists():
        return
    if not docs_dir.is_dir():
        raise PublishError(f"{docs_dir} exists and is not a folder")
    if any(docs_dir.iterdir()) and not (docs_dir / FINDINGS_FILE).is_file():
        raise PublishError(
            f"refusing to replace {docs_dir}: it is not empty and holds no data docs "
            f"({FINDINGS_FILE} missing)"
        )


def swap_in(new: Path, target: Path) -> None:
    """Put the folder `new` at `target`: one atomic exchange where the OS has one, else two
    renames (the previous site is put back if the second fails)."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the previous site
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE) on Linux; False where it is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


@contextmanager
def _locked(context_dir: Path) -> Iterator[None]:
    """One build at a time per context: they share its validation results store."""
    folder = context_dir / "uncommitted"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".publish.lock", "w") as fh:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
