"""stackable-percent-without-cap: a percent_off open to stacking (`stacking: stackable`)
with no `max_amount` (saleor#17453: a 40% promotion and a 70% voucher added up to free orders).

Only the open-ended `stackable` mode: with `stacking: {with: [...]}` the partners are named
and `stacking-below-market` checks each real pair; `stackable` also meets promotions
written later, which nobody checked against this one.
"""
from promolint.core.diagnostics import make
from promolint.core.phrases import percent_off
from promolint.model import promotion as m

RULES = ("stackable-percent-without-cap",)
NEEDS = ("benefit", "stacking")


def check(promo, ctx):
    benefit = promo.benefit
    if isinstance(benefit, m.PercentOff) and benefit.max_amount is None \
            and promo.stacking.mode == "stackable":
        yield make(promo.path, promo.source.span(("stacking",)), "stackable-percent-without-cap",
                   promotion=promo.id, off=percent_off(benefit.percent))
