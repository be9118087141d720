"""unsigned-coupon: coupon.required without signed: true or without rate_limit_per_minute.

Unsigned codes can be guessed or forged; codes without a rate limit can be tried by a
script thousands of times a minute. Each gap is its own finding.
"""
from promolint.core.diagnostics import make

RULES = ("unsigned-coupon",)
NEEDS = ("coupon",)


def check(promo, ctx):
    coupon = promo.coupon
    if coupon is None or not coupon.required:
        return
    doc = promo.source
    if not coupon.signed:
        where = ("coupon", "signed") if doc.get(("coupon", "signed")) is not None else ("coupon", "required")
        yield make(promo.path, doc.span(where), "unsigned-coupon", promotion=promo.id)
    if coupon.rate_limit_per_minute is None:
        yield make(promo.path, doc.span(("coupon", "required")), "unsigned-coupon",
                   "unsigned-coupon-no-rate-limit", promotion=promo.id)
