"""litemall (github.com/linlinjava/litemall): coupons and group-buy rules.

Money columns are DECIMAL yuan; times are naive China time. docs/shops/litemall.md has
the reasons for every choice below.
"""
from __future__ import annotations

from decimal import Decimal

from promolint.audit.shops import _common as c

NAME = "litemall"
GUESS_TABLES = frozenset({"litemall_goods", "litemall_coupon", "litemall_groupon_rules"})
NOTES = dict(c.NOTES) | {
    "groupon-cheapest-spec": {
        "en": "the group discount ({discount}) comes off each specification's own price; "
              "the group price is checked on the goods' lowest price ({price})",
        "zh": "团购优惠({discount})从每个规格各自的价格中扣减;团购价按商品最低价({price})检查"},
    "groupon-discount-over-price": {
        "en": "the group discount ({discount}) is larger than the goods' lowest price "
              "({price}): the shop charges 0.00 for it",
        "zh": "团购优惠({discount})大于商品最低价({price}):商城按 0.00 收费"},
}

# Where a finding's pointer comes from in the shop's table (the finding's source.column).
COLUMNS = {
    "litemall_coupon": {
        "/benefit/amount": "discount", "/benefit/threshold": "min", "/benefit": "discount",
        "/window/start": "start_time", "/window/end": "end_time", "/audience": "type",
        "/campaign": "type", "/limits": "total", "/limits/total": "total",
        "/limits/per_user": "limit", "/coupon": "type", "/coupon/required": "type",
        "/coupon/signed": "type", "/scope": "goods_value"},
    "litemall_groupon_rules": {
        "/benefit/price": "discount", "/benefit": "discount",
        "/benefit/min_group_size": "discount_member", "/audience": "discount_member",
        "/window/start": "add_time", "/window/end": "expire_time", "/scope/skus/0": "goods_id"},
}

# A coupon comes off an order whose group-buy price is already taken off
# (WxOrderService.submit): each coupon stacks with every group-buy rule and the other way
# round, never two coupons or two rules (one of each per order).
_RULES = "FROM litemall_groupon_rules g WHERE g.deleted = 0"
_COUPONS = "FROM litemall_coupon k WHERE k.deleted = 0 AND k.discount > 0"
PROMOTION_QUERIES = {
    "litemall_coupon":
        "SELECT id, name, total, discount, `min`, `limit`, type, status, goods_type,"
        " goods_value, time_type, days, start_time, end_time, add_time,"
        f" (SELECT GROUP_CONCAT(CONCAT('groupon-', g.id)) {_RULES}) AS stacks_with,"
        f" (SELECT COUNT(*) {_RULES}) AS stacks_with_count"
        " FROM litemall_coupon WHERE deleted = 0",
    "litemall_groupon_rules":
        "SELECT r.id, r.goods_id, r.goods_name, r.discount, r.discount_member, r.expire_time,"
        " r.status, r.add_time, g.retail_price,"
        f" (SELECT GROUP_CONCAT(CONCAT('coupon-', k.id)) {_COUPONS}) AS stacks_with,"
        f" (SELECT COUNT(*) {_COUPONS}) AS stacks_with_count"
        " FROM litemall_groupon_rules r"
        " LEFT JOIN litemall_goods g ON g.id = r.goods_id AND g.deleted = 0"
        " WHERE r.deleted = 0",
}
# retail_price is kept by the admin as the lowest price of the goods' specifications
# (AdminGoodsService); counter_price is the merchant-typed "counter" price, not used.
PRICE_QUERY = "SELECT id, retail_price, category_id FROM litemall_goods WHERE deleted = 0"

_REGISTER, _CODE = 1, 2     # coupon type: 0 claimed, 1 given at sign-up, 2 a code
_BY_DAYS = 0                # time_type: 0 valid `days` from claiming, 1 start..end


def promotion_rows(table: str, row: dict) -> list:
    mapped = _MAPPERS[table](row)
    return [mapped] if mapped else []


def price_rows(row: dict) -> list:
    return c.price(row["id"], row["retail_price"], row["category_id"])


def _coupon(row: dict):
    benefit = c.coupon_benefit(c.money(row["discount"]), c.money(row["min"]))
    if benefit is None:   # a coupon worth 0.00 gives nothing to check
        return None
    notes = []
    goods = c.id_list(row["goods_value"])
    # The threshold is measured on the scoped goods (CouponVerifyService.checkCoupon).
    scoped = {1: c.scope(categories=goods), 2: c.scope(skus=goods)}.get(row["goods_type"], {})
    start, end = c.china(row["start_time"]), c.china(row["end_time"])
    if row["time_type"] == _BY_DAYS:
        start, end = c.china(row["add_time"]), c.NO_END
        notes.append(("validity-from-claim", {"days": row["days"]}))
    if row["status"]:
        notes.append(c.off("status", row["status"]))
    kind = row["type"]
    doc = c.promotion(
        f"coupon-{row['id']}", row["name"], start, end,
        benefit, scope=scoped,
        campaign="new_user" if kind == _REGISTER else None,
        # Sign-up coupons go to every new account, also one made by a WeChat login with no
        # phone (WxAuthController.loginByWeixin): no verified identity is required.
        audience="user.account_age_days == 0" if kind == _REGISTER else None,
        limits=c.limits(row["limit"], row["total"]),
        coupon={"required": True, "signed": False} if kind == _CODE else None,
        stacking=_stacking(row),
        suppress=c.no_end("validity-from-claim") if end == c.NO_END else None)
    return c.row("litemall_coupon", row["id"], doc, notes)


def _groupon(row: dict):
    notes = []
    discount, lowest = c.money(row["discount"]), c.money(row["retail_price"])
    benefit = {"type": "group_price", "min_group_size": int(row["discount_member"])}
    if lowest is None:   # goods deleted or missing: the price cannot be known
        benefit["price"] = Decimal("0")
        notes.append(("groupon-discount-over-price", {"discount": discount, "price": "?"}))
    else:
        benefit["price"] = max(lowest - discount, Decimal("0.00"))
        notes.append(("groupon-cheapest-spec", {"discount": discount, "price": lowest}))
        if discount > lowest:
            notes.append(("groupon-discount-over-price", {"discount": discount, "price": lowest}))
    if row["status"]:
        notes.append(c.off("status", row["status"]))
    doc = c.promotion(
        f"groupon-{row['id']}", row["goods_name"], c.china(row["add_time"]),
        c.china(row["expire_time"]), benefit, campaign="group_buy",
        # A group that has not filled by the rule's expiry is refunded
        # (GrouponRuleExpiredTask): the size is enforced.
        audience=f"group.size >= {int(row['discount_member'])}",
        scope=c.scope(skus=[row["goods_id"]]), stacking=_stacking(row))
    return c.row("litemall_groupon_rules", row["id"], doc, notes)


def _stacking(row: dict):
    """Stacks with the other kind (a row read without the lists stays exclusive)."""
    if "stacks_with" not in row:
        return None
    return c.stacks_with(c.counted(row["stacks_with"], row["stacks_with_count"]))


_MAPPERS = {"litemall_coupon": _coupon, "litemall_groupon_rules": _groupon}
