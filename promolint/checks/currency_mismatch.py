"""currency-mismatch: the promotion's currency differs from a scoped SKU's price list currency.

Every scope kind counts: an explicit SKU is reported at its `scope.skus` entry; the
SKUs a category or a whole-order scope reaches are reported once per scope entry (one
cause, one finding: the count, and the first SKU as the example), so SKUs in another
currency never drop out of below-market in silence.
"""
from promolint.checks._scoped import order_path
from promolint.core.diagnostics import make

RULES = ("currency-mismatch",)
NEEDS = ("currency", "scope")


def check(promo, ctx):
    scope, prices = promo.scope, ctx.prices
    for i, sku in enumerate(scope.skus):
        price = prices.get(sku)
        if price and price.currency != promo.currency and sku not in scope.exclude_skus:
            yield make(promo.path, promo.source.span(("scope", "skus", i)), "currency-mismatch",
                       promotion=promo.id, sku=sku, currency=promo.currency,
                       market_currency=price.currency)
    if not scope.categories and not scope.whole_order:
        return
    from promolint.engine.skus import category_prices, sorted_prices  # indexes, once per list
    skipped = set(scope.skus) | set(scope.exclude_skus)
    reached = [(("scope", "categories", i), category_prices(prices, c))
               for i, c in enumerate(scope.categories)]
    if scope.whole_order:
        reached.append((order_path(promo), sorted_prices(prices)))
    memo = prices.memo().setdefault("currency-mismatch", {})
    for path, entries in reached:
        key = (id(entries), promo.currency)  # entries: the list's own index, kept with it
        if key not in memo:
            memo[key] = (entries, [p for p in entries if p.currency != promo.currency])
        other = [p for p in memo[key][1] if p.sku not in skipped]
        if other:
            yield make(promo.path, promo.source.span(path), "currency-mismatch",
                       "currency-mismatch-scope", promotion=promo.id, sku=other[0].sku,
                       count=len(other), currency=promo.currency,
                       market_currency=other[0].currency)
