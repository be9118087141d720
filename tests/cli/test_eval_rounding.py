"""`promolint eval` shows what the shop charges, to the currency's minor unit, while
`check` judges the exact price (docs/rounding.md)."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from promolint.cli import main

AT = "2026-11-11T10:00:00+08:00"
HEAD = """\
apiVersion: promolint/v1
kind: Promotion
id: {id}
name: {id}
currency: {currency}
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
limits: {{budget: 100000, per_user: 1}}
"""
AMOUNT = re.compile(r"\d+(?:\.(\d+))?")


def make_repo(folder, currency: str, benefit: str, prices: str, cart: str):
    (folder / "promolint.toml").write_text('market_prices = "prices.csv"\n', encoding="utf-8")
    (folder / "prices.csv").write_text("sku,currency,market_price,category\n" + prices,
                                       encoding="utf-8")
    (folder / "p.promo.yaml").write_text(HEAD.format(id="p", currency=currency) + benefit,
                                         encoding="utf-8")
    (folder / "c.cart.yaml").write_text(cart, encoding="utf-8")
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def evaluate(folder, fmt="text", lang="en"):
    result = run("eval", str(folder / "p.promo.yaml"), "--cart", str(folder / "c.cart.yaml"),
                 "--at", AT, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def places(text: str) -> set[int]:
    """How many decimals each amount in `text` shows (dates and ids left out)."""
    text = re.sub(r"\d{4}-\d\d-\d\dT[0-9:+]+", " ", text)
    return {len(m.group(1) or "") for m in AMOUNT.finditer(text)}


@pytest.fixture
def half_off(tmp_path):
    return make_repo(tmp_path, "CNY", "benefit: {type: percent_off, percent: 50}\n"
                     "scope: {skus: [TEE]}\n", "TEE,CNY,9.99,apparel\n", "lines: [{sku: TEE}]\n")


def test_half_off_9_99_pays_4_99(half_off):
    data = evaluate(half_off, "json")
    assert (data["total"], data["discount"]) == ("4.99", "5.00")
    assert data["lines"][0]["pays"] == "4.99" and data["applied"][0]["discount"] == "5.00"
    text = evaluate(half_off)
    assert "discount 5.00  total 4.99" in text and "applied: p (-5.00)" in text
    assert "小计 9.99  优惠 5.00  实付 4.99" in evaluate(half_off, lang="zh")
    assert places(text) <= {0, 2} and places(json.dumps(data)) <= {0, 2}


def test_check_judges_the_exact_price(half_off):
    # exactly 50% below (4.995) is on the 0.5 line, not past it: no below-market error
    result = run("check", "--format", "json", str(half_off))
    assert result.exit_code == 0, result.output
    assert "below-market" not in {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_a_tier_percent_is_rounded(tmp_path):
    repo = make_repo(tmp_path, "CNY", "benefit: {type: tiered, tiers: [{threshold: 100, percent: 5},"
                     " {threshold: 500, percent: 10}]}\n", "BAG,CNY,523.95,bags\n",
                     "lines: [{sku: BAG}]\n")
    data = evaluate(repo, "json")
    assert (data["discount"], data["total"]) == ("52.40", "471.55")  # 52.395 exactly


def test_yen_are_shown_whole(tmp_path):
    repo = make_repo(tmp_path, "JPY", "benefit: {type: percent_off, percent: 15}\n",
                     "CUP,JPY,999,kitchen\nPOT,JPY,333,kitchen\n",
                     "lines: [{sku: CUP}, {sku: POT, quantity: 3}]\n")
    data = evaluate(repo, "json")
    assert (data["subtotal"], data["discount"], data["total"]) == ("1998", "300", "1698")
    assert [line["discount"] for line in data["lines"]] == ["150", "150"]  # 149.85 each
    assert places(json.dumps(data)) == {0}
    assert places(evaluate(repo)) == {0} and places(evaluate(repo, lang="zh")) == {0}


def test_three_place_currencies_show_three(tmp_path):
    repo = make_repo(tmp_path, "KWD", "benefit: {type: percent_off, percent: 15}\n",
                     "OUD,KWD,1.999,perfume\n", "lines: [{sku: OUD, quantity: 2}]\n")
    data = evaluate(repo, "json")
    assert (data["discount"], data["total"]) == ("0.600", "3.398")  # 0.5997
    assert places(json.dumps(data)) <= {0, 3}


def test_a_cart_that_names_its_currency_is_shown_in_its_minor_unit(tmp_path):
    """Nothing applies (SOCK is out of scope), so no promotion says the currency: the
    cart's `currency: JPY` does (whole yen), and without it the default two places."""
    repo = make_repo(tmp_path, "JPY", "benefit: {type: percent_off, percent: 10}\nscope: {skus: [TEE]}\n",
                     "TEE,JPY,1000,apparel\nSOCK,JPY,300,apparel\n",
                     "currency: JPY\nlines: [{sku: SOCK, quantity: 2}]\n")
    assert evaluate(repo, "json")["total"] == "600"
    (repo / "c.cart.yaml").write_text("lines: [{sku: SOCK, quantity: 2}]\n", encoding="utf-8")
    assert evaluate(repo, "json")["total"] == "600.00"
