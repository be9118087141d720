"""unbounded-repeat: a threshold_off with repeat: true and no max_repeats (每满 without a cap)."""
from promolint.core.diagnostics import make, money
from promolint.model import promotion as m

RULES = ("unbounded-repeat",)
NEEDS = ("benefit",)


def check(promo, ctx):
    benefit = promo.benefit
    if isinstance(benefit, m.ThresholdOff) and benefit.repeat and benefit.max_repeats is None:
        yield make(promo.path, promo.source.span(("benefit", "repeat")), "unbounded-repeat",
                   promotion=promo.id, threshold=money(benefit.threshold),
                   amount=money(benefit.amount), currency=promo.currency)
