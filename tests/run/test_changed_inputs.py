"""Issue 20 section 1: a change that moves money without touching a promotion file.

The shop example in a real git repository; one commit raises HP-300's market price
(899 -> 1,299: the untouched flash price of 499 is then 61.6% below), another tightens
max_below_market (0.5 -> 0.3: the group-buy price of 59 on NUT-1KG at 88 is 33% below).
Each gate that checks only what changed must block both: the hook's mode (`check
--changed`, given the staged files), `check --changed-since` and `diff`. The real
pre-commit framework runs the hook in tests/cli/test_precommit.py.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **ENV}).stdout


def promolint(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "", "PROMOLINT_CACHE_DIR": str(repo.parent / "cache")}
    return subprocess.run([sys.executable, "-m", "promolint", *args], cwd=repo, text=True,
                          capture_output=True, env=env, timeout=120)


def found(done: subprocess.CompletedProcess) -> list[tuple[str, str]]:
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return sorted((f["path"], f["rule"]) for f in json.loads(done.stdout)["findings"]
                  if f["severity"] == "error")


def files(done: subprocess.CompletedProcess) -> int:
    return json.loads(done.stdout)["summary"]["files"]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    repo = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "shop")
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


FLASH = ("promotions/flash-sale.promo.yaml", "below-market")
GROUP = ("promotions/group-buy.promo.yaml", "below-market")


def raise_hp(repo: Path) -> None:
    edit(repo / "market_prices.csv", "HP-300,CNY,899.00", "HP-300,CNY,1299.00")


def tighten(repo: Path) -> None:
    edit(repo / "promolint.toml", "max_below_market = 0.5", "max_below_market = 0.3")


# -- the hook's mode: the staged files, compared with HEAD --------------------------------
def test_hook_blocks_a_price_list_only_change(shop):
    raise_hp(shop)
    git(shop, "add", "market_prices.csv")
    done = promolint(shop, "check", "--changed", "market_prices.csv", "--format", "json")
    assert done.returncode == 1 and found(done) == [FLASH]


def test_hook_blocks_a_config_only_change(shop):
    tighten(shop)
    done = promolint(shop, "check", "--changed", "promolint.toml", "--format", "json")
    assert done.returncode == 1 and GROUP in found(done)


def test_a_price_change_relints_only_the_promotions_it_can_reach(shop):
    """TEE-001's row: the promotions listing it or its category (apparel), and every
    whole-order one; not the flash sale (HP-300) nor the group buy (NUT-1KG)."""
    edit(shop / "market_prices.csv", "TEE-001,CNY,99.00", "TEE-001,CNY,98.00")
    done = promolint(shop, "check", "--changed", "market_prices.csv", "--format", "json")
    assert done.returncode == 0, done.stdout
    names = {p for p in json.loads(done.stdout)["summary"].get("exposure", {})}
    assert "flash-hp300" not in names and "group-nuts-3" not in names
    assert "d11-spend200-save50" in names  # a whole-order 满减
    assert 0 < files(done) < 6


def test_a_change_that_does_not_move_money_relints_nothing(shop):
    (shop / "promolint.toml").write_text((shop / "promolint.toml").read_text() + "# a comment\n")
    (shop / "README.md").write_text("notes\n")
    (shop / "k8s.yaml").write_text("apiVersion: v1\nkind: ConfigMap\ndata:\n  x: |\n"
                                   "    apiVersion: promolint/v1\n")
    done = promolint(shop, "check", "--changed", "promolint.toml", "README.md", "k8s.yaml",
                     "--format", "json")
    assert done.returncode == 0 and files(done) == 0, done.stderr


def test_pyproject_counts_only_through_its_promolint_table(tmp_path):
    repo = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", repo)
    table = (repo / "promolint.toml").read_text("utf-8")
    (repo / "promolint.toml").unlink()
    (repo / "pyproject.toml").write_text('[project]\nname = "shop"\nversion = "1"\n\n'
                                         "[tool.promolint]\n" + table, "utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "shop")
    edit(repo / "pyproject.toml", 'version = "1"', 'version = "2"')
    done = promolint(repo, "check", "--changed", "pyproject.toml", "--format", "json")
    assert done.returncode == 0 and files(done) == 0
    edit(repo / "pyproject.toml", "max_below_market = 0.5", "max_below_market = 0.3")
    done = promolint(repo, "check", "--changed", "pyproject.toml", "--format", "json")
    assert done.returncode == 1 and GROUP in found(done)


def test_the_hook_on_committed_work_assumes_every_row_changed(shop):
    """pre-commit run --all-files, or a pre-push hook: the list equals HEAD's, so what it
    changed is unknown: every promotion its config governs is linted (fail closed)."""
    raise_hp(shop)
    git(shop, "commit", "-qam", "prices")
    done = promolint(shop, "check", "--changed", "market_prices.csv", "--format", "json")
    assert done.returncode == 1 and found(done) == [FLASH] and files(done) == 6


def test_hook_lints_a_declared_plain_yaml_and_ignores_other_yaml(shop):
    d12 = (ROOT / "examples/broken/inverted-threshold.promo.yaml").read_text("utf-8")
    (shop / "d12.yaml").write_text(d12, "utf-8")
    (shop / "deploy.yaml").write_text("apiVersion: apps/v1\nkind: Deployment\n", "utf-8")
    done = promolint(shop, "check", "--changed", "d12.yaml", "deploy.yaml", "--format", "json")
    assert done.returncode == 1 and ("d12.yaml", "inverted-threshold") in found(done)
    assert files(done) == 1


# -- --changed-since: the merge base's versions --------------------------------------------
def test_changed_since_blocks_a_price_list_only_change(shop):
    raise_hp(shop)
    git(shop, "commit", "-qam", "prices")
    done = promolint(shop, "check", "--changed-since", "HEAD~1", "--format", "json")
    assert done.returncode == 1 and found(done) == [FLASH]


def test_changed_since_blocks_a_config_only_change(shop):
    tighten(shop)
    git(shop, "commit", "-qam", "config")
    done = promolint(shop, "check", "--changed-since", "HEAD~1", "--format", "json")
    assert done.returncode == 1 and GROUP in found(done)


# -- diff: the old side judged with the old price list and config --------------------------
def _graded(done: subprocess.CompletedProcess) -> dict:
    data = json.loads(done.stdout)
    return {p["id"]: (p["grade"], [f["rule"] for f in p["findings_added"]]) for p in data["promotions"]}


def test_diff_reports_a_price_list_only_change(shop):
    raise_hp(shop)
    git(shop, "commit", "-qam", "prices")
    done = promolint(shop, "diff", "HEAD~1", "--format", "json", "--fail-on-grade", "P1")
    assert done.returncode == 1, done.stderr
    assert _graded(done) == {"flash-hp300": ("P0", ["below-market"])}
    back = promolint(shop, "diff", "HEAD", "--format", "json")  # the same inputs: no change
    assert back.returncode == 0 and _graded(back) == {}


def test_diff_reports_a_config_only_change(shop):
    tighten(shop)  # in the work tree: diff compares it with the ref
    done = promolint(shop, "diff", "HEAD", "--format", "json", "--fail-on-grade", "P1")
    assert done.returncode == 1, done.stderr
    assert _graded(done)["group-nuts-3"] == ("P0", ["below-market"])


def test_diff_reports_what_a_price_change_removes(shop):
    edit(shop / "market_prices.csv", "HP-300,CNY,899.00", "HP-300,CNY,1299.00")
    git(shop, "commit", "-qam", "prices up")
    edit(shop / "market_prices.csv", "HP-300,CNY,1299.00", "HP-300,CNY,899.00")
    done = promolint(shop, "diff", "HEAD", "--format", "json")
    [item] = json.loads(done.stdout)["promotions"]
    assert item["id"] == "flash-hp300" and [f["rule"] for f in item["findings_removed"]] == ["below-market"]
    assert item["grade"] == "P3" and done.returncode == 0


def test_a_price_list_of_any_name_named_by_a_nested_config(tmp_path):
    """The hook passes every staged file: a list called data/list.txt, named by the
    config of a sub-folder's shop, is found among a README and other files."""
    repo = tmp_path / "mono"
    shutil.copytree(ROOT / "examples" / "shop", repo / "shops" / "cn")
    (repo / "data").mkdir()
    (repo / "shops/cn/market_prices.csv").rename(repo / "data" / "list.txt")
    edit(repo / "shops/cn/promolint.toml", 'market_prices = "market_prices.csv"',
         'market_prices = "../../data/list.txt"')
    (repo / "README.md").write_text("shops\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "mono")
    edit(repo / "data/list.txt", "HP-300,CNY,899.00", "HP-300,CNY,1299.00")
    edit(repo / "README.md", "shops", "the shops")
    done = promolint(repo, "check", "--changed", "README.md", "data/list.txt", "--format", "json")
    assert done.returncode == 1
    assert found(done) == [("shops/cn/promotions/flash-sale.promo.yaml", "below-market")]
    quiet = promolint(repo, "check", "--changed", "README.md", "--format", "json")
    assert quiet.returncode == 0 and files(quiet) == 0


def test_changed_since_a_deleted_config(shop):
    """Its promotions fall to another config (here none): every one of them is linted."""
    git(shop, "rm", "-q", "promolint.toml")
    git(shop, "commit", "-qm", "no config")
    done = promolint(shop, "check", "--changed-since", "HEAD~1", "--format", "json")
    assert done.returncode == 0 and files(done) == 6, done.stderr
