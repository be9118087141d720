"""newbee-mall-plus (github.com/newbee-ltd/newbee-mall-plus): coupons and seckills.

Money columns are INT yuan; times are naive China time. docs/shops/newbee.md has the
reasons for every choice below.
"""
from __future__ import annotations

from promolint.audit.shops import _common as c

NAME = "newbee"
GUESS_TABLES = frozenset({"tb_newbee_mall_goods_info", "tb_newbee_mall_coupon",
                          "tb_newbee_mall_seckill"})
NOTES = dict(c.NOTES)

# Where a finding's pointer comes from in the shop's table (the finding's source.column).
COLUMNS = {
    "tb_newbee_mall_coupon": {
        "/benefit/amount": "discount", "/benefit/threshold": "min", "/benefit": "discount",
        "/window/start": "coupon_start_time", "/window/end": "coupon_end_time",
        "/audience": "coupon_type", "/campaign": "coupon_type", "/limits": "coupon_total",
        "/limits/total": "coupon_total", "/limits/per_user": "coupon_limit",
        "/scope": "goods_value", "/scope/skus": "goods_value", "/scope/categories": "goods_value"},
    "tb_newbee_mall_seckill": {
        "/benefit/price": "seckill_price", "/benefit": "seckill_price",
        "/window/start": "seckill_begin", "/window/end": "seckill_end",
        "/scope/skus/0": "goods_id", "/limits": "seckill_num", "/limits/total": "seckill_num"},
}

PROMOTION_QUERIES = {
    "tb_newbee_mall_coupon":
        "SELECT coupon_id, coupon_name, coupon_total, discount, `min`, coupon_limit,"
        " coupon_type, coupon_status, goods_type, goods_value, coupon_start_time,"
        " coupon_end_time FROM tb_newbee_mall_coupon WHERE is_deleted = 0",
    "tb_newbee_mall_seckill":
        "SELECT seckill_id, goods_id, seckill_price, seckill_num, seckill_status,"
        " seckill_begin, seckill_end FROM tb_newbee_mall_seckill WHERE is_deleted = 0",
}
PRICE_QUERY = ("SELECT goods_id, selling_price, goods_category_id"
               " FROM tb_newbee_mall_goods_info")

_REGISTER, _CODE = 1, 2  # coupon_type: 0 claimed by the user, 1 given at sign-up, 2 a code


def promotion_rows(table: str, row: dict) -> list:
    mapped = _MAPPERS[table](row)
    return [mapped] if mapped else []


def price_rows(row: dict) -> list:
    return c.price(row["goods_id"], row["selling_price"], row["goods_category_id"])


def _coupon(row: dict):
    benefit = c.coupon_benefit(c.money(row["discount"]), c.money(row["min"]))
    if benefit is None:   # a coupon worth 0.00 gives nothing to check
        return None
    notes = []
    kind = row["coupon_type"]
    goods = c.id_list(row["goods_value"])
    scoped = {1: c.scope(categories=goods), 2: c.scope(skus=goods)}.get(row["goods_type"], {})
    if scoped:
        notes.append(("threshold-whole-order", {}))
    if row["coupon_status"]:
        notes.append(c.off("coupon_status", row["coupon_status"]))
    if kind in (_REGISTER, _CODE):  # selectMyAvailableCoupons: coupon_type = 0 only
        notes.append(("not-at-checkout", {"where": "selectMyAvailableCoupons"}))
    # The checkout turns both dates into the start of their day (atStartOfDay).
    doc = c.promotion(
        f"coupon-{row['coupon_id']}", row["coupon_name"], c.china(row["coupon_start_time"]),
        c.china(row["coupon_end_time"]), benefit,
        scope=scoped,
        campaign="new_user" if kind == _REGISTER else None,
        # Sign-up needs a login name, a password and a picture captcha: no verified identity.
        audience="user.account_age_days == 0" if kind == _REGISTER else None,
        # coupon_limit: 0 unlimited, any other value one per user (saveCouponUser).
        limits=c.limits(1 if row["coupon_limit"] else None, row["coupon_total"]))
    # A code coupon (coupon_code) has no redemption endpoint in this version: no code
    # can be tried, so it is not written as `coupon.required`.
    return c.row("tb_newbee_mall_coupon", row["coupon_id"], doc, notes)


def _seckill(row: dict):
    notes = [c.off("seckill_status", 0)] if not row["seckill_status"] else []
    doc = c.promotion(
        f"seckill-{row['seckill_id']}", f"seckill {row['seckill_id']}",
        c.china(row["seckill_begin"]), c.china(row["seckill_end"]),
        {"type": "fixed_price", "price": c.money(row["seckill_price"])},
        campaign="flash_sale", scope=c.scope(skus=[row["goods_id"]]),
        # One success per user and seckill (the seckill_success table's check).
        limits=c.limits(1, row["seckill_num"]))
    return c.row("tb_newbee_mall_seckill", row["seckill_id"], doc, notes)


_MAPPERS = {"tb_newbee_mall_coupon": _coupon, "tb_newbee_mall_seckill": _seckill}
