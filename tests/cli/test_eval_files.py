"""`eval --cart/--user` read their files as promotion files are read: only a regular file,
at most max_file_bytes (a symlink to /dev/zero once took 6.3 GB in 15 s; issue 21)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHOP = str(ROOT / "examples" / "shop")
CART = (ROOT / "examples" / "carts" / "d11-apparel.cart.yaml").read_text("utf-8")
AT = "2026-11-11T10:00:00+08:00"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("option", ["--cart", "--user"])
def test_a_fifo_is_refused_not_waited_on(tmp_path, option):
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "c.cart.yaml").write_text(CART, "utf-8")
    files = {"--cart": str(tmp_path / "c.cart.yaml"), "--user": None, option: str(tmp_path / "pipe.yaml")}
    args = [a for o, f in files.items() if f for a in (o, f)]
    done = subprocess.run([sys.executable, "-m", "promolint", "eval", SHOP, "--at", AT, *args],
                          capture_output=True, text=True, timeout=10)  # the old code waited
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "pipe.yaml" in done.stderr


@pytest.mark.parametrize("option", ["--cart", "--user"])
def test_a_file_over_the_size_limit_is_not_read(tmp_path, option):
    (tmp_path / "c.cart.yaml").write_text(CART, "utf-8")
    padded = ("# " + "x" * 1000 + "\n") * 4300  # 4.3 MB of comments: valid YAML
    (tmp_path / "big.yaml").write_text(padded + (CART if option == "--cart" else "user: {tier: gold}\n"))
    files = {"--cart": str(tmp_path / "c.cart.yaml"), option: str(tmp_path / "big.yaml")}
    args = [a for o, f in files.items() for a in (o, f)]
    done = CliRunner().invoke(main, ["eval", SHOP, "--at", AT, *args])
    assert done.exit_code == 2 and "big.yaml" in done.output and "Traceback" not in done.output
