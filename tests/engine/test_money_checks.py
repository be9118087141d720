"""below-market, stacking-below-market, overlapping-exclusive, exposure: hand-computed cases."""

from promolint.checks import (
    Context,
    below_market,
    overlapping_exclusive,
    stacking_below_market,
)
from promolint.core.config import Settings
from promolint.engine.exposure import exposure
from promolint.model import promotion as m
from promolint.source.prices import Price, PriceList
from tests.engine.factory import D, promo


class _Doc:
    """Stands in for the source Document: every span is 1:1."""
    path = "x.promo.yaml"

    def span(self, path=()):
        from promolint.core.document import Span
        return Span(1, 1)

    def get(self, path=()):
        return None

    def origin(self, path):
        return tuple(path)


def sourced(p):
    object.__setattr__(p, "source", _Doc())
    return p


def prices(*rows) -> PriceList:
    out = PriceList()
    for sku, price, cat in rows:
        out[sku] = Price(sku, "CNY", D(price), cat)
    return out


def below(p, price_list=PriceList(), line="0.5"):
    ctx = Context(Settings(max_below_market=D(line)), price_list)
    return list(below_market.check(sourced(p), ctx))


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


def _check_all(module, promos, price_list=PriceList()):
    return list(module.check_all([sourced(p) for p in promos], Context(Settings(), price_list)))


def test_stacking_fires_only_together_and_reports_once():
    a = promo("a", m.PercentOff(D(40)), stacking="stackable")
    b = promo("b", m.PercentOff(D(30)), stacking="stackable")
    hits = _check_all(stacking_below_market, [a, b])
    assert len(hits) == 1 and set(hits[0].witness.promotions) == {"a", "b"}
    assert hits[0].witness.pays == D(42)


def test_stacking_needs_overlapping_windows_and_compatible_modes():
    from datetime import datetime
    later = datetime.fromisoformat("2026-11-12T00:00:00+08:00")
    a = promo("a", m.PercentOff(D(40)), stacking="stackable")
    b = promo("b", m.PercentOff(D(30)), stacking="stackable", start=later,
              end=datetime.fromisoformat("2026-11-13T00:00:00+08:00"))
    assert _check_all(stacking_below_market, [a, b]) == []
    c = promo("c", m.PercentOff(D(30)))
    assert _check_all(stacking_below_market, [a, c]) == []


def test_stacking_with_prices_per_sku():
    a = promo("a", m.AmountOff(D(30)), stacking="stackable", skus=["A"])
    b = promo("b", m.AmountOff(D(30)), stacking="stackable", categories=["x"])
    hits = _check_all(stacking_below_market, [a, b], prices(("A", "100", "x")))
    assert len(hits) == 1 and hits[0].witness.pays == D(40)


def test_overlapping_exclusive_same_sku_only_when_one_customer_can_get_both():
    a = promo("a", m.PercentOff(D(10)), skus=["A"])
    b = promo("b", m.AmountOff(D(5)), skus=["A", "B"])
    assert len(_check_all(overlapping_exclusive, [a, b])) == 1
    c = promo("c", m.AmountOff(D(5)), skus=["A"], audience="user.tier == 'gold'")
    d = promo("d", m.AmountOff(D(5)), skus=["A"], audience="user.tier == 'silver'")
    assert _check_all(overlapping_exclusive, [c, d]) == []
    e = promo("e", m.AmountOff(D(5)), categories=["x"])
    assert _check_all(overlapping_exclusive, [a, e]) == []


def test_exposure():
    assert exposure(promo("p", m.AmountOff(D(10)), limits=m.Limits(total=100))) == D(1000)
    assert exposure(promo("p", m.AmountOff(D(10)), limits=m.Limits(total=100, budget=D(500)))) == D(500)
    assert exposure(promo("p", m.PercentOff(D(10)), limits=m.Limits(total=100))) is None
    assert exposure(promo("p", m.PercentOff(D(10), D(20)), limits=m.Limits(total=5))) == D(100)
    assert exposure(promo("p", m.ThresholdOff(D(200), D(50), True, 3), limits=m.Limits(total=2))) == D(300)
    assert exposure(promo("p", m.ThresholdOff(D(200), D(50), True), limits=m.Limits(total=2))) is None
    tiers = m.Tiered((m.Tier(D(100), D(10)), m.Tier(D(200), D(30))))
    assert exposure(promo("p", tiers, limits=m.Limits(total=10))) == D(300)
    assert exposure(promo("p", m.FixedPrice(D(1)), limits=m.Limits(budget=D(7)))) == D(7)
    assert exposure(promo("p", m.AmountOff(D(10)))) is None


def test_overlapping_exclusive_notes_each_promotion_once_not_every_pair():
    many = [promo(f"p{i:03d}", m.AmountOff(D(5)), skus=["A"]) for i in range(60)]
    found = _check_all(overlapping_exclusive, many)
    assert len(found) == 59  # every promotion after the first, once each (not 1,770 pairs)
    assert len({f.promotion for f in found}) == 59


def test_an_inverted_threshold_is_left_to_inverted_threshold():
    p = promo("typo", m.ThresholdOff(D(50), D(200)), skus=["A"])
    assert below(p, prices(("A", "99", None))) == []
    assert below(promo("ok", m.ThresholdOff(D(100), D(60)), skus=["A"]), prices(("A", "100", None)))


# Issue 11: money the checker did not see.

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


def test_currency_mismatch_covers_category_and_whole_order_scopes():
    from promolint.checks import currency_mismatch
    pl = prices(("A", "10", "c"), ("B", "20", "c"))
    pl["U"] = Price("U", "USD", D(5), "c")
    pl["V"] = Price("V", "USD", D(6), "d")
    ctx = Context(Settings(), pl)

    def ids_(p):
        return [(f.message_id, dict(f.args).get("count")) for f in currency_mismatch.check(sourced(p), ctx)]
    assert ids_(promo("p", categories=["c"])) == [("currency-mismatch-scope", 1)]
    assert ids_(promo("p", categories=["c"], exclude=["U"])) == []
    assert ids_(promo("p", categories=["c", "d"])) == [("currency-mismatch-scope", 1)] * 2
    assert ids_(promo("p")) == [("currency-mismatch-scope", 2)]  # the whole order
    assert ids_(promo("p", skus=["U"])) == [("currency-mismatch", None)]
    assert ids_(promo("p", skus=["A"])) == []


def test_stacking_counts_every_compatible_set_not_only_the_largest():
    # d stacks with a and with b, but a and b not with each other: two sets, {a,d} and
    # {b,d}; only {b,d} is past the line (40% then 30%: 58% off)
    a = promo("a", m.PercentOff(D(10)), stacking="with", with_ids=["d"])
    b = promo("b", m.PercentOff(D(40)), stacking="with", with_ids=["d"])
    d = promo("d", m.PercentOff(D(30)), stacking="with", with_ids=["a", "b"])
    hits = _check_all(stacking_below_market, [a, b, d])
    assert [sorted(h.witness.promotions) for h in hits] == [["b", "d"]]


def test_a_pair_inside_a_triple_whose_audiences_conflict():
    # the three audiences cannot all hold, each pair can; b+c is past the line
    a = promo("a", m.PercentOff(D(10)), stacking="stackable",
              audience="not (user.phone_verified and user.device_verified)")
    b = promo("b", m.PercentOff(D(30)), stacking="stackable", audience="user.phone_verified")
    c = promo("c", m.PercentOff(D(30)), stacking="stackable", audience="user.device_verified")
    hits = _check_all(stacking_below_market, [a, b, c])
    assert [sorted(h.witness.promotions) for h in hits] == [["b", "c"]]
    assert hits[0].witness.pays == D(49)


def test_one_finding_a_step_the_largest_set_past_the_line():
    ps = [promo(i, m.PercentOff(D(30)), stacking="stackable") for i in "abc"]
    hits = _check_all(stacking_below_market, ps)
    # {a, b} at b's start; at c's start {a, b, c}, not also each pair with c
    assert [sorted(h.witness.promotions) for h in hits] == [["a", "b"], ["a", "b", "c"]]


def test_many_stackable_promotions_are_bounded_and_fail_closed():
    import time
    ps = [promo(f"p{i:03}", m.PercentOff(D(1) + D(i) / 100), stacking="stackable",
                audience=f"user.order_count == {i}") for i in range(100)]
    started = time.perf_counter()
    hits = _check_all(stacking_below_market, ps)
    assert time.perf_counter() - started < 30
    assert hits and {h.message_id for h in hits} == {"stacking-below-market-unchecked"}
