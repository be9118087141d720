"""unpriced-sku: a scoped SKU has no market price, so below-market could not check it.

Only when a price list is configured: without one, every SKU is unpriced and the
finding would say nothing. Free shipping changes no price, so it is not checked.
"""
from promolint.core.diagnostics import make

RULES = ("unpriced-sku",)
NEEDS = ("scope",)


def check(promo, ctx):
    if not promo.gives_money or (ctx.settings.market_prices is None and not ctx.prices):
        return
    for i, sku in enumerate(promo.scope.skus):
        if sku not in ctx.prices and sku not in promo.scope.exclude_skus:
            yield make(promo.path, promo.source.span(("scope", "skus", i)), "unpriced-sku",
                       promotion=promo.id, sku=sku)
