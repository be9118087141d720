"""currency-mismatch: the promotion's currency differs from a scoped SKU's price list currency."""
from promolint.core.diagnostics import make

RULES = ("currency-mismatch",)
NEEDS = ("currency", "scope")


def check(promo, ctx):
    for i, sku in enumerate(promo.scope.skus):
        price = ctx.prices.get(sku)
        if price and price.currency != promo.currency:
            yield make(promo.path, promo.source.span(("scope", "skus", i)), "currency-mismatch",
                       promotion=promo.id, sku=sku, currency=promo.currency,
                       market_currency=price.currency)
