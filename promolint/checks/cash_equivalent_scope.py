"""cash-equivalent-scope: a money-giving promotion can apply to gift cards, phone
top-ups or another category named in `cash_equivalent_categories`.

Fires on a scoped category that is cash-equivalent, on a scoped SKU whose price-list
category is, and on a whole-order scope when the price list holds such SKUs that the
scope does not exclude (without a price list a whole order proves nothing either way).
"""
from promolint.checks._scoped import order_path
from promolint.core.diagnostics import make
from promolint.engine.skus import category_set_prices

RULES = ("cash-equivalent-scope",)
NEEDS = ("scope",)


def check(promo, ctx):
    cash = set(ctx.settings.cash_equivalent_categories)
    if not promo.gives_money or not cash:
        return
    doc, scope = promo.source, promo.scope
    for i, category in enumerate(scope.categories):
        if category in cash:
            yield make(promo.path, doc.span(("scope", "categories", i)), "cash-equivalent-scope",
                       promotion=promo.id, category=category)
    # A category's own SKUs are not looked at: the category finding above covers them.
    for i, sku in enumerate(scope.skus):
        price = ctx.prices.get(sku)
        if price is not None and price.category in cash and sku not in scope.exclude_skus:
            yield make(promo.path, doc.span(("scope", "skus", i)), "cash-equivalent-scope",
                       "cash-equivalent-sku", promotion=promo.id, sku=sku, category=price.category)
    if scope.whole_order:
        price = next((p for p in category_set_prices(ctx.prices, frozenset(cash))
                      if p.sku not in scope.exclude_skus), None)
        if price is not None:  # the first by SKU, any currency
            yield make(promo.path, doc.key_span(order_path(promo)), "cash-equivalent-scope",
                       "cash-equivalent-order", promotion=promo.id, sku=price.sku,
                       category=price.category)

