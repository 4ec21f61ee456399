"""build_site: the Great Expectations data docs of a Report, built aside and swapped in atomically.

    from validator.publish import build_site
    result = build_site(report, Path("site"), Path("expectations"))

Besides GX's pages, the site holds the project's review pages (site_pages): source views from
the findings' fact table, findings lists, the not-checkable checks and the run history.

The site is built in a temporary folder next to `docs_dir`, checked (nothing remote, every
document's run linked from the index) and only then renamed into place; on any failure the
previous site is left as it was and a PublishError says why. Only a folder holding the marker
file every built site carries (or an empty one) is ever replaced.
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
from validator.publish.anchors import Where, doc_slug
from validator.publish.errors import PublishError
from validator.publish.findings import DocumentFindings, document_findings
from validator.publish.history import run_key
from validator.publish.notes import FINDINGS_FILE
from validator.publish.offline import check_index, check_offline
from validator.publish.programme import Programme, load_programme
from validator.publish.quiet import QUIET_RUN, quiet_findings, split_quiet
from validator.report.output import umask_mode


@dataclass(frozen=True)
class SiteResult:
    """Where the site's index is, how long the build took, and what it holds."""

    index: Path
    seconds: float
    documents: int
    findings: int


MARKER_FILE = ".validate-site"
MARKER_TEXT = (
    "This folder is a data-docs site built by `validate`. The next run replaces it as a whole:\n"
    "do not keep other files here.\n"
)


@dataclass
class PendingSite:
    """A complete, checked site beside its target, not yet in place."""

    tmp: Path | None
    target: Path

    def commit(self) -> None:
        if self.tmp is None:
            return
        try:
            swap_in(self.tmp, self.target)
        except OSError as exc:
            raise PublishError(f"cannot replace {self.target}: {exc.strerror}") from None
        finally:
            self.discard()

    def discard(self) -> None:
        if self.tmp is not None:
            _remove(self.tmp)
            self.tmp = None


def build_site(report: Report, docs_dir: Path, context_dir: Path) -> SiteResult:
    """Publish `report` as GX data docs in `docs_dir`, one validation per source document."""
    start = time.perf_counter()
    pending, docs = prepare_site(report, docs_dir, context_dir)
    pending.commit()
    return site_result(docs_dir, docs, time.perf_counter() - start)


def site_result(docs_dir: Path, docs: list[DocumentFindings], seconds: float) -> SiteResult:
    findings = sum(len(d.findings) for d in docs)
    return SiteResult(Path(docs_dir) / "index.html", seconds, len(docs), findings)


HISTORY_FOLDER = ".history"  # earlier runs' results, kept in the site when the context is a copy
STORE = Path("uncommitted") / "validations"


def prepare_site(
    report: Report, docs_dir: Path, context_dir: Path, carry_history: bool = False
) -> tuple[PendingSite, list[DocumentFindings]]:
    """Build and check the site in a temporary folder beside `docs_dir`; nothing is replaced
    until the result is committed. `carry_history`: the context is a throwaway copy (the
    packaged one), so earlier runs come from the previous site and go into the new one."""
    docs_dir, context_dir = Path(docs_dir), Path(context_dir)
    if carry_history and (docs_dir / HISTORY_FOLDER).is_dir() and not docs_dir.is_symlink():
        shutil.copytree(docs_dir / HISTORY_FOLDER, context_dir / STORE, dirs_exist_ok=True)
    programme = load_programme(context_dir)
    docs = document_findings(report, programme, site_where(report))
    _check_slugs([d.run_name for d in docs])
    check_target(docs_dir)
    try:
        docs_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(
            tempfile.mkdtemp(prefix=f".{docs_dir.name}.", suffix=".tmp", dir=docs_dir.parent)
        )
    except OSError as exc:
        raise PublishError(f"cannot create a folder next to {docs_dir}: {exc.strerror}") from None
    pending, built = PendingSite(tmp, docs_dir), False
    try:
        _build(report, docs, programme, context_dir, tmp)
        if carry_history and (context_dir / STORE).is_dir():
            shutil.copytree(context_dir / STORE, tmp / HISTORY_FOLDER)
        built = True
    except PublishError:
        raise
    except Exception as exc:
        raise PublishError(
            f"cannot build the data docs in {docs_dir}: {type(exc).__name__}: {exc}"
        ) from exc
    finally:  # failed or interrupted: no half-built folder is left behind
        if not built:
            pending.discard()
    return pending, docs


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
        open_history,
        render_site,
        utc_clock,
        validate_documents,
    )
    from validator.publish.pages import read_styles
    from validator.publish.site_pages import write_pages

    findings_text = findings_json(report, docs)
    counts = (f"{s.document.id}:{sorted(s.counts.items())}" for s in report.documents)
    key = run_key(findings_text, *counts)
    with _locked(context_dir), utc_clock(), gx_errors():
        ctx = open_context(context_dir)
        history = open_history(ctx, key)
        shown, quiet = split_quiet(docs, history)
        validated = shown + ([quiet_findings(quiet, programme)] if quiet else [])
        ids = tuple(d.run_name for d in quiet)
        keys = validate_documents(ctx, validated, programme, history, key, ids)
        render_site(ctx, tmp, keys)
    (tmp / FINDINGS_FILE).write_text(findings_text, encoding="utf-8", newline="\n")
    gx_pages = {k.run_id.run_name: "validations/" + "/".join(k.to_tuple()) + ".html" for k in keys}
    at = Where("", frozenset(d.run_name for d in shown))  # quiet documents have no source view
    write_pages(tmp, report, shown, history, at, gx_pages, read_styles(context_dir))
    check_offline(tmp)
    check_index(tmp, [d.run_name for d in validated])
    (tmp / MARKER_FILE).write_text(MARKER_TEXT, encoding="utf-8")
    tmp.chmod(umask_mode(0o777))  # mkdtemp made it private; the site is meant to be read


def site_where(report: Report) -> Where:
    """How the GX pages link a figure: every document that can have findings has a source view
    (documents published together as quiet have none, but no finding links a figure of them)."""
    return Where("", frozenset(s.document.id for s in report.documents))


def findings_json(report: Report, docs: list[DocumentFindings]) -> str:
    """The JSON report restricted to the findings: what the pages never truncate."""
    from validator.report.json_stream import render_json

    rows = sorted({c.row for d in docs for c in d.findings})
    return render_json(report.subset(np.array(rows, dtype=np.int64)))


def _check_slugs(ids: list[str]) -> None:
    """Two document ids must not share a folder of the review pages, nor take the quiet
    documents' run name."""
    if QUIET_RUN in ids:
        raise PublishError(
            f"document id {QUIET_RUN!r} is reserved for the documents without findings"
        )
    slugs = [doc_slug(i) for i in ids]
    twice = sorted({i for i, s in zip(ids, slugs, strict=True) if slugs.count(s) > 1})
    if twice:
        raise PublishError(f"document ids {twice} would share a folder of the site")


def check_target(docs_dir: Path) -> None:
    """Never replace a folder that is not a site this function built (it holds the marker
    file), an empty folder, or a symbolic link (the link would be replaced, not its target)."""
    if docs_dir.is_symlink():
        raise PublishError(
            f"refusing to replace {docs_dir}: it is a symbolic link (give the folder it points to)"
        )
    if not docs_dir.exists():
        return
    if not docs_dir.is_dir():
        raise PublishError(f"{docs_dir} exists and is not a folder")
    marker = docs_dir / MARKER_FILE
    if any(docs_dir.iterdir()) and not (marker.is_file() and not marker.is_symlink()):
        raise PublishError(
            f"refusing to replace {docs_dir}: it is not empty and is not a site built by "
            f"validate ({MARKER_FILE} missing)"
        )


def _remove(folder: Path) -> None:
    """Delete a folder this module created (a link in its place is unlinked, not followed)."""
    if folder.is_symlink() or not folder.is_dir():
        folder.unlink(missing_ok=True)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Put the folder `new` at `target`: one atomic exchange where the OS has one, else two
    renames (the previous site is put back if the second fails)."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        _remove(new)  # now the previous site
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}.tmp")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    finally:
        if old.exists() and target.exists():
            _remove(old)


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
