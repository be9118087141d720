"""Every benefit type priced by hand: spec section 2.2."""
from decimal import Decimal

from promolint.engine.evaluator import evaluate
from promolint.model import promotion as m
from tests.engine.factory import AT, D, cart, promo


def total(benefit, the_cart, user=None, **kw):
    return evaluate([promo("p", benefit, **kw)], the_cart, user or {}, AT)


def test_percent_off_each_line():
    r = total(m.PercentOff(D(20)), cart(("A", 2, "50"), ("B", 1, "30")))
    assert [l.total for l in r.lines] == [D(80), D(24)]
    assert r.total == D(104)


def test_percent_off_cap_is_over_the_whole_promotion_and_allocated():
    r = total(m.PercentOff(D(50), D(30)), cart(("A", 1, "60"), ("B", 1, "40")))
    assert r.discount == D(30)
    assert [l.discount for l in r.lines] == [D(18), D(12)]


def test_percent_cap_not_binding():
    r = total(m.PercentOff(D(10), D(30)), cart(("A", 1, "60")))
    assert r.total == D(54)


def test_amount_off_spread_over_scoped_subtotal_remainder_to_last():
    r = total(m.AmountOff(D(10)), cart(("A", 1, "10"), ("B", 1, "10"), ("C", 1, "10")))
    assert [l.discount for l in r.lines] == [D("3.33"), D("3.33"), D("3.34")]
    assert r.total == D(20)


def test_amount_off_never_below_zero():
    r = total(m.AmountOff(D(100)), cart(("A", 1, "30")))
    assert r.total == D(0)


def test_threshold_off_once():
    r = total(m.ThresholdOff(D(200), D(50)), cart(("A", 5, "99")))
    assert r.total == D(495) - D(50)


def test_threshold_off_not_reached():
    r = total(m.ThresholdOff(D(200), D(50)), cart(("A", 2, "99")))
    assert r.total == D(198)


def test_threshold_off_repeat_every_full_threshold_up_to_max_repeats():
    benefit = m.ThresholdOff(D(200), D(50), repeat=True, max_repeats=3)
    assert total(benefit, cart(("A", 1, "450"))).total == D(350)   # 2 x 50
    assert total(benefit, cart(("A", 1, "1000"))).total == D(850)  # 3 x 50 (capped)
    unbounded = m.ThresholdOff(D(200), D(50), repeat=True)
    assert total(unbounded, cart(("A", 1, "1000"))).total == D(750)  # 5 x 50


def test_threshold_only_counts_scoped_lines():
    r = total(m.ThresholdOff(D(100), D(20)), cart(("A", 1, "60", "x"), ("B", 1, "60", "y")),
              categories=["x"])
    assert r.total == D(120)


def test_tiered_highest_tier_reached_amount_and_percent():
    tiers = m.Tiered((m.Tier(D(300), D(30)), m.Tier(D(600), D(80)), m.Tier(D(1000), percent=D(20))))
    assert total(tiers, cart(("A", 1, "299"))).total == D(299)
    assert total(tiers, cart(("A", 1, "650"))).total == D(570)
    assert total(tiers, cart(("A", 1, "1000"))).total == D(800)


def test_fixed_price_per_scoped_unit_and_never_raises_a_price():
    r = total(m.FixedPrice(D(499)), cart(("HP", 2, "899"), ("X", 1, "100")), skus=["HP", "X"])
    assert [l.total for l in r.lines] == [D(998), D(100)]


def test_buy_x_get_y_cheapest_get_units():
    benefit = m.BuyXGetY(2, 1)
    r = total(benefit, cart(("A", 2, "30"), ("B", 1, "10"), ("C", 3, "20")))
    # 6 units -> 2 groups of 3 -> the 2 cheapest units free: B (10) and one C (20)
    assert r.discount == D(30)
    assert [l.discount for l in r.lines] == [D(0), D(10), D(20)]


def test_buy_x_get_y_percent():
    r = total(m.BuyXGetY(1, 1, D(50)), cart(("A", 3, "40")))
    assert r.total == D(100)  # one group: one unit at half price


def test_group_price_is_gated_by_the_audience_not_by_min_group_size():
    # the audience is the platform's gate (issue 16): an unguarded group price sells a
    # buyer alone at the group price; a guarded one does not apply to them at all
    benefit = m.GroupPrice(D(59), 3)
    assert total(benefit, cart(("N", 2, "88")), {"group.size": 3}).total == D(118)
    assert total(benefit, cart(("N", 2, "88")), {"group.size": 1}).total == D(118)
    guarded = total(benefit, cart(("N", 2, "88")), {"group.size": 1}, audience="group.size >= 3")
    assert guarded.total == D(176) and not guarded.applied


def test_free_shipping_changes_no_price():
    r = total(m.FreeShipping(D(99)), cart(("A", 1, "100")))
    assert r.total == D(100) and r.free_shipping
    assert not total(m.FreeShipping(D(99)), cart(("A", 1, "98"))).free_shipping


def test_exact_decimals_no_float_drift():
    r = evaluate([promo("p", m.PercentOff(D("33.3")))], cart(("A", 3, "0.10")), {}, AT, exact=True)
    assert r.total == D("0.3") - D("0.3") * D("0.333")
    assert isinstance(r.total, Decimal)


def test_rounded_by_default_to_the_cent():
    # the same cart as a shop charges it: 0.0999 off rounds to 0.10
    r = total(m.PercentOff(D("33.3")), cart(("A", 3, "0.10")))
    assert r.total == D("0.20") and r.discount == D("0.10")
