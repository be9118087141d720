"""Checks judge the exact price, witnesses and messages say what the shop charges
(docs/rounding.md)."""
from dataclasses import replace
from decimal import Decimal

from promolint.checks import Context, stacking_below_market
from promolint.core.config import Settings
from promolint.engine.evaluator import evaluate
from promolint.engine.witness import replay
from promolint.model import promotion as m
from tests.engine.factory import AT, D, cart, promo
from tests.checks.money_helpers import below, prices, sourced


def test_half_off_an_odd_cent_price_is_exactly_on_the_line():
    # 4.995 exactly is 50% below 9.99: not past the 0.5 line, though the shop charges 4.99
    half = promo("p", m.PercentOff(D(50)), skus=["A"])
    assert below(half, prices(("A", "9.99", "x"))) == []
    assert evaluate([half], cart(("A", 1, "9.99")), {}, AT).total == D("4.99")
    # a hair more is past it, on the exact price
    assert len(below(promo("p", m.PercentOff(D("50.01")), skus=["A"]), prices(("A", "9.99", "x")))) == 1


def test_the_witness_pays_what_the_shop_charges_and_keeps_the_exact_price():
    # 55% of 9.95 is 5.4725 off: the shop takes 5.47, the customer pays 4.48 (exact 4.4775)
    p = promo("p", m.PercentOff(D(55)), skus=["A"])
    [hit] = below(p, prices(("A", "9.95", "x")))
    witness, args = hit.witness, dict(hit.args)
    assert (witness.pays, witness.exact_pays) == (D("4.48"), D("4.4775"))
    assert args["pays"] == "4.48" and args["percent"] == "55"
    assert replay(witness, {"p": p}).total == D("4.48")
    assert replay(witness, {"p": p}, exact=True).total == D("4.4775")
    data = witness.to_dict()
    assert (data["pays"], data["exact_pays"]) == ("4.48", "4.4775")


def test_no_exact_pays_when_rounding_changes_nothing():
    [hit] = below(promo("p", m.PercentOff(D(60)), skus=["A"]), prices(("A", "10.00", "x")))
    assert hit.witness.pays == D("4.00") and hit.witness.exact_pays is None
    assert "exact_pays" not in hit.witness.to_dict()


def test_a_unit_price_over_several_units_is_the_rounded_total_shared():
    # 满30减20.005 on a 9.99 item: 4 units (39.96) pay 19.955 exactly; the shop rounds the
    # 20.005 off to 20.00 (half-even), 19.96 paid, 4.99 a unit
    p = promo("p", m.ThresholdOff(D(30), D("20.005")), skus=["A"])
    [hit] = below(p, prices(("A", "9.99", "x")))
    assert (hit.witness.pays, hit.witness.exact_pays) == (D("19.96"), D("19.955"))
    assert dict(hit.args)["pays"] == "4.99" and dict(hit.args)["quantity"] == 4


def test_every_affected_sku_says_what_the_shop_charges_for_it():
    # a fixed price of 0.995 on a category: one unit at 10.00 is 9.005 off -> 9.00 (1.00
    # paid), at 20.01 19.015 off -> 19.02 (0.99 paid), at 30.03 29.035 -> 29.04 (0.99)
    p = promo("p", m.FixedPrice(D("0.995")), categories=["x"])
    rows = prices(("A", "10.00", "x"), ("B", "20.01", "x"), ("C", "30.03", "x"))
    [hit] = below(p, rows)
    pays = {sku: unit for sku, _, unit, _ in hit.affected}
    assert pays == {"A": D("1.00"), "B": D("0.99"), "C": D("0.99")}
    for sku, market, unit, quantity in hit.affected:
        shop = evaluate([p], cart((sku, quantity, str(market), "x")), {}, AT)
        assert shop.total / quantity == unit, sku
    assert hit.witness.pays == D("0.99") and hit.witness.exact_pays == D("0.995")


def test_a_stacked_witness_is_rounded_per_promotion():
    # 30% then 30% off 9.99: 2.997 -> 3.00 off (6.99), then 2.097 -> 2.10 off: 4.89 paid;
    # exactly 9.99 x 0.7 x 0.7 = 4.8951, 51% below
    a = promo("a", m.PercentOff(D(30)), stacking="stackable", skus=["A"])
    b = promo("b", m.PercentOff(D(30)), stacking="stackable", skus=["A"])
    ctx = Context(Settings(), prices(("A", "9.99", "x")))
    hits = list(stacking_below_market.check_all([sourced(a), sourced(b)], ctx))
    assert len(hits) == 1
    witness = hits[0].witness
    assert (witness.pays, witness.exact_pays) == (D("4.89"), D("4.8951"))
    assert dict(hits[0].args)["pays"] == "4.89" and dict(hits[0].args)["percent"] == "51"


def test_yen_witness_is_whole_yen():
    p = replace(promo("p", m.PercentOff(D(55)), skus=["A"]), currency="JPY")
    [hit] = below(p, _yen(("A", "999", "x")))
    # 549.45 off -> 549: 450 paid (exactly 449.55)
    assert (hit.witness.pays, hit.witness.exact_pays) == (D(450), D("449.55"))


def _yen(*rows):
    out = prices(*rows)
    for sku, price in list(out.items()):
        out[sku] = replace(price, currency="JPY")
    return out


def test_the_exact_line_still_holds_for_every_currency():
    # exactly 50% below never fires, whatever the rounding does to it
    for currency, price in (("CNY", "9.99"), ("JPY", "999"), ("KWD", "9.999")):
        half = replace(promo("p", m.PercentOff(D(50)), skus=["A"]), currency=currency)
        rows = prices(("A", price, "x"))
        rows["A"] = replace(rows["A"], currency=currency)
        assert below(half, rows) == [], currency
        shop = evaluate([half], cart(("A", 1, price)), {}, AT).total
        assert shop < Decimal(price) / 2, currency  # the shop's rounding gave the half unit away


def test_a_threshold_the_shop_reaches_by_rounding_is_reported():
    # 10% off 111.11 charges 100.00 (exactly 99.999): the shop's 满100减50 applies and
    # the SKU sells at 50.00, 55% below; the exact price never reaches the threshold
    a = promo("a", m.PercentOff(D(10)), stacking="stackable", skus=["A"])
    b = promo("b", m.ThresholdOff(D(100), D(50)), stacking="stackable", skus=["A"])
    shop = evaluate([a, b], cart(("A", 1, "111.11", "x")), {}, AT)
    exact = evaluate([a, b], cart(("A", 1, "111.11", "x")), {}, AT, exact=True)
    assert (shop.total, exact.total) == (D("50.00"), D("99.999"))
    # in the evaluator's order (in any order the list subtotal reaches it exactly too)
    ctx = Context(Settings(stack_order="priority"), prices(("A", "111.11", "x")))
    hits = list(stacking_below_market.check_all([sourced(a), sourced(b)], ctx))
    assert len(hits) == 1
    assert hits[0].witness.pays == D("50.00") and hits[0].witness.exact_pays is None
    assert dict(hits[0].args)["percent"] == "55"
    assert replay(hits[0].witness, {"a": a, "b": b}).total == D("50.00")


def test_rounding_within_a_unit_of_the_line_is_not_a_finding():
    # 20% off 9.99 then 满1减2.997: exactly 4.995 paid, 50% (on the line); the shop
    # charges 4.99 (2.00 and 3.00 off), half a cent past it: rounding, not a loss
    a = promo("a", m.PercentOff(D(20)), stacking="stackable", skus=["A"])
    b = promo("b", m.ThresholdOff(D(1), D("2.997")), stacking="stackable", skus=["A"])
    shop = evaluate([a, b], cart(("A", 1, "9.99", "x")), {}, AT)
    exact = evaluate([a, b], cart(("A", 1, "9.99", "x")), {}, AT, exact=True)
    assert (shop.total, exact.total) == (D("4.99"), D("4.995"))
    ctx = Context(Settings(), prices(("A", "9.99", "x")))
    assert list(stacking_below_market.check_all([sourced(a), sourced(b)], ctx)) == []
