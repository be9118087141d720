"""`promolint eval` on the shipped shop and carts: hand-computed totals, clear errors."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHOP, CARTS = str(ROOT / "examples" / "shop"), ROOT / "examples" / "carts"


def run(*args):
    return CliRunner().invoke(main, ["eval", SHOP, *args])


@pytest.mark.parametrize("cart,user,at,total,applied", [
    # 3 x 99 + 459 = 756: 满200减50 x3 (max_repeats) beats the VIP tier 600 -> 80
    ("d11-apparel", "gold", "2026-11-11T10:00:00+08:00", "606.00", ["d11-spend200-save50"]),
    ("flash-headphones", None, "2026-11-11T20:30:00+08:00", "499.00", ["flash-hp300"]),
    ("group-nuts", "group-of-3", "2026-11-12T12:00:00+08:00", "118.00", ["group-nuts-3"]),
    ("first-order", "new-customer", "2026-11-05T12:00:00+08:00", "152.00", ["first-order-15"]),
])
def test_shipped_carts(cart, user, at, total, applied):
    args = ["--cart", str(CARTS / f"{cart}.cart.yaml"), "--at", at, "--format", "json"]
    if user:
        args += ["--user", str(CARTS / f"{user}.user.yaml")]
    result = run(*args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == total
    assert [a["id"] for a in data["applied"]] == applied


def test_text_table_and_exposure():
    result = run("--cart", str(CARTS / "flash-headphones.cart.yaml"),
                 "--at", "2026-11-11T20:30:00+08:00", "--exposure")
    assert result.exit_code == 0
    assert "HP-300" in result.stdout and "499.00" in result.stdout
    assert "500000.00 CNY: limits.budget" in result.stdout
    # a fixed price with limits.total and a priced SKU: 1,000 units x 400.00 off, and why
    assert "400000.00 CNY: limits.total 1000 x 400.00" in result.stdout and "HP-300 at 899.00" in result.stdout


def test_exposure_json():
    data = json.loads(run("--exposure", "--format", "json").stdout)
    rows = {r["id"]: r["exposure"] for r in data["exposure"]}
    assert rows["d11-spend200-save50"] == "500000.00"


@pytest.mark.parametrize("text", ["lines: [\n", "lines: []\n", "lines: [{sku: NOPE}]\n",
                                  "lines: [{sku: TEE-001, quantity: 0}]\n", "- 1\n", "x: 1\n"])
def test_bad_cart_is_one_line_and_exit_2(tmp_path, text):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = run("--cart", str(bad), "--at", "2026-11-11T10:00:00+08:00")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "promolint:" in result.stderr


def test_bad_time_and_missing_cart_exit_2():
    assert run("--cart", str(CARTS / "group-nuts.cart.yaml"), "--at", "tomorrow").exit_code == 2
    assert run().exit_code == 2
    assert run("--cart", "/nonexistent/cart.yaml").exit_code == 2
