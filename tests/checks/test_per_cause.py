"""One cause, one finding (spec 5, issue 16): a category-wide price past the line is one
below-market finding listing the SKUs, the worst as witness; baselines survive a shorter
list and treat a SKU newly past the line as news; percentages never read as "on the line"."""
from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner

from promolint.model import promotion as m
from promolint.checks._shown import percent
from promolint.cli import main
from tests.engine.factory import D, promo
from tests.checks.money_helpers import below, prices

CARDS = [(f"GC-{p}", str(p), "game-cards") for p in (50, 100, 300, 200, "19.80")]

FLASH = """apiVersion: promolint/v1
kind: Promotion
id: flash
name: "all cards at 9.90"
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
scope: {categories: [game-cards]}
benefit: {type: fixed_price, price: 9.90}
limits: {per_user: 1, total: 100}
"""


def run(*args):
    return CliRunner().invoke(main, ["check", "--no-cache", *args])


def test_a_category_price_is_one_finding_with_the_worst_as_witness():
    hits = below(promo("p", m.FixedPrice(D("9.90")), categories=["game-cards"]), prices(*CARDS))
    assert len(hits) == 1
    hit = hits[0]
    args = dict(hit.args)
    assert (args["sku"], args["market"], args["percent"], args["count"]) == ("GC-300", "300.00", "96.7", 4)
    assert hit.message_id == "below-market-many"
    assert [a[0] for a in hit.affected] == ["GC-300", "GC-200", "GC-100", "GC-50"]  # worst first
    assert all(a[2] == D("9.90") and a[3] == 1 for a in hit.affected)
    assert hit.witness.cart[0].sku == "GC-300" and hit.witness.pays == D("9.90")


def test_the_quick_path_agrees_with_probing_each_sku():
    # an audience naming a cart field takes the probe-per-price path: same SKUs, same prices
    quick = below(promo("p", m.FixedPrice(D("9.90")), categories=["game-cards"]), prices(*CARDS))
    probed = below(promo("p", m.FixedPrice(D("9.90")), categories=["game-cards"],
                         audience="cart.item_count >= 1"), prices(*CARDS))
    assert quick[0].affected == probed[0].affected
    assert quick[0].witness.cart == probed[0].witness.cart


def test_a_group_price_solo_audience_is_the_same_for_every_sku():
    hits = below(promo("p", m.GroupPrice(D(1), 3), categories=["game-cards"],
                       audience="group.size < 2"), prices(*CARDS))
    assert hits == []  # no group of 3 can form: no SKU sells at the group price


def test_tiers_are_separate_causes():
    tiers = m.Tiered((m.Tier(D(100), amount=D(70)), m.Tier(D(1000), amount=D(900))))
    hits = below(promo("p", tiers, categories=["g"]),
                 prices(("A", "100", "g"), ("B", "1000", "g"), ("C", "50", "g")))
    fields = [dict(h.args)["field"] for h in hits]
    assert sorted(fields) == ["benefit.tiers[0]", "benefit.tiers[1]"]  # one per position
    assert sum(len(h.affected) for h in hits) == 3


def test_percent_shows_enough_decimals_to_be_past_the_line():
    assert percent(Decimal("50.01"), Decimal(50)) == "50.01"
    assert percent(Decimal("50.0004"), Decimal(50)) == "50.0004"
    assert percent(Decimal("96.7"), Decimal(50)) == "96.7"
    assert percent(Decimal("90"), Decimal(50)) == "90"
    hits = below(promo("p", m.FixedPrice(D("49.99")), skus=["A"]), prices(("A", "100", "x")))
    assert dict(hits[0].args)["percent"] == "50.01"
    assert "every such order loses money" not in _message(hits[0])


def _message(diag):
    from promolint.report.messages import render
    return render(diag)


def test_json_sarif_and_text_carry_one_finding(repo):
    repo("promolint.toml", 'market_prices = "p.csv"\nselect = ["below-market"]\n')
    repo("p.csv", "sku,currency,market_price,category\n" +
         "".join(f"{s},CNY,{p},{c}\n" for s, p, c in CARDS))
    repo("flash.promo.yaml", FLASH)
    data = json.loads(run("--format", "json", ".").output)
    assert len(data["findings"]) == 1
    found = data["findings"][0]
    assert found["affected"]["count"] == 4
    assert found["affected"]["skus"][0] == {"sku": "GC-300", "market": "300.00", "pays": "9.90",
                                            "quantity": 1}
    assert found["witness"]["cart"][0]["sku"] == "GC-300"
    sarif = json.loads(run("--format", "sarif", ".").output)
    results = sarif["runs"][0]["results"]
    assert len(results) == 1 and results[0]["properties"]["affected"]["count"] == 4
    text = run(".").output
    assert "4 scoped SKUs" in text and "... and 1 more" in text
    zh = run("--lang", "zh", ".").output
    assert "4 个 SKU" in zh and "另有 1 个" in zh


def test_baseline_stays_while_the_list_shrinks_and_a_new_sku_is_news(repo):
    repo("promolint.toml", 'market_prices = "p.csv"\nselect = ["below-market"]\n')
    csv = "sku,currency,market_price,category\n" + "".join(f"{s},CNY,{p},{c}\n" for s, p, c in CARDS)
    repo("p.csv", csv)
    repo("flash.promo.yaml", FLASH)
    assert CliRunner().invoke(main, ["baseline", "--output", "b.json", "."]).exit_code == 0
    entry = json.loads((repo.root / "b.json").read_text())["findings"][0]
    assert entry["skus"] == ["GC-100", "GC-200", "GC-300", "GC-50"]
    repo("p.csv", csv.replace("GC-300,CNY,300", "GC-300,CNY,15"))  # one fewer past the line
    assert run("--baseline", "b.json", ".").exit_code == 0
    repo("p.csv", csv + "GC-999,CNY,999,game-cards\n")  # a SKU newly past the line
    result = run("--baseline", "b.json", ".")
    assert result.exit_code == 1 and "5 scoped SKUs" in result.output


def test_an_ambiguous_number_is_one_finding_not_also_a_schema_one(repo):
    repo("a.promo.yaml", FLASH.replace("price: 9.90", "price: 0300").replace(
        "total: 100", "total: 1_000"))
    data = json.loads(run("--format", "json", "a.promo.yaml").output)
    at = [(f["line"], f["column"], f["rule"]) for f in data["findings"]]
    assert at == [(8, 37, "syntax"), (9, 30, "syntax")], at


def test_a_key_repeated_many_times_is_one_finding(repo):
    repo("a.promo.yaml", FLASH + "".join(f"owner: o{i}@example.com\n" for i in range(50)))
    data = json.loads(run("--format", "json", "a.promo.yaml").output)
    dup = [f for f in data["findings"] if f["rule"] == "duplicate-key"]
    assert len(dup) == 1 and "50 times" in dup[0]["message"] and dup[0]["line"] == 11
    assert "last on line 59" in dup[0]["message"]


GROUP = """apiVersion: promolint/v1
kind: Promotion
id: gb
name: "group of 3 at 59"
campaign: group_buy
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
scope: {skus: [N-1]}
benefit: {type: group_price, price: 59, min_group_size: 3}
limits: {per_user: 1, total: 100}
"""


def test_the_group_buy_witness_is_the_solo_buyer_paying_the_group_price(repo):
    repo("promolint.toml", 'market_prices = "p.csv"\nselect = ["missing-eligibility"]\n')
    repo("p.csv", "sku,currency,market_price,category\nN-1,CNY,88.00,x\n")
    repo("g.promo.yaml", GROUP)
    found = json.loads(run("--format", "json", ".").output)["findings"][0]
    assert "a buyer alone" in found["message"]
    assert found["witness"]["context"] == {"group.size": 1}
    assert (found["witness"]["pays"], found["witness"]["market"]) == ("59.00", "88.00")
