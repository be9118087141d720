"""newbee-mall-plus: INT-yuan coupons and seckills mapped to format-v1 (no database)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from promolint.audit.shops import newbee

from .helpers import mapped, one

COUPON = {"coupon_id": 13, "coupon_name": "华为分类满减", "coupon_total": 0, "discount": 15,
          "min": 1500, "coupon_limit": 0, "coupon_type": 0, "coupon_status": 0,
          "goods_type": 1, "goods_value": "45,46", "coupon_start_time": date(2021, 1, 6),
          "coupon_end_time": date(2021, 1, 10)}
SECKILL = {"seckill_id": 15, "goods_id": 10893, "seckill_price": 10, "seckill_num": 5,
           "seckill_status": 1, "seckill_begin": datetime(2021, 8, 7, 9),
           "seckill_end": datetime(2021, 8, 7, 9, 5)}


def test_seckill_is_a_fixed_price_on_its_goods_in_china_time():
    source, doc, notes = one("newbee", "tb_newbee_mall_seckill", SECKILL)
    assert source == "tb_newbee_mall_seckill#15" and notes == []
    assert doc["benefit"] == {"type": "fixed_price", "price": 10}
    assert doc["scope"] == {"skus": ["10893"]} and doc["campaign"] == "flash_sale"
    assert doc["window"]["start"] == "2021-08-07T09:00:00+08:00"
    assert doc["limits"] == {"per_user": 1, "total": 5}


def test_switched_off_seckill_is_checked_with_a_note():
    _, _, notes = one("newbee", "tb_newbee_mall_seckill", SECKILL | {"seckill_status": 0})
    assert notes == ["switched-off"]


def test_category_coupon_scopes_categories_and_says_the_threshold_is_whole_order():
    _, doc, notes = one("newbee", "tb_newbee_mall_coupon", COUPON)
    assert doc["benefit"] == {"type": "threshold_off", "threshold": 1500, "amount": 15}
    assert doc["scope"] == {"categories": ["45", "46"]}
    assert "limits" not in doc and "threshold-whole-order" in notes   # 0 means unlimited


def test_sign_up_and_code_coupons_say_the_checkout_does_not_take_them():
    _, doc, notes = one("newbee", "tb_newbee_mall_coupon", COUPON | {"coupon_type": 1})
    assert doc["campaign"] == "new_user" and "phone" not in doc["audience"]
    assert "not-at-checkout" in notes
    # no code redemption endpoint exists: not a code coupon that could be brute-forced
    _, doc, notes = one("newbee", "tb_newbee_mall_coupon",
                    COUPON | {"coupon_type": 2, "coupon_limit": 1, "coupon_total": 85})
    assert "coupon" not in doc and "not-at-checkout" in notes
    assert doc["limits"] == {"per_user": 1, "total": 85}


def test_no_threshold_is_an_amount_off_and_a_zero_coupon_gives_nothing_to_check():
    _, doc, _ = one("newbee", "tb_newbee_mall_coupon", COUPON | {"min": 0})
    assert doc["benefit"] == {"type": "amount_off", "amount": 15}
    assert mapped("newbee", "tb_newbee_mall_coupon", COUPON | {"discount": 0}) == []


def test_price_is_the_selling_price_in_whole_yuan():
    [price] = newbee.price_rows({"goods_id": 10893, "selling_price": 5399,
                                 "goods_category_id": 46})
    assert (price.sku, price.market_price, price.category) == ("10893", Decimal("5399"), "46")
