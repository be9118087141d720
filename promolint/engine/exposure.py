"""Budget exposure: the most money a promotion can give away, from its limits.

- `limits.budget` when set (the smaller of it and the bound below, when both exist);
- else `limits.total` redemptions x the most one redemption can give, where that is
  bounded: a capped percent (max_amount), amount_off (amount), threshold_off (amount,
  x max_repeats when repeating; unbounded when repeating without max_repeats), tiered
  with amount tiers (the largest amount);
- else None: unbounded (a percent without cap, a fixed or group price, buy-x-get-y and
  free shipping give more the more is bought, and nothing caps how much is bought).
"""
from __future__ import annotations

from decimal import Decimal

from promolint.model import promotion as m
from promolint.source.prices import PriceList


def exposure(promo: m.Promotion, prices: PriceList | None = None) -> Decimal | None:
    """Worst-case money given away by `promo`, or None when unbounded."""
    per = per_redemption(promo.benefit)
    total = promo.limits.total
    bound = per * total if per is not None and total is not None else None
    budget = promo.limits.budget
    if budget is not None:
        return min(budget, bound) if bound is not None else budget
    return bound


def per_redemption(benefit: m.Benefit) -> Decimal | None:
    """The most one redemption can take off, or None when unbounded."""
    if isinstance(benefit, m.PercentOff):
        return benefit.max_amount
    if isinstance(benefit, m.AmountOff):
        return benefit.amount
    if isinstance(benefit, m.ThresholdOff):
        if not benefit.repeat:
            return benefit.amount
        return benefit.amount * benefit.max_repeats if benefit.max_repeats is not None else None
    if isinstance(benefit, m.Tiered):
        if any(tier.amount is None for tier in benefit.tiers):
            return None
        return max(tier.amount for tier in benefit.tiers)
    return None
