"""Earlier runs in the GX validation results store: numbered, compared, and kept to a limit.

Every document's validation result of run N is stored under the batch `<entity code>.run-N`
(the run name stays the document id, the run time its date), with the run's key and its
findings (check id, acknowledged) in the result's meta. Only this run's results are rendered;
the earlier ones are read to say what changed. The documents without findings share one result,
of the batch `_quiet.run-N`, that lists them (publish.quiet). GX is imported by the caller (gx_run).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from validator.publish.errors import PublishError
from validator.publish.history import History
from validator.publish.quiet import QUIET_BATCH

META = "validator_run"
HISTORY_RUNS = 20  # runs kept in the store, this one included
_RUN = re.compile(r"\.run-(\d{4,})$")


def run_batch(code: str, run: int) -> str:
    return f"{code}.run-{run:04d}"


def run_of(key: Any) -> int | None:
    m = _RUN.search(str(key.batch_identifier))
    return int(m.group(1)) if m else None


def _meta(store: Any, key: Any) -> dict[str, Any]:
    try:
        result = store.get(key)
    except Exception:  # an unreadable old result is no history
        return {}
    meta = getattr(result, "meta", None) or {}
    return meta.get(META) or {}


def _sorted(keys: list[Any]) -> list[Any]:
    return sorted(keys, key=lambda k: tuple(str(x) for x in k.to_tuple()))


def read_history(store: Any, key: str, root: str) -> History:
    """This run's number (the latest again when its key is the same) and, per document, the
    findings of the latest earlier run that had it; results that are not numbered runs, or
    beyond the limit, are removed. One stored result is read per document."""
    check_inside(store, root)
    runs: dict[int, list[Any]] = defaultdict(list)
    for k in store.list_keys():
        n = run_of(k)
        if n is None:
            store.remove_key(k)  # a result of an older layout: not a run to compare with
        else:
            runs[n].append(k)
    latest = max(runs, default=0)
    same = latest and any(_meta(store, k).get("key") == key for k in _sorted(runs[latest])[:1])
    run = latest if same else latest + 1
    last_of: dict[str, tuple[int, Any]] = {}
    quiet_in: dict[str, int] = {}  # document -> latest earlier run it was quiet in
    for n in sorted(n for n in runs if run - HISTORY_RUNS < n < run):
        for k in _sorted(runs[n]):
            if str(k.batch_identifier).startswith(QUIET_BATCH + "."):
                quiet_in.update(dict.fromkeys(map(str, _meta(store, k).get("quiet", [])), n))
            else:
                last_of[str(k.run_id.run_name)] = (n, k)
    before: dict[str, dict[str, bool]] = {}
    previous_of: dict[str, int] = {}
    for doc, (n, k) in sorted(last_of.items()):
        if quiet_in.get(doc, 0) > n:
            continue  # quiet since: it had no findings then
        meta = _meta(store, k)
        if meta.get("document") == doc:
            before[doc] = {i: bool(a) for i, a in meta.get("findings", [])}
            previous_of[doc] = n
    for doc, n in quiet_in.items():
        if doc not in previous_of:
            before[doc], previous_of[doc] = {}, n
    for n in sorted(runs):
        if n <= run - HISTORY_RUNS or n == run:  # run `run` is written again in full
            for k in runs[n]:
                store.remove_key(k)
    kept = tuple(sorted({n for n in runs if n > run - HISTORY_RUNS} | {run}))
    return History(run, before, previous_of, kept)


def check_inside(store: Any, root: str) -> None:
    """The history is only ever pruned inside the context it belongs to."""
    folder = Path(store.store_backend.full_base_directory)
    if not folder.resolve().is_relative_to(Path(root).resolve()):
        raise PublishError(f"validation results store {folder} is outside the context {root}")
    folder.mkdir(parents=True, exist_ok=True)
