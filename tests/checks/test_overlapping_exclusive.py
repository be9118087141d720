"""overlapping-exclusive: hand-computed cases."""
from promolint.checks import (
    overlapping_exclusive,
)
from promolint.model import promotion as m
from tests.checks.money_helpers import D, promo, run_all


def test_overlapping_exclusive_same_sku_only_when_one_customer_can_get_both():
    a = promo("a", m.PercentOff(D(10)), skus=["A"])
    b = promo("b", m.AmountOff(D(5)), skus=["A", "B"])
    assert len(run_all(overlapping_exclusive, [a, b])) == 1
    c = promo("c", m.AmountOff(D(5)), skus=["A"], audience="user.tier == 'gold'")
    d = promo("d", m.AmountOff(D(5)), skus=["A"], audience="user.tier == 'silver'")
    assert run_all(overlapping_exclusive, [c, d]) == []
    e = promo("e", m.AmountOff(D(5)), categories=["x"])
    assert run_all(overlapping_exclusive, [a, e]) == []


def test_overlapping_exclusive_notes_each_promotion_once_not_every_pair():
    many = [promo(f"p{i:03d}", m.AmountOff(D(5)), skus=["A"]) for i in range(60)]
    found = run_all(overlapping_exclusive, many)
    assert len(found) == 59  # every promotion after the first, once each (not 1,770 pairs)
    assert len({f.promotion for f in found}) == 59
