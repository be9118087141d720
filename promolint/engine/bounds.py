"""An upper bound on the share of a one-SKU basket's price a benefit can take off.

below-market probes baskets of each distinct scoped market price; that costs a
satisfying-facts search and an evaluation per basket size. When a benefit can
never take more than `line` of the price, whatever the quantity and audience,
no probe can be past the line, so the probes are skipped. The bounds follow
promolint.engine.benefits for a single line of `quantity >= 1` units at
`unit_price` (tests/engine/test_bounds.py checks them against it).
"""
from __future__ import annotations

from decimal import ROUND_CEILING, Decimal, localcontext

from promolint import model as m

ONE, ZERO = Decimal(1), Decimal(0)


def max_share(benefit: m.Benefit, unit_price: Decimal) -> Decimal:
    """The largest discount / basket price any one-SKU basket can get (0..1)."""
    if unit_price <= 0:
        return ONE
    if isinstance(benefit, m.PercentOff):
        return min(ONE, benefit.percent / 100)
    if isinstance(benefit, m.AmountOff):
        return min(ONE, _up(benefit.amount, unit_price))
    if isinstance(benefit, m.ThresholdOff):
        return min(ONE, _up(benefit.amount, benefit.threshold)) if benefit.threshold > 0 else ONE
    if isinstance(benefit, m.Tiered):
        return max((_tier_share(t) for t in benefit.tiers), default=ZERO)
    if isinstance(benefit, (m.FixedPrice, m.GroupPrice)):
        return max(ZERO, ONE - _down(benefit.price, unit_price))
    if isinstance(benefit, m.BuyXGetY):
        return min(ONE, _up(benefit.get * benefit.percent, 100 * (benefit.buy + benefit.get)))
    if isinstance(benefit, m.FreeShipping):
        return ZERO
    return ONE  # an unknown benefit: never skip


def _tier_share(tier: m.Tier) -> Decimal:
    if tier.amount is not None:
        return min(ONE, _up(tier.amount, tier.threshold)) if tier.threshold > 0 else ONE
    return min(ONE, tier.percent / 100) if tier.percent is not None else ONE


def _up(a, b) -> Decimal:
    """a / b rounded up, so the bound is never below the exact share."""
    with localcontext() as ctx:
        ctx.rounding = ROUND_CEILING
        return Decimal(a) / Decimal(b)


def _down(a, b) -> Decimal:
    return -_up(-Decimal(a), b)
