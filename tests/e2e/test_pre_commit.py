"""The pre-commit hook as a data repository uses it: the real `pre-commit try-repo` on a clone
of this repository installs the hook's environment from the package index and runs it on a
scratch data repository that has no schemas/ of its own (see try_repo.py)."""

from __future__ import annotations

import pytest

from tests.e2e.try_repo import TryRepo, required


@pytest.mark.slow
def test_pre_commit_try_repo_runs_the_hook_with_the_packaged_schemas(try_repo: TryRepo):
    if try_repo.unreachable:
        if required():
            pytest.fail(
                f"REQUIRE_INDEX=1 but the package index is unreachable: {try_repo.unreachable}"
            )
        pytest.skip(
            f"cannot reach the package index for the hook's environment: {try_repo.unreachable}"
        )
    code, output = try_repo.result()
    assert code == 1, output
    assert "validate stated figures" in output and "Failed" in output
    assert "debt_to_asset_ratio:甲公司/合并/2024-12-31" in output
    assert "Result: 1 discrepancy" in output
    assert "error" not in output.lower(), output
    assert sorted(p.name for p in try_repo.repo.iterdir()) == [".git", "data"]
