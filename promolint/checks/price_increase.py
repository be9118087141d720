"""price-increase: a fixed_price or group_price at or above a scoped SKU's market price.

Looks at explicit SKUs and at price-list SKUs of scoped categories (a category-wide
fixed price makes the cheaper goods in it dearer). A whole-order fixed price is left
to below-market: it has no meaningful "scoped SKU".
"""
from promolint.checks._scoped import priced_skus
from promolint.core.diagnostics import make, money
from promolint.model import promotion as m

RULES = ("price-increase",)
NEEDS = ("benefit", "scope", "currency")


def check(promo, ctx):
    benefit = promo.benefit
    if not isinstance(benefit, (m.FixedPrice, m.GroupPrice)) or promo.scope.whole_order:
        return
    seen = set()
    for where, price in priced_skus(promo, ctx.prices):
        if price.market_price > 0 and benefit.price >= price.market_price and where not in seen:
            seen.add(where)
            yield make(promo.path, promo.source.span(where), "price-increase",
                       promotion=promo.id, sku=price.sku, price=money(benefit.price),
                       market=money(price.market_price), currency=promo.currency)
