"""unbounded-cost: a money-giving promotion with neither limits.budget nor limits.total.

Free shipping is not money-giving here (see `Promotion.gives_money`): its cost per
order is bounded by the carrier fee and it cannot be turned into goods below cost.
"""
from promolint.checks._scoped import limits_or
from promolint.core.diagnostics import make

RULES = ("unbounded-cost",)
NEEDS = ("limits.total", "limits.budget")


def check(promo, ctx):
    limits = promo.limits
    if promo.gives_money and limits.budget is None and limits.total is None:
        yield make(promo.path, limits_or(promo, ("benefit",)), "unbounded-cost",
                   promotion=promo.id, id=promo.id)
