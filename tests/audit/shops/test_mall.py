"""macrozheng/mall: coupons, flash sales and the per-product promotion in force."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from promolint.audit.shops import mall

from .helpers import one


COUPONS = {"stacks_with": "coupon-27,coupon-28", "stacks_with_count": 2}


def test_full_reduction_rows_of_a_product_are_one_tiered_promotion_under_coupons():
    row = {"id": 28, "name": "红米5A", "tiers": "500.00:50.00,1000.00:120.00", "tier_count": 2}
    source, doc, _ = one("mall", "pms_product_full_reduction", row | COUPONS)
    assert source == "pms_product_full_reduction#28" and doc["scope"] == {"skus": ["28"]}
    assert doc["benefit"]["type"] == "tiered"
    assert [t["amount"] for t in doc["benefit"]["tiers"]] == [Decimal("50.00"), Decimal("120.00")]
    assert doc["stacking"] == {"with": ["coupon-27", "coupon-28"]}


def test_a_list_cut_short_by_the_server_is_a_row_error_not_a_smaller_list():
    row = {"id": 28, "name": "红米5A", "tiers": "500.00:50.00,1000.00:12", "tier_count": 3}
    with pytest.raises(ValueError):
        mall.promotion_rows("pms_product_full_reduction", row | COUPONS)


def test_ladder_is_its_deepest_step_as_percent_off_with_the_steps_as_a_note():
    row = {"id": 27, "name": "小米8", "steps": "2:0.80,3:0.75", "step_count": 2}
    _, doc, notes = one("mall", "pms_product_ladder", row | COUPONS)
    assert doc["benefit"] == {"type": "percent_off", "percent": Decimal("25.0000")}
    assert notes == ["quantity-ladder"] and doc["scope"] == {"skus": ["27"]}


def test_sku_promotion_price_is_checked_against_that_sku_stock():
    row = {"id": 107, "product_id": 29, "sku": "29-107", "promotion_price": Decimal("5799.00"),
           "name": "iPhone", "promotion_start_time": datetime(2020, 5, 4, 15, 12, 54),
           "promotion_end_time": datetime(2020, 5, 30)}
    _, doc, _ = one("mall", "pms_sku_stock", row | COUPONS)
    assert doc["scope"] == {"skus": ["29-107"]} and "limits" not in doc
    assert "CONCAT(s.product_id, '-', s.id)" in mall.PRICE_QUERY


def test_member_price_is_a_member_campaign_for_that_tier():
    row = {"id": 5, "product_id": 36, "member_price": Decimal("450.00"),
           "member_level_name": "黄金会员", "name": "衬衫"}
    _, doc, notes = one("mall", "pms_member_price", row)
    assert doc["campaign"] == "member" and doc["audience"] == "user.tier == '黄金会员'"
    assert notes == ["not-at-checkout"]


def test_flash_sale_runs_whole_days_with_its_session_as_a_note():
    row = {"id": 1, "product_id": 26, "flash_promotion_price": Decimal("3000.00"),
           "flash_promotion_count": 10, "flash_promotion_limit": 1, "title": "双11特卖活动",
           "start_date": date(2022, 11, 9), "end_date": date(2023, 12, 31), "status": 1,
           "session_name": "8:00", "slot_start": timedelta(hours=8),
           "slot_end": timedelta(hours=10)}
    _, doc, notes = one("mall", "sms_flash_promotion_product_relation", row)
    assert doc["window"]["end"] == "2024-01-01T00:00:00+08:00"
    assert doc["limits"] == {"per_user": 1, "total": 10}
    assert notes == ["daily-slot", "not-at-checkout"]


def test_sign_up_coupon_needs_a_verified_phone_and_relations_scope_it():
    row = {"id": 29, "type": 3, "name": "苹果手机专用券", "amount": Decimal("600.00"),
           "min_point": Decimal("4000.00"), "per_limit": 1, "publish_count": 1000,
           "use_type": 2, "start_time": datetime(2022, 11, 8), "end_time": datetime(2023, 11, 30),
           "product_ids": "37,38", "product_count": 2, "category_ids": None,
           "category_count": 0, "stacks_with": "stock-106,ladder-27", "stacks_with_count": 2}
    _, doc, _ = one("mall", "sms_coupon", row)
    assert doc["campaign"] == "new_user" and "user.phone_verified" in doc["audience"]
    assert doc["scope"] == {"skus": ["37", "38"]}
    assert doc["stacking"] == {"with": ["stock-106", "ladder-27"]}
