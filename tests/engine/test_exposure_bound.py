"""eval --exposure: a fixed or group price with limits.total and priced SKUs has a figure
(units x the largest unit saving) and says what bounds it; doubt stays unbounded."""
from promolint.engine.exposure import bound
from promolint.model import promotion as m
from tests.engine.factory import D, promo
from tests.checks.money_helpers import prices

LIST = prices(("A", "500", "c"), ("B", "120", "c"))


def test_fixed_price_units_times_the_largest_saving():
    amount, why = bound(promo("p", m.FixedPrice(D(100)), categories=["c"],
                              limits=m.Limits(total=1000)), LIST)
    assert amount == D(400000) and "limits.total 1000 x 400" in why and "A at 500" in why


def test_budget_wins_when_smaller_and_doubt_is_unbounded():
    capped = promo("p", m.GroupPrice(D(100), 2), skus=["A"], limits=m.Limits(total=1000, budget=D(5000)))
    assert bound(capped, LIST) == (D(5000), "limits.budget")
    unpriced = promo("p", m.FixedPrice(D(1)), skus=["A", "NOPE"], limits=m.Limits(total=10))
    assert bound(unpriced, LIST)[0] is None and "NOPE has no market price" in bound(unpriced, LIST)[1]
    whole = promo("p", m.FixedPrice(D(1)), limits=m.Limits(total=10))
    assert bound(whole, LIST)[0] is None
