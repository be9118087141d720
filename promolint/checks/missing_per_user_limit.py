"""missing-per-user-limit: first_order, new_user, compensation or coupon promotions
without limits.per_user (one person could redeem them again and again)."""
from promolint.checks._scoped import limits_or
from promolint.core.diagnostics import make

RULES = ("missing-per-user-limit",)
NEEDS = ("campaign", "coupon", "limits.per_user")

ONCE_PER_PERSON = ("first_order", "new_user", "compensation")


def check(promo, ctx):
    if promo.limits.per_user is not None:
        return
    if promo.campaign in ONCE_PER_PERSON:
        yield make(promo.path, limits_or(promo, ("campaign",)), "missing-per-user-limit",
                   promotion=promo.id, campaign=promo.campaign)
    elif promo.coupon is not None and promo.coupon.required:
        yield make(promo.path, limits_or(promo, ("coupon", "required")), "missing-per-user-limit",
                   "missing-per-user-limit-coupon", promotion=promo.id)
