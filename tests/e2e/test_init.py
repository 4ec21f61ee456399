"""`validate init` scaffolds a data repository that passes `validate` at once, and overwrites
nothing."""

from click.testing import CliRunner

from validator.cli.main import validate


def test_init_scaffolds_a_repository_that_validates(tmp_path, monkeypatch):
    repo = tmp_path / "figures"
    result = CliRunner().invoke(validate, ["init", str(repo)])
    assert result.exit_code == 0, result.output
    for rel in ("data/entities.yaml", "schemas/rulebooks/own-relations.yaml",
                ".pre-commit-config.yaml", ".github/workflows/validate-data.yml"):  # fmt: skip
        assert (repo / rel).is_file()
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(validate, ["--no-docs"])
    assert result.exit_code == 0, result.output
    assert "no unacknowledged discrepancies" in result.output


def test_init_never_overwrites_a_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "entities.yaml").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(validate, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "exists already" in result.output
    assert (tmp_path / "data" / "entities.yaml").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / ".pre-commit-config.yaml").exists()
