"""End to end: `promolint diff` in a real git repository with two commits, run as a user
runs it (a subprocess), and the work tree left exactly as it was."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from promolint.source.dsl.render import render_file
from promolint.source.yaml.load import load_yaml

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str) -> str:
    env = os.environ | {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env=env).stdout


def promolint(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"LANG": "C.UTF-8", "LC_ALL": ""}
    return subprocess.run([sys.executable, "-m", "promolint", *args], cwd=repo, text=True,
                          capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example shop on main; a branch `feature` with one more commit."""
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "shop")
    git(root, "checkout", "-qb", "feature")
    d11 = root / "promotions" / "double11.promo.yaml"
    text = d11.read_text("utf-8").replace("threshold: 200\n  amount: 50", "threshold: 50\n  amount: 200")
    d11.write_text(text.replace("  budget: 500000\n", "  total: 1000000\n"), "utf-8")
    git(root, "commit", "-qam", "d11: typo")
    return root


def snapshot(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".git" not in p.parts}


def test_default_base_is_the_merge_base_with_main(repo):
    before = snapshot(repo)
    status = git(repo, "status", "--porcelain")
    done = promolint(repo, "diff")
    assert done.returncode == 1, done.stderr
    assert "P0 changed d11-spend200-save50" in done.stdout
    assert "满200减50 (at most 3 times) -> 每满50减200" in done.stdout.replace("每满200", "满200")
    assert "inverted-threshold" in done.stdout
    assert snapshot(repo) == before and git(repo, "status", "--porcelain") == status


def test_explicit_ref_and_json(repo):
    done = promolint(repo, "diff", "HEAD~1", "--format", "json")
    data = json.loads(done.stdout)
    assert data["grade"] == "P0" and data["summary"]["changed"] == 1
    [item] = data["promotions"]
    assert item["id"] == "d11-spend200-save50"
    assert {"benefit", "limits"} <= {c["field"] for c in item["changes"]}
    assert any(f["rule"] == "inverted-threshold" for f in item["findings_added"])


def test_the_same_commit_is_no_change(repo):
    done = promolint(repo, "diff", "HEAD")
    assert done.returncode == 0 and "no promotion changed" in done.stdout


def test_rewriting_yaml_as_dsl_in_the_work_tree_is_no_change(repo):
    """An uncommitted rewrite: the work tree is the head of the diff."""
    path = repo / "promotions" / "vip-tiers.promo.yaml"
    docs, _ = load_yaml(path.read_text("utf-8"), str(path))
    (repo / "promotions" / "vip-tiers.promo").write_text(render_file([d.data for d in docs]), "utf-8")
    path.unlink()
    done = promolint(repo, "diff", "HEAD", "--format", "markdown", "promotions")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no promotion changed" in done.stdout


def test_markdown_comment_has_a_table_then_folded_details(repo):
    done = promolint(repo, "diff", "main", "--format", "markdown", "--fail-on-grade", "none")
    assert done.returncode == 0
    table = done.stdout.index("| **P0** |")
    assert table < done.stdout.index("<details>") < done.stdout.index("</details>")


def test_not_a_ref_nor_a_path_is_exit_2(repo):
    done = promolint(repo, "diff", "no-such-ref")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_outside_a_repository_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "x.promo.yaml").write_text("", "utf-8")
    done = promolint(tmp_path, "diff")
    assert done.returncode == 2 and "git" in done.stderr and "Traceback" not in done.stderr


def test_a_plain_yaml_promotion_is_found_at_the_ref_too(repo):
    """discover reads a .yaml file that declares apiVersion: promolint/v1; so does the ref side."""
    shutil.copy(repo / "promotions" / "vip-tiers.promo.yaml", repo / "promotions" / "vip.yaml")
    (repo / "promotions" / "vip-tiers.promo.yaml").unlink()
    (repo / "promotions" / "notes.yaml").write_text("just: notes\n", "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "plain yaml")
    done = promolint(repo, "diff", "HEAD")
    assert done.returncode == 0 and "no promotion changed" in done.stdout, done.stdout


def test_a_binary_or_huge_file_at_the_ref_is_a_finding_not_a_crash(repo):
    (repo / "promotions" / "bin.promo.yaml").write_bytes(b"\x00\x01binary")
    (repo / "promolint.toml").write_text((repo / "promolint.toml").read_text("utf-8")
                                         + "max_file_bytes = 2000\n", "utf-8")
    (repo / "promotions" / "huge.promo.yaml").write_text("# x\n" * 1000, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "bad files")
    for name in ("bin.promo.yaml", "huge.promo.yaml"):
        (repo / "promotions" / name).unlink()
    data = json.loads(promolint(repo, "diff", "HEAD", "--format", "json").stdout)
    removed = {(f["path"].rsplit("/", 1)[-1], f["rule"]) for f in data["findings_removed"]}
    assert removed == {("bin.promo.yaml", "syntax"), ("huge.promo.yaml", "syntax")}
