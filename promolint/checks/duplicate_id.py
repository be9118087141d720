"""duplicate-id: two promotions share an id (ids key redemptions and budgets)."""
from promolint.core.diagnostics import make

RULES = ("duplicate-id",)
NEEDS = ("id",)


def check_all(promos, ctx):
    first = {}
    for promo in promos:
        if promo.id in first:
            other = first[promo.id]
            yield make(promo.path, promo.source.span(("id",)), "duplicate-id",
                       promotion=promo.id, id=promo.id, other=f"{other.path}:{other.source.span(('id',)).line}")
        else:
            first[promo.id] = promo
