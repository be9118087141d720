"""Build promotions and carts for engine tests without going through a file."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from promolint.engine.cart import Cart, CartLine
from promolint.expr.syntax import parse
from promolint.model import promotion as m

START = datetime.fromisoformat("2026-11-11T00:00:00+08:00")
END = datetime.fromisoformat("2026-11-12T00:00:00+08:00")
AT = datetime.fromisoformat("2026-11-11T10:00:00+08:00")


def D(text) -> Decimal:
    return Decimal(str(text))


def promo(id="p", benefit=None, *, skus=(), categories=(), exclude=(), audience=None,
          stacking="exclusive", with_ids=(), priority=None, coupon=False, rollout=100,
          start=START, end=END, limits=m.Limits()) -> m.Promotion:
    return m.Promotion(
        id=id, name=id, currency="CNY", window=m.Window(start, end),
        benefit=benefit or m.PercentOff(D(10)), audience=parse(audience) if audience else None,
        scope=m.Scope(tuple(skus), tuple(categories), tuple(exclude)),
        stacking=m.Stacking(stacking, tuple(with_ids)), priority=priority,
        coupon=m.Coupon(required=True, signed=True, rate_limit_per_minute=5) if coupon else None,
        rollout=D(rollout), limits=limits)


def cart(*lines, coupons=(), channel=None) -> Cart:
    """cart(("TEE", 2, "99", "apparel"), ...)"""
    return Cart(tuple(CartLine(sku, qty, D(price), cat[0] if cat else None)
                      for sku, qty, price, *cat in lines), frozenset(coupons), channel)
