"""below-market: hand-computed cases (the cheapest basket past the line, witnesses, caps)."""
from promolint.model import promotion as m
from tests.checks.money_helpers import D, below, prices, promo


def test_threshold_cheapest_basket_spreads_the_discount():
    # 满100减60 on a 50.00 item: 2 units (100.00) pay 40.00, 20.00 a unit, 60% below
    hits = below(promo("p", m.ThresholdOff(D(100), D(60)), skus=["T"]), prices(("T", "50", "g")))
    assert len(hits) == 1
    args = dict(hits[0].args)
    assert (args["sku"], args["pays"], args["percent"], args["quantity"]) == ("T", "20.00", "60", 2)
    assert hits[0].witness.pays == D(40) and hits[0].witness.market == D(100)


def test_threshold_not_past_the_line_when_the_basket_overshoots():
    # 满100减60 on a 99.00 item: 2 units (198.00) pay 138.00: 30% below
    assert below(promo("p", m.ThresholdOff(D(100), D(60)), skus=["T"]), prices(("T", "99", "g"))) == []


def test_exactly_half_does_not_fire():
    assert below(promo("p", m.PercentOff(D(50)))) == []
    assert below(promo("p", m.FixedPrice(D(50)), skus=["A"]), prices(("A", "100", "x"))) == []
    assert len(below(promo("p", m.FixedPrice(D("49.99")), skus=["A"]), prices(("A", "100", "x")))) == 1


def test_cap_protects_the_priced_item():
    capped = promo("p", m.PercentOff(D(90), D(100)), skus=["HP"])
    assert below(capped, prices(("HP", "899", "e"))) == []
    assert len(below(capped, prices(("HP", "100", "e")))) == 1


def test_without_prices_only_price_independent_discounts_fire():
    assert len(below(promo("p", m.PercentOff(D(60))))) == 1
    assert below(promo("p", m.PercentOff(D(60), D(20)))) == []          # capped: needs prices
    assert len(below(promo("p", m.ThresholdOff(D(100), D(51))))) == 1
    assert below(promo("p", m.ThresholdOff(D(100), D(50)))) == []
    assert len(below(promo("p", m.AmountOff(D(10))))) == 1              # no-threshold coupon
    assert below(promo("p", m.AmountOff(D(10)), audience="cart.subtotal >= 100")) == []
    assert below(promo("p", m.FixedPrice(D(1)), skus=["X"])) == []      # needs a price
    assert len(below(promo("p", m.BuyXGetY(1, 2)))) == 1                # 2 of 3 free
    assert below(promo("p", m.BuyXGetY(1, 1))) == []                    # exactly half


def test_group_price_witness_forms_the_group():
    p = promo("p", m.GroupPrice(D(10), 3), skus=["N"], audience="group.size >= 3")
    hits = below(p, prices(("N", "88", "g")))
    assert dict(hits[0].witness.context)["group.size"] == 3


def test_audience_facts_in_the_witness():
    p = promo("p", m.FixedPrice(D(1)), skus=["A"], audience="user.tier in ['gold'] and not user.blocked")
    w = below(p, prices(("A", "100", "x")))[0].witness
    assert dict(w.user) == {"user.tier": "gold", "user.blocked": False}


def test_an_inverted_threshold_is_left_to_inverted_threshold():
    p = promo("typo", m.ThresholdOff(D(50), D(200)), skus=["A"])
    assert below(p, prices(("A", "99", None))) == []
    assert below(promo("ok", m.ThresholdOff(D(100), D(60)), skus=["A"]), prices(("A", "100", None)))


def test_a_mixed_basket_reaching_the_threshold_exactly_fires():
    # 满100减60 on a category at 70 and 30: one of each is exactly 100, pays 40: 60% below
    p = promo("p", m.ThresholdOff(D(100), D(60)), categories=["c"])
    hits = below(p, prices(("A", "70", "c"), ("B", "30", "c")))
    assert [h.message_id for h in hits] == ["below-market-basket"]
    w = hits[0].witness
    assert sorted((l.sku, l.quantity) for l in w.cart) == [("A", 1), ("B", 1)]
    assert (w.pays, w.market) == (D(40), D(100))


def test_a_mixed_basket_within_the_line_does_not_fire():
    p = promo("p", m.ThresholdOff(D(100), D(40)), categories=["c"])
    assert below(p, prices(("A", "70", "c"), ("B", "30", "c"))) == []  # 40% at best


def test_a_free_fixed_price_fires_without_a_price_list_and_on_an_unpriced_sku():
    for benefit in (m.FixedPrice(D(0)), m.GroupPrice(D(0), 2)):
        hits = below(promo("p", benefit, skus=["NOPRICE"]))
        assert [h.message_id for h in hits] == ["below-market-unpriced"], benefit
        hits = below(promo("p", benefit, skus=["NOPRICE"]), prices(("OTHER", "10", "c")))
        assert len(hits) == 1
    assert below(promo("p", m.FixedPrice(D(1)), skus=["NOPRICE"])) == []


def test_an_audience_the_analysis_cannot_decide_is_assumed_met():
    p = promo("p", m.PercentOff(D(90)), skus=["A"], audience="user.legacy_vip == true")
    hits = below(p, prices(("A", "100", "c")))
    assert len(hits) == 1 and hits[0].witness.pays == D(10)
