"""Issue 20 section 2: `promolint test` with no path, at a repository's root, runs each
case file with its nearest promolint.toml (its price list, its promotions), as `check`
lints each file with its own."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def promolint_test(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "promolint", "test", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120,
                          env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": ""})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_at_a_repository_root_the_shop_cases_pass(tmp_path):
    repo = tmp_path / "project"
    shutil.copytree(ROOT / "examples", repo / "examples")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    done = promolint_test(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "7 case(s) in 4 file(s): 7 passed, 0 failed, 0 invalid" in done.stdout
    assert "examples/broken" not in done.stderr  # not the shop's promotions


def test_two_shops_each_with_their_own_prices(tmp_path):
    """The same case under two configs whose price lists differ: each passes with its own."""
    for name, price in (("cn", "99.00"), ("dear", "199.00")):
        shop = tmp_path / name
        (shop / "promos").mkdir(parents=True)
        (shop / "promolint.toml").write_text('market_prices = "prices.csv"\n')
        (shop / "prices.csv").write_text(f"sku,currency,market_price\nTEE-001,CNY,{price}\n")
        (shop / "promos" / "tee.cases.yaml").write_text(
            "cases:\n  - name: one tee\n    at: 2026-11-11T10:00:00+08:00\n"
            "    cart: {lines: [{sku: TEE-001, quantity: 1}]}\n"
            f"    expect: {{total: {price}}}\n")
    done = promolint_test(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 case(s) in 2 file(s): 2 passed" in done.stdout
