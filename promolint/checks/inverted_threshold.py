"""inverted-threshold: a 满减 that takes off at least what must be spent (满50减200).

The witness is the smallest cart that reaches the threshold (a priced scoped SKU, or
an item priced at the threshold) and what it pays under the promotion.
"""
from promolint.core.diagnostics import make, money
from promolint.engine.skus import spend_witness
from promolint.model import promotion as m

RULES = ("inverted-threshold",)
NEEDS = ("benefit",)


def check(promo, ctx):
    benefit = promo.benefit
    if isinstance(benefit, m.ThresholdOff) and benefit.amount >= benefit.threshold:
        yield _finding(promo, ("benefit", "amount"), benefit.threshold, benefit.amount, ctx)
    elif isinstance(benefit, m.Tiered):
        for i, tier in enumerate(benefit.tiers):
            if tier.amount is not None and tier.amount >= tier.threshold:
                yield _finding(promo, ("benefit", "tiers", i, "amount"), tier.threshold, tier.amount, ctx)


def _finding(promo, path, threshold, amount, ctx):
    witness = spend_witness(promo, threshold, ctx.prices, ctx.settings.fields)
    return make(promo.path, promo.source.span(path), "inverted-threshold", promotion=promo.id,
                witness=witness, threshold=money(threshold), amount=money(amount),
                currency=promo.currency)
