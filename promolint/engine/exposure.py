"""Budget exposure: the most money a promotion can give away, from its limits.

- `limits.budget` when set (the smaller of it and the bound below, when both exist);
- else `limits.total` redemptions x the most one redemption can give, where that is
  bounded: a capped percent (max_amount), amount_off (amount), threshold_off (amount,
  x max_repeats when repeating; unbounded when repeating without max_repeats), tiered
  with amount tiers (the largest amount);
  with amount tiers (the largest amount); a fixed or group price when every scoped SKU
  is priced: one redemption is one unit at the price (a 秒杀 quota counts units), so
  the most it gives is the largest market price - price among the scoped SKUs;
- else None: unbounded (a percent without cap, buy-x-get-y and free shipping give more
  the more is bought, and nothing caps how much is bought).
`bound` names what gives the figure.
"""
from __future__ import annotations

from decimal import Decimal

from promolint.model import promotion as m
from promolint.source.prices import PriceList


def exposure(promo: m.Promotion, prices: PriceList | None = None) -> Decimal | None:
    """Worst-case money given away by `promo`, or None when unbounded."""
    return bound(promo, prices)[0]


def bound(promo: m.Promotion, prices: PriceList | None = None) -> tuple[Decimal | None, str]:
    """(worst-case money given away or None, what bounds it: "limits.budget", "limits.total
    x 400.00 (the most one redemption gives: GC-500 at 100.00)", or why nothing does)."""
    per, why = _per(promo, prices)
    total = promo.limits.total
    bounded = per * total if per is not None and total is not None else None
    budget = promo.limits.budget
    if budget is not None and (bounded is None or budget <= bounded):
        return budget, "limits.budget"
    if bounded is not None:
        return bounded, f"limits.total {total} x {per:f} ({why})"
    return None, ("no limits.budget or limits.total" if total is None
                  else f"limits.total, but nothing bounds one redemption ({why})")


def _per(promo: m.Promotion, prices: PriceList | None) -> tuple[Decimal | None, str]:
    benefit = promo.benefit
    kind = next((k for k, v in m.BENEFIT_TYPES.items() if isinstance(benefit, v)), "benefit")
    per = per_redemption(benefit)
    if per is not None:
        return per, f"the most one {kind} redemption takes off"
    if isinstance(benefit, (m.FixedPrice, m.GroupPrice)) and prices:
        return _unit_saving(promo, prices)
    return None, f"{kind} gives more the more is bought"


def _unit_saving(promo: m.Promotion, prices: PriceList) -> tuple[Decimal | None, str]:
    """The largest market price - price over the scoped SKUs, when all are priced."""
    from promolint.engine.skus import scoped_prices
    scope = promo.scope
    if scope.whole_order:
        return None, "a fixed price on the whole order"
    unpriced = [s for s in scope.skus if s not in scope.exclude_skus
                and (s not in prices or prices[s].currency != promo.currency)]
    if unpriced:
        return None, f"{unpriced[0]} has no market price"
    priced = scoped_prices(promo, prices)
    if not priced:
        return None, "no scoped SKU is priced"
    worst = max(priced, key=lambda p: (p.market_price, p.sku))
    saving = max(worst.market_price - promo.benefit.price, Decimal(0))
    return saving, (f"one unit a redemption, the dearest scoped SKU {worst.sku} at "
                    f"{worst.market_price:f} sold at {promo.benefit.price:f}")


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
