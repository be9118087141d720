"""yshopmall (github.com/guchengwuyue/yshopmall, yshop-mall-boot): coupons.

Money columns are DECIMAL yuan; times are naive China time. A coupon (yx_store_coupon) is
valid `coupon_time` days from the moment a user receives it, whether claimed through an
issue (yx_store_coupon_issue) or sent by the admin. docs/shops/yshop.md has the reasons.
"""
from __future__ import annotations

from promolint.audit.shops import _common as c

NAME = "yshop"
GUESS_TABLES = frozenset({"yx_store_product", "yx_store_coupon", "yx_store_coupon_issue"})
NOTES = dict(c.NOTES)

# Where a finding's pointer comes from in the shop's table (the finding's source.column).
COLUMNS = {
    "yx_store_coupon": {
        "/benefit/amount": "coupon_price", "/benefit/threshold": "use_min_price",
        "/benefit": "coupon_price", "/window/start": "create_time", "/window/end": "coupon_time",
        "/scope": "product_id", "/scope/skus": "product_id"},
}

PROMOTION_QUERIES = {
    "yx_store_coupon":
        "SELECT id, title, coupon_price, use_min_price, coupon_time, status, product_id, type,"
        " create_time FROM yx_store_coupon WHERE is_del = 0",
}
# price is the selling price; ot_price ("market price") and vip_price are not used.
PRICE_QUERY = "SELECT id, price, cate_id FROM yx_store_product WHERE is_del = 0"

_PRODUCT_COUPON = 1  # type: 0 whole shop, 1 named products (product_id, comma-separated)


def promotion_rows(table: str, row: dict) -> list:
    mapped = _coupon(row)
    return [mapped] if mapped else []


def price_rows(row: dict) -> list:
    categories = c.id_list(row["cate_id"])
    return c.price(row["id"], row["price"], categories[0] if categories else None)


def _coupon(row: dict):
    benefit = c.coupon_benefit(c.money(row["coupon_price"]), c.money(row["use_min_price"]))
    if benefit is None:   # a coupon worth 0.00 gives nothing to check
        return None
    start = c.china(row["create_time"])
    notes = [("validity-from-claim", {"days": row["coupon_time"]})]
    scoped = {}
    if row["type"] == _PRODUCT_COUPON:
        # getUsableCouponList: use_min_price is compared with the whole cart's total and
        # the cart needs one of the products; the coupon comes off the order.
        scoped = c.scope(skus=c.id_list(row["product_id"]))
        notes.append(("threshold-whole-order", {}))
    if not row["status"]:
        notes.append(c.off("status", 0))
    doc = c.promotion(
        f"coupon-{row['id']}", row["title"], start, c.NO_END,
        benefit,
        scope=scoped, suppress=c.no_end("validity-from-claim"))
    return c.row("yx_store_coupon", row["id"], doc, notes)
