"""--changed-since on a temporary git repository: changed and untracked files are linted
with the rest of the repository as context."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from promolint.cli import main
from tests.cli.test_cli import GOOD, INVERTED

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                        "HOME": str(root), "PATH": "/usr/bin:/bin:/usr/local/bin"})


@pytest.fixture
def gitrepo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "promolint.toml").write_text('select = ["inverted-threshold", "duplicate-id"]\n')
    (tmp_path / "promos").mkdir()
    (tmp_path / "promos/old.promo.yaml").write_text(INVERTED.format(id="old"))
    (tmp_path / "promos/kept.promo.yaml").write_text(GOOD.format(id="kept"))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


def findings(*args):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return sorted((f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"])


def test_nothing_changed_lints_nothing(gitrepo):
    result = CliRunner().invoke(main, ["check", "--changed-since", "HEAD"])
    assert result.exit_code == 0
    assert "no promotion files changed since HEAD" in result.stderr


def test_only_changed_and_untracked_files(gitrepo):
    (gitrepo / "promos/kept.promo.yaml").write_text(INVERTED.format(id="kept"))
    (gitrepo / "promos/new.promo.yaml").write_text(INVERTED.format(id="new"))
    assert findings("--changed-since", "HEAD") == [
        ("promos/kept.promo.yaml", "inverted-threshold"), ("promos/new.promo.yaml", "inverted-threshold")]


def test_committed_changes_since_a_branch_point(gitrepo):
    git(gitrepo, "checkout", "-q", "-b", "feature")
    (gitrepo / "promos/feature.promo.yaml").write_text(INVERTED.format(id="feature"))
    git(gitrepo, "add", ".")
    git(gitrepo, "commit", "-q", "-m", "feature")
    assert findings("--changed-since", "main") == [("promos/feature.promo.yaml", "inverted-threshold")]


def test_the_rest_of_the_repo_is_context(gitrepo):
    (gitrepo / "promos/copy.promo.yaml").write_text(GOOD.format(id="kept"))
    assert findings("--changed-since", "HEAD") == [("promos/copy.promo.yaml", "duplicate-id")]


def test_paths_narrow_the_changed_files(gitrepo):
    (gitrepo / "other").mkdir()
    (gitrepo / "other/x.promo.yaml").write_text(INVERTED.format(id="x"))
    (gitrepo / "promos/y.promo.yaml").write_text(INVERTED.format(id="y"))
    assert findings("--changed-since", "HEAD", "other") == [("other/x.promo.yaml", "inverted-threshold")]


def test_bad_ref_exits_2(gitrepo):
    result = CliRunner().invoke(main, ["check", "--changed-since", "no-such-ref"])
    assert result.exit_code == 2
    assert result.stderr.startswith("promolint: --changed-since: git knows no commit 'no-such-ref'")


@pytest.mark.parametrize("ref", ["", "  ", "--output=/tmp/x"])
def test_an_empty_or_option_like_ref_is_refused(gitrepo, ref):
    """`--changed-since ""` used to lint everything; `-x` would be read as a git option."""
    result = CliRunner().invoke(main, ["check", f"--changed-since={ref}"])
    assert result.exit_code == 2 and "is not a git ref" in result.stderr


def test_no_git_binary_is_said_plainly(gitrepo, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["check", "--changed-since", "HEAD"])
    assert result.exit_code == 2
    assert "needs git: git is not installed" in result.stderr


def test_outside_a_git_repository_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(main, ["check", "--changed-since", "HEAD"])
    assert result.exit_code == 2
    assert "git repository" in result.stderr
