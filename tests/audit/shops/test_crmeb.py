"""crmeb_java: group buys (epoch ms, virtual completion), seckills, bargains, coupons."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from promolint.audit.shops import crmeb

from .helpers import one

GROUP = {"id": 39, "product_id": 93, "title": "连衣裙", "price": Decimal("114.00"), "people": 2,
         "start_time": 1750608000000, "stop_time": 1751299199999, "is_show": 0, "num": 1, "quota": 17,
         "virtual_ration": 0}
SECKILL = {"id": 51, "product_id": 93, "title": "连衣裙", "price": Decimal("119.60"),
           "start_time": datetime(2025, 6, 23), "stop_time": datetime(2025, 6, 30),
           "status": 1, "num": 1, "quota": 16, "time_id": 26, "slot_start": 8, "slot_end": 12}


def test_group_buy_in_epoch_milliseconds_is_china_time():
    source, doc, notes = one("crmeb", "eb_store_combination", GROUP)
    assert source == "eb_store_combination#39"
    assert doc["window"] == {"start": "2025-06-23T00:00:00+08:00",
                             "end": "2025-06-30T23:59:59+08:00"}
    assert doc["benefit"] == {"type": "group_price", "price": Decimal("114.00"),
                              "min_group_size": 2}
    assert doc["audience"] == "group.size >= 2" and notes == ["switched-off"]
    assert doc["limits"] == {"per_user": 1, "total": 17}


def test_virtual_completion_lowers_the_size_the_shop_enforces():
    _, doc, notes = one("crmeb", "eb_store_combination", GROUP | {"people": 3, "virtual_ration": 2})
    assert doc["audience"] == "group.size >= 1" and doc["benefit"]["min_group_size"] == 3
    assert "virtual-group" in notes


def test_seckill_slot_and_daily_limit_are_notes_and_the_last_day_counts():
    _, doc, notes = one("crmeb", "eb_store_seckill", SECKILL)
    assert doc["window"]["end"] == "2025-07-01T00:00:00+08:00"
    assert set(notes) == {"daily-slot", "per-day-limit"}


def test_bargain_is_checked_at_its_lowest_price():
    row = {"id": 28, "product_id": 87, "title": "砍价", "price": Decimal("29.99"),
           "min_price": Decimal("0.00"), "start_time": 1748534400000,
           "stop_time": 1785513599999, "status": 1, "num": 1, "people_num": 2, "quota": 50}
    _, doc, notes = one("crmeb", "eb_store_bargain", row)
    assert doc["benefit"] == {"type": "fixed_price", "price": Decimal("0.00")}
    assert notes == ["bargain-helpers"]


def test_new_user_coupon_and_first_category_of_a_product():
    row = {"id": 7, "name": "新人福利", "money": Decimal("6.00"), "min_price": Decimal("0.00"),
           "use_type": 1, "primary_key": "", "is_limited": 0, "total": 0, "is_fixed_time": 0,
           "use_start_time": None, "use_end_time": None, "day": 10, "type": 2, "status": 1,
           "receive_start_time": datetime(2024, 11, 13, 16, 37, 28)}
    _, doc, notes = one("crmeb", "eb_store_coupon", row)
    assert doc["campaign"] == "new_user" and doc["benefit"]["type"] == "amount_off"
    assert "user.phone_verified" in doc["audience"]
    assert "validity-from-claim" in notes
    [price] = crmeb.price_rows({"id": 93, "price": Decimal("229.60"), "cate_id": "280,281"})
    assert price.category == "280" and price.market_price == Decimal("229.60")
