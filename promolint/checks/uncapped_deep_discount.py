"""uncapped-deep-discount: a price 90% or more below market with no cap on how many
units sell at it (Prime Day 2019: a 13,000 USD lens sold for 94.48 USD, thousands of times).

A real doorbuster (1元秒杀) always caps both the stock (`limits.total`) and the units per
customer (`limits.per_user`); this fires when either is missing. `below-market` judges
the price itself; this rule is about how many units a wrong price can sell.
"""
from decimal import Decimal

from promolint.checks._scoped import below, priced_skus
from promolint.checks._shown import percent_text
from promolint.core.diagnostics import make, money
from promolint.core.phrases import percent_off
from promolint.model import promotion as m

RULES = ("uncapped-deep-discount",)
NEEDS = ("benefit", "scope", "currency", "limits.total", "limits.per_user")

DEEP = Decimal(90)  # percent below market


def check(promo, ctx):
    limits = promo.limits
    if limits.total is not None and limits.per_user is not None:
        return
    missing = "total" if limits.total is None else "per_user"
    found = _deepest(promo, ctx)
    if found is None:
        return
    path, args = found
    yield make(promo.path, promo.source.span(path), "uncapped-deep-discount",
               "uncapped-deep-discount-price" if "sku" in args else None,
               promotion=promo.id, missing=f"limits.{missing}", currency=promo.currency, **args)


def _deepest(promo, ctx):
    benefit = promo.benefit
    if isinstance(benefit, m.PercentOff) and benefit.percent >= DEEP:
        return ("benefit", "percent"), {"off": percent_off(benefit.percent)}
    if not isinstance(benefit, (m.FixedPrice, m.GroupPrice)):
        return None
    deep = [(below(benefit.price, p.market_price), p) for _, p in priced_skus(promo, ctx.prices)
            if p.market_price > 0]
    deep = [(pct, p) for pct, p in deep if pct >= DEEP]
    if not deep:
        return None
    pct, price = max(deep, key=lambda d: (d[0], d[1].sku))
    return ("benefit", "price"), {"below": percent_text(pct), "sku": price.sku,
                                  "price": money(benefit.price), "market": money(price.market_price)}
