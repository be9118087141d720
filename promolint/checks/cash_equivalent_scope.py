"""cash-equivalent-scope: a money-giving promotion can apply to gift cards, phone
top-ups or another category named in `cash_equivalent_categories`.

Fires on a scoped category that is cash-equivalent, on a scoped SKU whose price-list
category is, and on a whole-order scope when the price list holds such SKUs that the
scope does not exclude (without a price list a whole order proves nothing either way).
"""
from promolint.checks._scoped import priced_skus
from promolint.diagnostics import make

RULES = ("cash-equivalent-scope",)


def check(promo, ctx):
    cash = set(ctx.settings.cash_equivalent_categories)
    if not promo.gives_money or not cash:
        return
    doc = promo.source
    for i, category in enumerate(promo.scope.categories):
        if category in cash:
            yield make(promo.path, doc.span(("scope", "categories", i)), "cash-equivalent-scope",
                       promotion=promo.id, category=category)
    seen = set()
    for where, price in priced_skus(promo, ctx.prices, any_currency=True):
        if price.category in cash and where[:2] != ("scope", "categories") and where not in seen:
            seen.add(where)
            on_sku = where[:2] == ("scope", "skus")
            span = doc.span(where) if on_sku else doc.key_span(where)
            yield make(promo.path, span, "cash-equivalent-scope",
                       "cash-equivalent-sku" if on_sku else "cash-equivalent-order",
                       promotion=promo.id, sku=price.sku, category=price.category)
