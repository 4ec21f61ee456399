"""The review after the backend, timed in process: CPU seconds of `pipeline.review` and of each
of its steps, with the backend's re-evaluations (correction candidates, printed ranges) counted
apart, so that the review's own work shows.

    python benchmarks/review_time.py benchmarks/out/1M/data
    python benchmarks/review_time.py DATA --cache /tmp/1M.pkl   (the backend's findings kept)
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from validator.engine.run import NumpyBackend  # noqa: E402
from validator.findings.summary import summarise  # noqa: E402
from validator.io.project import load_project  # noqa: E402
from validator.review.locate import locate  # noqa: E402
from validator.review.ranges import with_operand_ranges  # noqa: E402
from validator.review.suspects import with_suspects  # noqa: E402
from validator.review.waivers import apply_waivers  # noqa: E402
from validator.rules.rulebook import load_rulebooks  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--schemas", type=Path, default=ROOT / "schemas")
    parser.add_argument("--cache", type=Path, help="pickle of the backend's findings")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        project, plan, findings = pickle.loads(args.cache.read_bytes())
    else:
        project = load_project([args.data], args.schemas)
        plan = load_rulebooks(list(project.rule_files), project.dictionary)
        findings = NumpyBackend().run(plan, project.facts, project.dictionary)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((project, plan, findings), protocol=5))
    backend, spent, calls = NumpyBackend(), [0.0], [0]

    def reevaluate(facts):
        clock = time.process_time()
        out = backend.run(plan, facts, project.dictionary)
        spent[0] += time.process_time() - clock
        calls[0] += 1
        return out

    steps = [
        ("suspects", with_suspects),
        ("locate", lambda f: locate(f, project.facts, reevaluate)),
        ("ranges", lambda f: with_operand_ranges(f, project.facts, reevaluate)),
        ("waivers", lambda f: apply_waivers(f, list(project.waivers), project.documents)),
        ("summary", lambda f: summarise(f, project.documents)),
    ]
    f, total, backend_total = findings, 0.0, 0.0
    for name, step in steps:
        spent[0] = 0.0
        clock = time.process_time()
        f = step(f)
        took = time.process_time() - clock
        total, backend_total = total + took, backend_total + spent[0]
        own = took - spent[0]
        print(f"{name:9} {took:6.2f} s CPU  (backend {spent[0]:.2f} s, own {own:.2f} s)")
    print(
        f"review    {total:6.2f} s CPU  (backend {backend_total:.2f} s in {calls[0]} runs, "
        f"own {total - backend_total:.2f} s)"
    )


if __name__ == "__main__":
    main()
