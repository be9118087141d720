"""`exclude` applies however a file is reached (issue 12): named (pre-commit), changed
since a ref, or as context of `--context repo`, and from any working folder."""
from __future__ import annotations

import json
import subprocess

from tests.cli.test_cli import GOOD, INVERTED, run


def _setup(repo):
    repo("promolint.toml", 'exclude = ["legacy/*"]\n')
    repo("legacy/old.promo.yaml", INVERTED.format(id="a"))  # broken, and the same id as a
    repo("promos/a.promo.yaml", GOOD.format(id="a"))


def _files(result) -> int:
    return json.loads(result.stdout)["summary"]["files"]


def test_a_named_excluded_file_is_not_linted(repo):
    _setup(repo)
    result = run("check", "--format", "json", "legacy/old.promo.yaml", "promos/a.promo.yaml")
    assert result.exit_code == 0 and _files(result) == 1


def test_only_excluded_files_named_is_nothing_to_do_not_an_error(repo):
    _setup(repo)
    result = run("check", "legacy/old.promo.yaml")
    assert result.exit_code == 0 and "exclude" in result.stderr


def test_changed_since_skips_excluded_files(repo):
    _setup(repo)
    git = ["git", "-c", "user.email=a@b", "-c", "user.name=a"]
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    (repo.root / "legacy" / "old.promo.yaml").write_text(INVERTED.format(id="b"))
    assert run("check", "--changed-since", "HEAD").exit_code == 0


def test_context_repo_from_a_subfolder_leaves_excluded_files_out(repo, monkeypatch):
    _setup(repo)
    monkeypatch.chdir(repo.root / "promos")
    result = run("check", "--format", "json", "--context", "repo", "a.promo.yaml")
    assert result.exit_code == 0, result.output  # no duplicate-id against legacy/
    monkeypatch.chdir(repo.root)
    (repo.root / "promolint.toml").write_text("")
    assert run("check", "--context", "repo", "promos/a.promo.yaml").exit_code == 1  # control
