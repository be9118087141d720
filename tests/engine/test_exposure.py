"""exposure: the worst case a promotion can cost, hand-computed."""
from promolint.engine.exposure import exposure
from promolint.model import promotion as m
from tests.checks.money_helpers import D, promo


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
