"""The guard that keeps tests out of the working tree notices every kind of change."""

from tests.conftest import changes, snapshot


def test_the_guard_sees_files_added_changed_and_removed(tmp_path):
    for name in ("site", "data"):
        (tmp_path / name).mkdir()
    (tmp_path / "data" / "facts.csv").write_text("a", encoding="utf-8")
    (tmp_path / "data" / "gone.csv").write_text("b", encoding="utf-8")
    before = snapshot(tmp_path)
    (tmp_path / "data" / "facts.csv").write_text("c", encoding="utf-8")
    (tmp_path / "data" / "gone.csv").unlink()
    (tmp_path / "site" / "index.html").write_text("<html>", encoding="utf-8")
    (tmp_path / "data" / "__pycache__").mkdir()
    (tmp_path / "data" / "__pycache__" / "x.pyc").write_bytes(b"")
    assert changes(before, snapshot(tmp_path)) == [
        "added site/index.html",
        "changed data/facts.csv",
        "removed data/gone.csv",
    ]
