"""The real pre-commit framework runs the hook from this repository (try-repo), and the
README's two snippets as printed (the pinned commit, with only the repo URL substituted;
the `repo: local` hook).

pre-commit installs promolint into its own virtualenv with pip (from PyPI for the
dependencies), so this test takes tens of seconds and needs git and the network.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.cli.test_cli import GOOD, INVERTED

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def test_hook_definition():
    """Every staged file is passed (no `files` filter): promolint decides what each one
    is (`check --changed`), so a plain .yaml promotion, the config and a price list of
    any name reach it."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "promolint")
    assert hook["language"] == "python"
    assert "--changed" in hook["entry"].split() and hook.get("files", "") == ""
    assert hook["types"] == ["file"] and hook["require_serial"] is True


def _git(cwd: Path, *args: str, env: dict) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)
    return done.stdout.decode("utf-8", "surrogateescape")


def _hook_repo(dest: Path, env: dict) -> Path:
    """This project's working tree (tracked and untracked files, not ignored ones) as a
    committed repo: try-repo on a dirty tree snapshots changes to tracked files only."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", env=env)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git(dest, "init", "-q", env=env)
    _git(dest, "add", "-A", env=env)
    _git(dest, "commit", "-q", "-m", "snapshot", env=env)
    return dest


needs_pre_commit = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is not installed (pip install -e .[test])"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="the project is not a git checkout"),
    pytest.mark.skipif(bool(os.environ.get("PROMOLINT_SKIP_PRECOMMIT")), reason="PROMOLINT_SKIP_PRECOMMIT is set"),
]
README_URL = "https://github.com/promolint/promolint"


def _env(tmp_path: Path) -> dict:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "NO_COLOR": "1", "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    return env


def _shop(tmp_path: Path, env: dict) -> Path:
    """A promotion repo: a live promotion, a staged file reusing its id with an inverted
    threshold, and a fine one."""
    repo = tmp_path / "shop"
    (repo / "promos").mkdir(parents=True)
    (repo / "promolint.toml").write_text('select = ["inverted-threshold", "duplicate-id"]\n')
    (repo / "promos/live.promo.yaml").write_text(GOOD.format(id="d11"))
    (repo / "promos/new.promo.yaml").write_text(INVERTED.format(id="d11"))
    (repo / "promos/fine.promo.yaml").write_text(GOOD.format(id="fine"))
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", ".", env=env)
    return repo


def readme_snippets() -> list[str]:
    """The README's `.pre-commit-config.yaml` snippets, as printed."""
    readme = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.S)


def _run_snippet(repo: Path, snippet: str, env: dict) -> subprocess.CompletedProcess:
    (repo / ".pre-commit-config.yaml").write_text(snippet, encoding="utf-8")
    return subprocess.run([str(PRE_COMMIT), "run", "--files", "promos/new.promo.yaml",
                           "promos/fine.promo.yaml"], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=600)


def _assert_hook_found(done: subprocess.CompletedProcess) -> None:
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "promos/new.promo.yaml:7:" in out and "inverted-threshold" in out
    assert "promos/new.promo.yaml:3:5: error duplicate-id" in out  # the unnamed file is context
    assert "\npromos/fine.promo.yaml:" not in out


def test_readme_prints_a_pinned_commit_and_a_local_hook():
    pinned, local = readme_snippets()
    rev = yaml.safe_load(pinned)["repos"][0]["rev"]
    assert re.fullmatch(r"[0-9a-f]{40}", rev), "pin a full commit SHA: there are no tags"
    assert yaml.safe_load(local)["repos"][0]["repo"] == "local"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_readme_pinned_commit_is_in_the_history():
    """The SHA the README pins is a commit of this repository's history (a shallow clone
    cannot tell, so it is not asked)."""
    shallow = _git(ROOT, "rev-parse", "--is-shallow-repository", env=dict(os.environ)).strip()
    rev = yaml.safe_load(readme_snippets()[0])["repos"][0]["rev"]
    if shallow == "true":
        pytest.skip("a shallow clone: the pinned commit may be outside it")
    found = subprocess.run(["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=ROOT)
    assert found.returncode == 0, f"README pins {rev}, which is not a commit of this repository"


def test_readme_snippet_pinned_commit_runs(tmp_path):
    """The README's snippet exactly as printed, with the repo URL replaced by this clone:
    pre-commit fetches the pinned commit and runs its hook; `pre-commit autoupdate` (what
    the README says moves the pin) writes the clone's newest commit."""
    _skip_without_pre_commit()
    env = _env(tmp_path)
    repo = _shop(tmp_path, env)
    pinned = readme_snippets()[0]
    assert pinned.count(README_URL) == 1
    _assert_hook_found(_run_snippet(repo, pinned.replace(README_URL, str(ROOT)), env))
    subprocess.run([str(PRE_COMMIT), "autoupdate"], cwd=repo, capture_output=True, env=env,
                   check=True, timeout=600)
    rev = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text("utf-8"))["repos"][0]["rev"]
    assert rev == _git(ROOT, "rev-parse", "HEAD", env=env).strip()


def test_readme_local_hook_runs(tmp_path):
    """The README's `repo: local` hook as printed, with promolint installed beside
    pre-commit (as a team that vendors it installs it)."""
    _skip_without_pre_commit()
    env = _env(tmp_path)
    env["PATH"] = f"{PRE_COMMIT.parent}{os.pathsep}{env.get('PATH', '')}"
    repo = _shop(tmp_path, env)
    _assert_hook_found(_run_snippet(repo, readme_snippets()[1], env))


def _skip_without_pre_commit() -> None:
    for mark in needs_pre_commit:
        if mark.args[0]:
            pytest.skip(mark.kwargs["reason"])


def test_pre_commit_try_repo(tmp_path):
    _skip_without_pre_commit()
    env = _env(tmp_path)
    repo = _shop(tmp_path, env)
    hooks = _hook_repo(tmp_path / "promolint", env)

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(PRE_COMMIT), "try-repo", str(hooks), "promolint",
                               "--verbose", "--files", *files],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=600)

    # One run (pre-commit reinstalls the hook for every try-repo, ~30-60 s).
    done = try_repo("promos/new.promo.yaml", "promos/fine.promo.yaml")
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "promos/new.promo.yaml:7:" in out and "inverted-threshold" in out
    assert "promos/new.promo.yaml:3:5: error duplicate-id" in out  # the unnamed file is context
    assert "\npromos/live.promo.yaml:" not in out  # findings only for the named files
    assert "\npromos/fine.promo.yaml:" not in out
    assert "2 file(s), 2 promotion(s)" in out


def test_pre_commit_blocks_money_moved_outside_promotion_files(tmp_path):
    """The real framework, installed once, on real commits of the shop example: a commit
    of the price list alone, of the config alone, or of a plain .yaml promotion is
    blocked when it makes a promotion dangerous; a commit of neither passes."""
    _skip_without_pre_commit()
    env = _env(tmp_path)
    hooks = _hook_repo(tmp_path / "promolint", env)
    rev = _git(hooks, "rev-parse", "HEAD", env=env).strip()
    repo = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: promolint\n")
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-qm", "shop", "--no-verify", env=env)

    def commit(*names: str) -> subprocess.CompletedProcess:
        _git(repo, "add", *names, env=env)
        return subprocess.run([str(PRE_COMMIT), "run"], cwd=repo, capture_output=True,
                              text=True, env=env, timeout=600)

    def undo(*names: str) -> None:
        _git(repo, "reset", "-q", "HEAD", "--", *names, env=env)
        _git(repo, "checkout", "-q", "--", *names, env=env)

    prices = repo / "market_prices.csv"
    prices.write_text(prices.read_text().replace("HP-300,CNY,899.00", "HP-300,CNY,1299.00"))
    done = commit("market_prices.csv")
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "promotions/flash-sale.promo.yaml:16:10: error below-market" in out
    undo("market_prices.csv")

    config = repo / "promolint.toml"
    config.write_text(config.read_text().replace("max_below_market = 0.5", "max_below_market = 0.3"))
    done = commit("promolint.toml")
    assert done.returncode == 1 and "promotions/group-buy.promo.yaml:17:10: error below-market" \
        in done.stdout, done.stdout + done.stderr
    undo("promolint.toml")

    d12 = ROOT / "examples/broken/inverted-threshold.promo.yaml"
    (repo / "d12.yaml").write_text(d12.read_text("utf-8"), encoding="utf-8")
    done = commit("d12.yaml")
    assert done.returncode == 1 and "d12.yaml:15:11: error inverted-threshold" in done.stdout, \
        done.stdout + done.stderr
    _git(repo, "rm", "-q", "--cached", "d12.yaml", env=env)
    (repo / "d12.yaml").unlink()

    (repo / "notes.md").write_text("no money here\n")
    (repo / "k8s.yaml").write_text("apiVersion: v1\nkind: ConfigMap\ndata:\n  d.yaml: |\n"
                                   "    apiVersion: promolint/v1\n    id: x\n")
    done = commit("notes.md", "k8s.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
