"""max_share is an upper bound of what the engine takes off any one-SKU basket."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.engine.benefits import line_discounts
from promolint.engine.bounds import max_share
from promolint.model.build import benefit as build_benefit
from tests.strategies import benefit, decimals


@settings(max_examples=300, deadline=None)
@given(benefit(), decimals("0.01", "5000"), st.integers(1, 60), st.integers(0, 12))
def test_no_basket_gets_more_than_the_bound(raw, unit_price, quantity, group):
    model = build_benefit(raw)
    total = unit_price * quantity
    off = sum(line_discounts(model, [(total, quantity)], {"group.size": group}), Decimal(0))
    assert off <= max_share(model, unit_price) * total


def test_examples():
    from promolint.model import promotion as m
    assert max_share(m.PercentOff(Decimal(60)), Decimal(10)) == Decimal("0.6")
    assert max_share(m.FixedPrice(Decimal(20)), Decimal(100)) == Decimal("0.8")
    assert max_share(m.FixedPrice(Decimal(200)), Decimal(100)) == 0
    assert max_share(m.AmountOff(Decimal(50)), Decimal(20)) == 1
    assert max_share(m.BuyXGetY(1, 1, Decimal(100)), Decimal(9)) == Decimal("0.5")


@settings(max_examples=300, deadline=None)
@given(benefit(), decimals("0.01", "5000"), st.sampled_from(["0.5", "0.3", "0.9", "0.25"]))
def test_cannot_pass_is_max_share_within_the_line(raw, unit_price, line):
    from promolint.engine.bounds import cannot_pass
    model = build_benefit(raw)
    assert cannot_pass(model, unit_price, Decimal(line)) == (max_share(model, unit_price) <= Decimal(line)) \
        or max_share(model, unit_price) - Decimal(line) < Decimal("1e-20")


@settings(max_examples=300, deadline=None)
@given(benefit(), decimals("0.01", "5000"), st.integers(1, 60), st.integers(0, 12),
       st.sampled_from(["0.5", "0.3", "0.9", "0.1"]))
def test_cannot_pass_means_no_basket_is_past_the_line(raw, unit_price, quantity, group, line):
    from promolint.engine.bounds import cannot_pass
    model = build_benefit(raw)
    total = unit_price * quantity
    off = sum(line_discounts(model, [(total, quantity)], {"group.size": group}), Decimal(0))
    if cannot_pass(model, unit_price, Decimal(line)):
        assert off <= Decimal(line) * total


@settings(max_examples=200, deadline=None)
@given(benefit(), st.lists(decimals("0.01", "5000"), min_size=1, max_size=6),
       st.sampled_from(["0.5", "0.3", "0.9"]))
def test_the_cheapest_and_dearest_price_decide_for_all(raw, prices, line):
    from promolint.engine.bounds import cannot_pass, cannot_pass_any
    model = build_benefit(raw)
    if cannot_pass_any(model, prices, Decimal(line)):
        assert all(cannot_pass(model, p, Decimal(line)) for p in prices)


@settings(max_examples=200, deadline=None)
@given(st.lists(benefit(), min_size=2, max_size=3), decimals("0.01", "2000"), st.integers(1, 30))
def test_stacked_discounts_are_within_the_sum_of_the_bounds(raws, unit_price, quantity):
    from promolint.engine.evaluator import apply_in_order
    from tests.engine.factory import cart, promo
    promos = [promo(f"p{i}", build_benefit(raw), skus=["S"], stacking="stackable")
              for i, raw in enumerate(raws)]
    basket = cart(("S", quantity, str(unit_price)))
    result = apply_in_order(promos, basket, {"group.size": 10}, exact=True)  # as probes are
    bound = sum(max_share(p.benefit, unit_price) for p in promos)
    # shares are 28-digit quotients (1/300 + 3/300 is 0.01333...3): allow their rounding
    assert result.subtotal - result.total <= bound * result.subtotal + Decimal("1e-20")
