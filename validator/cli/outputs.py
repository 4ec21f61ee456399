"""The outputs of a run: checked against the inputs before the run, prepared aside after it,
put in place together only when everything succeeded."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable
from pathlib import Path

from validator.cli.progress import progress_display
from validator.errors import InputError
from validator.report.output import Piece


def write_stdout(text: str | Iterable[Piece]) -> None:
    """The report (or its pieces, in order: text, or UTF-8 bytes) on standard output; a closed
    or failing stdout is an error, never a report lost with exit 0."""
    stream = sys.stdout
    if stream is None:
        raise InputError("standard output is closed: nowhere to write the report (use --output)")
    raw = getattr(stream, "buffer", None)
    utf8 = raw is not None and codecs.lookup(stream.encoding or "ascii").name == "utf-8"
    try:
        for piece in [text] if isinstance(text, str) else text:
            if isinstance(piece, str):
                stream.write(piece)
            elif utf8:  # already the bytes the stream would write
                stream.flush()
                raw.write(piece)
            else:
                stream.write(bytes(piece).decode("utf-8"))
        stream.flush()
    except OSError as exc:
        raise InputError(
            f"cannot write the report to standard output: {exc.strerror or exc}"
        ) from None
    except UnicodeEncodeError as exc:
        raise InputError(
            f"cannot write the report to standard output in its encoding ({exc.encoding}): "
            "set PYTHONIOENCODING=utf-8 or use --output"
        ) from None


def context_dir(schemas: Path | None, paths: list[Path]) -> Path:
    """The GX context: expectations/ beside the schemas folder, else the package's."""
    from validator.io.project import find_schemas
    from validator.standard import CONTEXT_FILE, standard_expectations

    context = (schemas or find_schemas(paths)).resolve().parent / "expectations"
    if not (context / CONTEXT_FILE).is_file():
        context = standard_expectations()
    return context


def check_targets(
    paths: list[Path],
    schemas: Path | None,
    context: Path,
    output: Path | None,
    docs_dir: Path | None,
) -> None:
    """Before anything is read: no output may be written to, over or inside an input."""
    from validator.io.inputs import absolute, check_holds_no_input, check_not_inside, input_roots
    from validator.io.project import find_schemas

    roots = input_roots(paths, schemas or find_schemas(paths), context)
    if output:
        from validator.report.output import check_output_path

        check_output_path(output)
        check_not_inside(output, roots, "the report")
    if docs_dir is not None:
        from validator.publish import PublishError
        from validator.publish.site import check_target

        check_holds_no_input(docs_dir, roots, "the data-docs folder")
        try:
            check_target(docs_dir)
        except PublishError as exc:
            raise InputError(f"data docs: {exc.message}") from None
        if output and absolute(output).is_relative_to(absolute(docs_dir)):
            raise InputError(
                f"{output}: refusing to write the report inside the data-docs folder "
                f"{docs_dir}, which the run replaces"
            )


def prepare_site(report, docs_dir: Path, context: Path, quiet: bool):
    """Build the data-docs site aside; it is put in place with the other outputs."""
    import time
    from contextlib import ExitStack

    from validator.publish import PublishError
    from validator.publish.site import prepare_site as prepare
    from validator.publish.site import site_result
    from validator.standard import standard_expectations, writable_context

    start = time.perf_counter()
    try:
        with ExitStack() as stack:
            copied = context.resolve() == standard_expectations().resolve()
            if copied:
                # GX writes its validation results store into the context: never into the
                # installed package (nor the repository's own copy of it); the site keeps it.
                context = stack.enter_context(writable_context(context))
            progress = stack.enter_context(progress_display(enabled=not quiet))
            progress("building the data-docs site")
            pending, docs = prepare(report, docs_dir, context, carry_history=copied)
    except PublishError as exc:
        raise InputError(f"data docs: {exc.message}") from None
    except OSError as exc:
        raise InputError(f"data docs: {exc}") from None
    return _PublishedSite(pending), site_result(docs_dir, docs, time.perf_counter() - start)


class _PublishedSite:
    """A pending site whose failure to go in place is an input error like any other."""

    def __init__(self, pending):
        self.pending = pending

    def commit(self) -> None:
        from validator.publish import PublishError

        try:
            self.pending.commit()
        except PublishError as exc:
            raise InputError(f"data docs: {exc.message}") from None

    def discard(self) -> None:
        self.pending.discard()
