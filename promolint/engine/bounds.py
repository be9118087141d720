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

from promolint.model import promotion as m

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


def cannot_pass(benefit: m.Benefit, unit_price: Decimal, line: Decimal) -> bool:
    """True when no one-SKU basket at `unit_price` gets more than `line` (a fraction)
    off: max_share <= line, decided by exact multiplication (no division)."""
    if unit_price <= 0:
        return False
    if isinstance(benefit, m.PercentOff):
        return benefit.percent <= line * 100
    if isinstance(benefit, m.AmountOff):
        return benefit.amount <= line * unit_price
    if isinstance(benefit, m.ThresholdOff):
        return benefit.threshold > 0 and benefit.amount <= line * benefit.threshold
    if isinstance(benefit, m.Tiered):
        return all(_tier_within(t, line) for t in benefit.tiers)
    if isinstance(benefit, (m.FixedPrice, m.GroupPrice)):
        return unit_price - benefit.price <= line * unit_price
    if isinstance(benefit, m.BuyXGetY):
        return benefit.get * benefit.percent <= line * 100 * (benefit.buy + benefit.get)
    return isinstance(benefit, m.FreeShipping)


def _tier_within(tier: m.Tier, line: Decimal) -> bool:
    if tier.amount is not None:
        return tier.threshold > 0 and tier.amount <= line * tier.threshold
    return tier.percent is not None and tier.percent <= line * 100


def cannot_pass_any(benefit: m.Benefit, unit_prices: list[Decimal], line: Decimal) -> bool:
    """cannot_pass at every one of `unit_prices`. Each condition above is monotone in
    the unit price (or does not depend on it), so the cheapest and dearest decide."""
    return bool(unit_prices) and cannot_pass(benefit, min(unit_prices), line) \
        and cannot_pass(benefit, max(unit_prices), line)
