"""yshopmall: coupon templates (comma-separated products, validity from receipt)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from promolint.audit.shops import yshop

from .helpers import mapped, one

COUPON = {"id": 66, "title": "商品券", "coupon_price": Decimal("21.99"),
          "use_min_price": Decimal("22.00"), "coupon_time": 1, "status": 1,
          "product_id": "37", "type": 1, "create_time": datetime(2023, 5, 1, 10)}


def test_product_coupon_scopes_its_products_and_says_how_the_shop_measures():
    source, doc, notes = one("yshop", "yx_store_coupon", COUPON)
    assert source == "yx_store_coupon#66" and doc["scope"] == {"skus": ["37"]}
    assert doc["benefit"] == {"type": "threshold_off", "threshold": Decimal("22.00"),
                              "amount": Decimal("21.99")}
    assert set(notes) == {"validity-from-claim", "threshold-whole-order"}


def test_general_coupon_is_whole_order_and_closed_one_is_noted():
    _, doc, notes = one("yshop", "yx_store_coupon",
                        COUPON | {"type": 0, "product_id": "", "status": 0})
    assert "scope" not in doc and "switched-off" in notes


def test_zero_coupon_maps_to_nothing():
    assert mapped("yshop", "yx_store_coupon", COUPON | {"coupon_price": Decimal("0.00")}) == []


def test_price_is_price_not_ot_price():
    [price] = yshop.price_rows({"id": 37, "price": Decimal("0.01"), "cate_id": "3"})
    assert price.market_price == Decimal("0.01") and "ot_price" not in yshop.PRICE_QUERY
