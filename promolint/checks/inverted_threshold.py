"""inverted-threshold: a 满减 that takes off at least what must be spent (满50减200)."""
from promolint import model as m
from promolint.diagnostics import make, money

RULES = ("inverted-threshold",)


def check(promo, ctx):
    benefit = promo.benefit
    if isinstance(benefit, m.ThresholdOff) and benefit.amount >= benefit.threshold:
        yield _finding(promo, ("benefit", "amount"), benefit.threshold, benefit.amount)
    elif isinstance(benefit, m.Tiered):
        for i, tier in enumerate(benefit.tiers):
            if tier.amount is not None and tier.amount >= tier.threshold:
                yield _finding(promo, ("benefit", "tiers", i, "amount"), tier.threshold, tier.amount)


def _finding(promo, path, threshold, amount):
    return make(promo.path, promo.source.span(path), "inverted-threshold", promotion=promo.id,
                threshold=money(threshold), amount=money(amount), currency=promo.currency)
