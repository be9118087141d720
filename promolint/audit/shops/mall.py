"""mall (github.com/macrozheng/mall): coupons, flash sales, and the per-product promotions
(SKU promotion price, member price, quantity ladder, 满减) of which a product's
`promotion_type` picks the one in force.

Money columns are DECIMAL yuan; times are naive China time. docs/shops/mall.md has the
reasons for every choice below.
"""
from __future__ import annotations

from decimal import Decimal

from promolint.audit.shops import _common as c

NAME = "mall"
GUESS_TABLES = frozenset({"pms_product", "sms_coupon", "sms_flash_promotion"})
NOTES = c.NOTES

# Where a finding's pointer comes from in the shop's table (the finding's source.column).
COLUMNS = {
    "sms_coupon": {
        "/benefit/amount": "amount", "/benefit/threshold": "min_point", "/benefit": "amount",
        "/window/start": "start_time", "/window/end": "end_time", "/audience": "type",
        "/limits": "publish_count", "/limits/total": "publish_count",
        "/limits/per_user": "per_limit"},
    "sms_flash_promotion_product_relation": {
        "/benefit/price": "flash_promotion_price", "/benefit": "flash_promotion_price",
        "/limits": "flash_promotion_count", "/limits/total": "flash_promotion_count",
        "/limits/per_user": "flash_promotion_limit", "/scope/skus/0": "product_id"},
    "pms_sku_stock": {"/benefit/price": "promotion_price", "/benefit": "promotion_price"},
    "pms_member_price": {"/benefit/price": "member_price", "/benefit": "member_price",
                         "/audience": "member_level_name"},
    "pms_product_ladder": {"/benefit/percent": "discount", "/benefit": "discount"},
    "pms_product_full_reduction": {"/benefit": "reduce_price", "/benefit/tiers": "full_price"},
}

_STOCK_SKU = "CONCAT(s.product_id, '-', s.id)"   # a SKU stock's own price: "<product>-<stock>"
_LIVE = "p.delete_status = 0"

_TYPE1 = (f"FROM pms_sku_stock s JOIN pms_product p ON p.id = s.product_id WHERE {_LIVE}"
          " AND p.promotion_type = 1 AND s.promotion_price IS NOT NULL")
_TYPE3 = (f"FROM pms_product_ladder l JOIN pms_product p ON p.id = l.product_id WHERE {_LIVE}"
          " AND p.promotion_type = 3")
_TYPE4 = ("FROM pms_product_full_reduction f JOIN pms_product p ON p.id = f.product_id"
          f" WHERE {_LIVE} AND p.promotion_type = 4")
# The ids of the per-product promotions charged at checkout, which every coupon stacks
# with: the coupon's threshold is measured on prices they already reduced
# (UmsMemberCouponServiceImpl.calcTotalAmount: price - reduceAmount).
_PRODUCT_PROMOTIONS = (
    f"SELECT CONCAT('stock-', s.id) AS pid {_TYPE1}"
    f" UNION ALL SELECT DISTINCT CONCAT('ladder-', l.product_id) {_TYPE3}"
    f" UNION ALL SELECT DISTINCT CONCAT('full-reduction-', f.product_id) {_TYPE4}")

_COUPONS = "FROM sms_coupon k WHERE k.amount > 0"
_COUPON_IDS = (f", (SELECT GROUP_CONCAT(CONCAT('coupon-', k.id)) {_COUPONS}) AS stacks_with,"
               f" (SELECT COUNT(*) {_COUPONS}) AS stacks_with_count ")

PROMOTION_QUERIES = {
    "sms_coupon":
        "SELECT c.id, c.type, c.name, c.amount, c.min_point, c.per_limit, c.publish_count,"
        " c.use_type, c.start_time, c.end_time,"
        " (SELECT GROUP_CONCAT(r.product_id) FROM sms_coupon_product_relation r"
        "  WHERE r.coupon_id = c.id) AS product_ids,"
        " (SELECT COUNT(*) FROM sms_coupon_product_relation r"
        "  WHERE r.coupon_id = c.id) AS product_count,"
        " (SELECT GROUP_CONCAT(r.product_category_id) FROM sms_coupon_product_category_relation r"
        "  WHERE r.coupon_id = c.id) AS category_ids,"
        " (SELECT COUNT(*) FROM sms_coupon_product_category_relation r"
        "  WHERE r.coupon_id = c.id) AS category_count,"
        f" (SELECT GROUP_CONCAT(x.pid) FROM ({_PRODUCT_PROMOTIONS}) x) AS stacks_with,"
        f" (SELECT COUNT(*) FROM ({_PRODUCT_PROMOTIONS}) x) AS stacks_with_count"
        " FROM sms_coupon c",
    "sms_flash_promotion_product_relation":
        "SELECT r.id, r.product_id, r.flash_promotion_price, r.flash_promotion_count,"
        " r.flash_promotion_limit, f.title, f.start_date, f.end_date, f.status,"
        " s.name AS session_name, s.start_time AS slot_start, s.end_time AS slot_end"
        " FROM sms_flash_promotion_product_relation r"
        " JOIN sms_flash_promotion f ON f.id = r.flash_promotion_id"
        " LEFT JOIN sms_flash_promotion_session s ON s.id = r.flash_promotion_session_id"
        " WHERE r.flash_promotion_price IS NOT NULL",
    "pms_sku_stock":
        f"SELECT s.id, s.product_id, {_STOCK_SKU} AS sku, s.promotion_price, p.name,"
        f" p.promotion_start_time, p.promotion_end_time{_COUPON_IDS}{_TYPE1}",
    "pms_member_price":
        "SELECT m.id, m.product_id, m.member_price, m.member_level_name, p.name"
        " FROM pms_member_price m JOIN pms_product p ON p.id = m.product_id"
        f" WHERE {_LIVE} AND p.promotion_type = 2 AND m.member_price IS NOT NULL",
    "pms_product_ladder":
        "SELECT l.product_id AS id, p.name, GROUP_CONCAT(CONCAT(l.count, ':', l.discount)"
        f" ORDER BY l.count) AS steps, COUNT(*) AS step_count{_COUPON_IDS}{_TYPE3}"
        " GROUP BY l.product_id, p.name",
    "pms_product_full_reduction":
        "SELECT f.product_id AS id, p.name, GROUP_CONCAT(CONCAT(f.full_price, ':',"
        f" f.reduce_price) ORDER BY f.full_price) AS tiers, COUNT(*) AS tier_count{_COUPON_IDS}"
        f"{_TYPE4}"
        " GROUP BY f.product_id, p.name",
}
# pms_product.price is the selling price (original_price is the merchant-typed "market
# price", not used); each SKU stock also gets its own row, "<product>-<stock>".
PRICE_QUERY = (
    "SELECT CAST(p.id AS CHAR) AS sku, p.price, p.product_category_id FROM pms_product p"
    f" WHERE {_LIVE} UNION ALL SELECT {_STOCK_SKU}, s.price, p.product_category_id"
    f" FROM pms_sku_stock s JOIN pms_product p ON p.id = s.product_id WHERE {_LIVE}")
# Windowless per-product promotions (member price, ladder, 满减) are in force while the
# product's promotion_type says so: from the epoch to no end.
_ALWAYS = ("1970-01-01T00:00:00+08:00", c.NO_END)
# OmsPromotionServiceImpl charges promotion types 1, 3 and 4; a member price (2) or a
# flash price (5) is shown to customers but the order is charged the regular price.
_NOT_AT_CHECKOUT = ("not-at-checkout", {"where": "OmsPromotionServiceImpl"})
_REGISTER = 3        # coupon type: 0 whole shop, 1 member gift, 2 shopping gift, 3 sign-up


def promotion_rows(table: str, row: dict) -> list:
    return _MAPPERS[table](row)


def price_rows(row: dict) -> list:
    return c.price(row["sku"], row["price"], row["product_category_id"])


def _with_coupons(row: dict):
    """A per-product promotion stacks with every coupon (one coupon per order)."""
    return c.stacks_with(c.counted(row["stacks_with"], row["stacks_with_count"]))


def _coupon(row: dict):
    kind = row["use_type"]
    scoped = {}
    if kind == 1:
        scoped = c.scope(categories=c.counted(row["category_ids"], row["category_count"]))
    elif kind == 2:
        scoped = c.scope(skus=c.counted(row["product_ids"], row["product_count"]))
    benefit = c.coupon_benefit(c.money(row["amount"]), c.money(row["min_point"]))
    if benefit is None:
        return []
    register = row["type"] == _REGISTER
    doc = c.promotion(
        f"coupon-{row['id']}", row["name"], c.china(row["start_time"]),
        c.china(row["end_time"]), benefit, scope=scoped,
        campaign="new_user" if register else None,
        # Sign-up needs an SMS code (UmsMemberServiceImpl.register): the phone is verified.
        audience="user.account_age_days == 0 and user.phone_verified" if register else None,
        limits=c.limits(row["per_limit"], row["publish_count"]),
        stacking=c.stacks_with(c.counted(row["stacks_with"], row["stacks_with_count"])))
    return [c.row("sms_coupon", row["id"], doc)]


def _flash(row: dict):
    notes = []
    if row["slot_start"] is not None:
        notes.append(("daily-slot", {"start": str(row["slot_start"])[:-3],
                                     "end": str(row["slot_end"])[:-3]}))
    if not row["status"]:
        notes.append(c.off("sms_flash_promotion.status", row["status"]))
    notes.append(_NOT_AT_CHECKOUT)
    doc = c.promotion(
        f"flash-{row['id']}", row["title"], c.china(row["start_date"]),
        c.china(c.next_day(row["end_date"])),
        {"type": "fixed_price", "price": c.money(row["flash_promotion_price"])},
        campaign="flash_sale", scope=c.scope(skus=[row["product_id"]]),
        limits=c.limits(row["flash_promotion_limit"], row["flash_promotion_count"]))
    return [c.row("sms_flash_promotion_product_relation", row["id"], doc, notes)]


def _stock_price(row: dict):
    doc = c.promotion(
        f"stock-{row['id']}", row["name"], c.china(row["promotion_start_time"]),
        c.china(row["promotion_end_time"]),
        {"type": "fixed_price", "price": c.money(row["promotion_price"])},
        # promotion_per_limit is not enforced at checkout: no per_user.
        scope=c.scope(skus=[row["sku"]]), stacking=_with_coupons(row))
    return [c.row("pms_sku_stock", row["id"], doc)]


def _member_price(row: dict):
    tier = str(row["member_level_name"]).replace("'", "")
    doc = c.promotion(
        f"member-{row['id']}", row["name"], *_ALWAYS,
        {"type": "fixed_price", "price": c.money(row["member_price"])}, campaign="member",
        audience=f"user.tier == '{tier}'", scope=c.scope(skus=[row["product_id"]]),
        suppress=c.no_end("a standing member price"))
    return [c.row("pms_member_price", row["id"], doc, [_NOT_AT_CHECKOUT])]


def _ladder(row: dict):
    steps = [step.split(":") for step in c.counted(row["steps"], row["step_count"])]
    # The highest count reached applies (getProductLadder); the deepest step is checked.
    deepest = min(c.money(discount) for _, discount in steps)   # 0.80 is 20% off
    doc = c.promotion(
        f"ladder-{row['id']}", row["name"], *_ALWAYS,
        {"type": "percent_off", "percent": (Decimal(1) - deepest) * 100},
        scope=c.scope(skus=[row["id"]]), stacking=_with_coupons(row),
        suppress=c.no_end("a standing ladder"))
    ladder = ", ".join(f"{count}+: x{discount}" for count, discount in steps)
    return [c.row("pms_product_ladder", row["id"], doc, [("quantity-ladder", {"ladder": ladder})])]


def _full_reduction(row: dict):
    tiers = []
    for pair in c.counted(row["tiers"], row["tier_count"]):
        threshold, amount = pair.split(":")
        tiers.append({"threshold": c.money(threshold), "amount": c.money(amount)})
    # The highest tier the product's own subtotal reaches applies (OmsPromotionServiceImpl).
    benefit = ({"type": "tiered", "tiers": tiers} if len(tiers) > 1 else
               {"type": "threshold_off", **tiers[0]})
    doc = c.promotion(f"full-reduction-{row['id']}", row["name"], *_ALWAYS, benefit,
                      scope=c.scope(skus=[row["id"]]), stacking=_with_coupons(row),
                      suppress=c.no_end("a standing product 满减"))
    return [c.row("pms_product_full_reduction", row["id"], doc)]


_MAPPERS = {"sms_coupon": _coupon, "sms_flash_promotion_product_relation": _flash,
            "pms_sku_stock": _stock_price, "pms_member_price": _member_price,
            "pms_product_ladder": _ladder, "pms_product_full_reduction": _full_reduction}
