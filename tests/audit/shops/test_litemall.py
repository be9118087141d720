"""litemall: coupons (JSON id lists, validity from claiming) and group-buy rules."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from promolint.audit.shops import litemall

from .helpers import one

RULE = {"id": 3, "goods_id": 1110016, "goods_name": "天然硅胶宠物除毛按摩刷",
        "discount": Decimal("39"), "discount_member": 2,
        "expire_time": datetime(2020, 12, 31), "status": 0,
        "add_time": datetime(2019, 12, 8, 19, 13, 25), "retail_price": Decimal("39.00")}
COUPON = {"id": 1, "name": "限时满减券", "total": 0, "discount": Decimal("5.00"),
          "min": Decimal("99.00"), "limit": 1, "type": 0, "status": 0, "goods_type": 2,
          "goods_value": "[1181000, 1006002]", "time_type": 1, "days": 0,
          "start_time": datetime(2018, 2, 1), "end_time": datetime(2018, 3, 1),
          "add_time": datetime(2018, 1, 20)}


def test_group_discount_off_the_lowest_price_gives_the_group_price():
    source, doc, notes = one("litemall", "litemall_groupon_rules", RULE)
    assert source == "litemall_groupon_rules#3" and doc["campaign"] == "group_buy"
    assert doc["benefit"] == {"type": "group_price", "price": Decimal("0.00"),
                              "min_group_size": 2}
    assert doc["audience"] == "group.size >= 2" and doc["scope"] == {"skus": ["1110016"]}
    assert "groupon-cheapest-spec" in notes


def test_a_discount_over_the_price_is_clamped_at_zero_and_said():
    _, doc, notes = one("litemall", "litemall_groupon_rules", RULE | {"discount": Decimal("50")})
    assert doc["benefit"]["price"] == 0 and "groupon-discount-over-price" in notes


def test_coupon_json_goods_list_and_fixed_window():
    _, doc, notes = one("litemall", "litemall_coupon", COUPON)
    assert doc["scope"] == {"skus": ["1181000", "1006002"]}
    assert doc["window"] == {"start": "2018-02-01T00:00:00+08:00",
                             "end": "2018-03-01T00:00:00+08:00"}
    assert doc["limits"] == {"per_user": 1} and notes == []


def test_validity_counted_from_claiming_runs_with_no_end_and_says_so():
    _, doc, notes = one("litemall", "litemall_coupon", COUPON | {"time_type": 0, "days": 10})
    assert doc["window"]["end"].startswith("9999") and "validity-from-claim" in notes
    assert doc["suppress"][0]["rule"] == "long-window"


def test_price_is_retail_price_not_counter_price():
    [price] = litemall.price_rows({"id": 1110016, "retail_price": Decimal("39.00"),
                                   "category_id": 1008008})
    assert price.market_price == Decimal("39.00") and price.sku == "1110016"
    assert "counter_price" not in litemall.PRICE_QUERY


def test_coupons_and_group_buy_rules_name_each_other_to_stack():
    _, doc, _ = one("litemall", "litemall_coupon",
                    COUPON | {"stacks_with": "groupon-1,groupon-3", "stacks_with_count": 2})
    assert doc["stacking"] == {"with": ["groupon-1", "groupon-3"]}
    _, doc, _ = one("litemall", "litemall_groupon_rules",
                    RULE | {"stacks_with": None, "stacks_with_count": 0})
    assert doc["stacking"] == "exclusive"
