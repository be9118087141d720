"""crmeb_java (github.com/crmeb/crmeb_java): coupons, group buys, seckills, bargains.

Money columns are DECIMAL yuan. Group-buy and bargain times are epoch milliseconds,
seckill and coupon times naive China time. docs/shops/crmeb.md has the reasons.
"""
from __future__ import annotations

from promolint.audit.shops import _common as c

NAME = "crmeb"
GUESS_TABLES = frozenset({"eb_store_product", "eb_store_coupon", "eb_store_combination"})
NOTES = dict(c.NOTES) | {
    "bargain-helpers": {
        "en": "a bargain: the price falls from {start} to {lowest} as {helpers} friend(s) help "
              "cut it; the lowest price is checked",
        "zh": "砍价活动:随着 {helpers} 位好友帮砍,价格从 {start} 降到 {lowest};按最低价检查"},
}

# Where a finding's pointer comes from in the shop's table (the finding's source.column).
COLUMNS = {
    "eb_store_coupon": {
        "/benefit/amount": "money", "/benefit/threshold": "min_price", "/benefit": "money",
        "/window/start": "use_start_time", "/window/end": "use_end_time", "/audience": "type",
        "/limits": "total", "/limits/total": "total", "/scope": "primary_key"},
    "eb_store_combination": {
        "/benefit/price": "price", "/benefit": "price", "/benefit/min_group_size": "people",
        "/audience": "virtual_ration", "/window/start": "start_time",
        "/window/end": "stop_time", "/scope/skus/0": "product_id", "/limits": "quota",
        "/limits/total": "quota", "/limits/per_user": "num"},
    "eb_store_seckill": {
        "/benefit/price": "price", "/benefit": "price", "/window/start": "start_time",
        "/window/end": "stop_time", "/scope/skus/0": "product_id", "/limits": "quota",
        "/limits/total": "quota", "/limits/per_user": "num"},
    "eb_store_bargain": {
        "/benefit/price": "min_price", "/benefit": "min_price", "/window/start": "start_time",
        "/window/end": "stop_time", "/scope/skus/0": "product_id", "/limits": "quota",
        "/limits/total": "quota", "/limits/per_user": "num"},
}

PROMOTION_QUERIES = {
    "eb_store_coupon":
        "SELECT id, name, money, min_price, use_type, primary_key, is_limited, total,"
        " is_fixed_time, use_start_time, use_end_time, day, type, status,"
        " receive_start_time FROM eb_store_coupon WHERE is_del = 0",
    "eb_store_combination":
        "SELECT id, product_id, title, price, people, start_time, stop_time, is_show, num,"
        " quota, virtual_ration FROM eb_store_combination WHERE is_del = 0",
    "eb_store_seckill":
        "SELECT s.id, s.product_id, s.title, s.price, s.start_time, s.stop_time, s.status,"
        " s.num, s.quota, s.time_id, m.start_time AS slot_start, m.end_time AS slot_end"
        " FROM eb_store_seckill s LEFT JOIN eb_store_seckill_manger m ON m.id = s.time_id"
        " WHERE s.is_del = 0",
    "eb_store_bargain":
        "SELECT id, product_id, title, price, min_price, start_time, stop_time, status, num,"
        " people_num, quota FROM eb_store_bargain WHERE is_del = 0",
}
# price is the selling price; ot_price is the merchant-typed "market" price, not used.
PRICE_QUERY = "SELECT id, price, cate_id FROM eb_store_product WHERE is_del = 0"

_NEW_USER = 2        # coupon type: 1 claimed by hand, 2 new-user coupon, 3 given by the shop


def promotion_rows(table: str, row: dict) -> list:
    mapped = _MAPPERS[table](row)
    return [mapped] if mapped else []


def price_rows(row: dict) -> list:
    categories = c.id_list(row["cate_id"])
    return c.price(row["id"], row["price"], categories[0] if categories else None)


def _coupon(row: dict):
    benefit = c.coupon_benefit(c.money(row["money"]), c.money(row["min_price"]))
    if benefit is None:   # a coupon worth 0.00 gives nothing to check
        return None
    notes = []
    keys = c.id_list(row["primary_key"])
    scoped = {2: c.scope(skus=keys), 3: c.scope(categories=keys)}.get(row["use_type"], {})
    if scoped:   # min_price is compared with the order's product total (OrderServiceImpl)
        notes.append(("threshold-whole-order", {}))
    start, end = c.china(row["use_start_time"]), c.china(row["use_end_time"])
    if not row["is_fixed_time"]:
        start, end = c.china(row["receive_start_time"]), c.NO_END
        notes.append(("validity-from-claim", {"days": row["day"]}))
    if not row["status"]:
        notes.append(c.off("status", 0))
    new_user = row["type"] == _NEW_USER
    doc = c.promotion(
        f"coupon-{row['id']}", row["name"], start, end,
        benefit, scope=scoped,
        campaign="new_user" if new_user else None,
        # Given when a new account binds its phone (registerBindingPhone): by an SMS
        # code, or the phone number WeChat verified for a mini-program user.
        audience="user.account_age_days == 0 and user.phone_verified" if new_user else None,
        # A user claims each coupon once (StoreCouponUserServiceImpl.receive).
        limits=c.limits(1, row["total"] if row["is_limited"] else None),
        suppress=c.no_end("validity-from-claim") if end == c.NO_END else None)
    return c.row("eb_store_coupon", row["id"], doc, notes)


def _combination(row: dict):
    notes = []
    people, virtual = int(row["people"]), int(row["virtual_ration"] or 0)
    # StorePinkServiceImpl: a group with people <= members + virtual_ration succeeds.
    real = max(people - virtual, 1)
    if virtual:
        notes.append(("virtual-group", {}))
    if not row["is_show"]:
        notes.append(c.off("is_show", 0))
    doc = c.promotion(
        f"combination-{row['id']}", row["title"], c.epoch_ms(row["start_time"]),
        c.epoch_ms(row["stop_time"]),
        {"type": "group_price", "price": c.money(row["price"]), "min_group_size": people},
        campaign="group_buy", audience=f"group.size >= {real}",
        scope=c.scope(skus=[row["product_id"]]),
        # num: units one user may buy over the activity; quota: the activity's stock.
        limits=c.limits(row["num"], row["quota"]))
    return c.row("eb_store_combination", row["id"], doc, notes)


def _seckill(row: dict):
    notes = [("per-day-limit", {"count": row["num"]})] if row["num"] else []
    if row["slot_start"] is not None:
        notes.append(("daily-slot", {"start": f"{row['slot_start']}:00",
                                     "end": f"{row['slot_end']}:00"}))
    if not row["status"]:
        notes.append(c.off("status", 0))
    # start_time and stop_time are dates at midnight; the last day is a whole day.
    doc = c.promotion(
        f"seckill-{row['id']}", row["title"], c.china(row["start_time"]),
        c.china(c.next_day(row["stop_time"])),
        {"type": "fixed_price", "price": c.money(row["price"])}, campaign="flash_sale",
        scope=c.scope(skus=[row["product_id"]]), limits=c.limits(row["num"], row["quota"]))
    return c.row("eb_store_seckill", row["id"], doc, notes)


def _bargain(row: dict):
    notes = [("bargain-helpers", {"start": c.money(row["price"]),
                                  "lowest": c.money(row["min_price"]),
                                  "helpers": row["people_num"]})]
    if not row["status"]:
        notes.append(c.off("status", 0))
    doc = c.promotion(
        f"bargain-{row['id']}", row["title"], c.epoch_ms(row["start_time"]),
        c.epoch_ms(row["stop_time"]),
        {"type": "fixed_price", "price": c.money(row["min_price"])},
        scope=c.scope(skus=[row["product_id"]]), limits=c.limits(row["num"], row["quota"]))
    return c.row("eb_store_bargain", row["id"], doc, notes)


_MAPPERS = {"eb_store_coupon": _coupon, "eb_store_combination": _combination,
            "eb_store_seckill": _seckill, "eb_store_bargain": _bargain}
