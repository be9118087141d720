"""Which promotions apply, and how they combine."""
from datetime import datetime

from promolint.engine.evaluator import evaluate
from promolint.model import promotion as m
from tests.engine.factory import AT, END, START, D, cart, promo

TEN = m.PercentOff(D(10))
ONE = cart(("A", 1, "100", "apparel"))


def ids(result):
    return [a.id for a in result.applied]


def test_window_start_inclusive_end_exclusive():
    p = promo("p", TEN)
    assert ids(evaluate([p], ONE, {}, START)) == ["p"]
    assert ids(evaluate([p], ONE, {}, END)) == []
    assert ids(evaluate([p], ONE, {}, datetime.fromisoformat("2026-11-10T23:59:59+08:00"))) == []


def test_audience_reads_user_and_cart_facts():
    p = promo("p", TEN, audience="user.tier == 'gold' and cart.subtotal >= 100")
    assert ids(evaluate([p], ONE, {"user.tier": "gold"}, AT)) == ["p"]
    assert ids(evaluate([p], ONE, {"user.tier": "silver"}, AT)) == []
    assert ids(evaluate([p], cart(("A", 1, "99")), {"user.tier": "gold"}, AT)) == []


def test_scope_and_exclusions():
    p = promo("p", TEN, categories=["apparel"], exclude=["B"])
    r = evaluate([p], cart(("A", 1, "100", "apparel"), ("B", 1, "100", "apparel")), {}, AT)
    assert [l.total for l in r.lines] == [D(90), D(100)]
    assert ids(evaluate([p], cart(("C", 1, "5", "food")), {}, AT)) == []


def test_coupon_applies_only_when_presented():
    p = promo("p", TEN, coupon=True)
    assert ids(evaluate([p], ONE, {}, AT)) == []
    assert ids(evaluate([p], cart(("A", 1, "100"), coupons=["p"]), {}, AT)) == ["p"]


def test_partial_rollout_applies_with_a_note():
    r = evaluate([promo("p", TEN, rollout=20)], ONE, {}, AT)
    assert ids(r) == ["p"] and r.notes


def test_exclusives_best_for_customer():
    a, b = promo("a", TEN), promo("b", m.AmountOff(D(30)))
    r = evaluate([a, b], ONE, {}, AT)
    assert ids(r) == ["b"] and r.total == D(70)


def test_priority_decides_before_price():
    a, b = promo("a", TEN, priority=5), promo("b", m.AmountOff(D(30)))
    assert ids(evaluate([a, b], ONE, {}, AT)) == ["a"]


def test_stackables_apply_in_order_on_running_prices():
    a = promo("a", m.PercentOff(D(40)), stacking="stackable", priority=2)
    b = promo("b", m.PercentOff(D(70)), stacking="stackable", priority=1)
    r = evaluate([a, b], ONE, {}, AT)
    assert ids(r) == ["a", "b"]
    assert r.total == D(18)  # 100 * 0.6 * 0.3


def test_threshold_after_earlier_discount_sees_running_subtotal():
    a = promo("a", m.PercentOff(D(10)), stacking="stackable", priority=2)
    b = promo("b", m.ThresholdOff(D(100), D(20)), stacking="stackable", priority=1)
    r = evaluate([a, b], ONE, {}, AT)
    assert r.total == D(90)  # 100 -> 90, which no longer reaches 100


def test_stacking_with_needs_both_sides():
    a = promo("a", TEN, stacking="with", with_ids=["b"])
    b = promo("b", m.AmountOff(D(5)), stacking="with", with_ids=["a"])
    c = promo("c", m.AmountOff(D(1)), stacking="stackable")
    r = evaluate([a, b, c], ONE, {}, AT)
    assert sorted(ids(r)) == ["a", "b"] and r.total == D(85)


def test_stackable_does_not_stack_with_exclusive():
    a = promo("a", TEN, stacking="stackable")
    b = promo("b", m.AmountOff(D(5)))
    r = evaluate([a, b], ONE, {}, AT)
    assert ids(r) == ["a"] and r.total == D(90)


def test_stacked_discounts_never_below_zero():
    a = promo("a", m.AmountOff(D(80)), stacking="stackable")
    b = promo("b", m.AmountOff(D(80)), stacking="stackable")
    assert evaluate([a, b], ONE, {}, AT).total == D(0)


def test_deterministic_regardless_of_input_order():
    ps = [promo(i, m.AmountOff(D(n)), stacking="stackable") for i, n in (("x", 3), ("y", 4), ("z", 5))]
    assert evaluate(ps, ONE, {}, AT).total == evaluate(list(reversed(ps)), ONE, {}, AT).total == D(88)
