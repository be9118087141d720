"""non-monotonic-tiers: a higher tier that does not give a strictly larger discount.

The witness is the smallest cart that reaches the higher tier and what it pays.
"""
from decimal import Decimal

from promolint.core.diagnostics import make, money
from promolint.engine.skus import spend_witness
from promolint.model import promotion as m

RULES = ("non-monotonic-tiers",)
NEEDS = ("benefit",)


def discount_at(tier: m.Tier, subtotal: Decimal) -> Decimal:
    """What the tier takes off a subtotal that reaches it."""
    if tier.amount is not None:
        return tier.amount
    return subtotal * tier.percent / 100


def check(promo, ctx):
    if not isinstance(promo.benefit, m.Tiered):
        return
    tiers = sorted(enumerate(promo.benefit.tiers), key=lambda it: it[1].threshold)
    for (_, lower), (j, higher) in zip(tiers, tiers[1:]):
        at = higher.threshold
        if discount_at(higher, at) <= discount_at(lower, at):
            yield make(promo.path, promo.source.span(("benefit", "tiers", j)), "non-monotonic-tiers",
                       promotion=promo.id,
                       witness=spend_witness(promo, at, ctx.prices, ctx.settings.fields),
                       high=money(higher.threshold), low=money(lower.threshold),
                       high_off=money(discount_at(higher, at)), low_off=money(discount_at(lower, at)),
                       currency=promo.currency)
