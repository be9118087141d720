"""What the shop adapters share: China time, exact money, id lists, the promotion skeleton.

Every shop here runs on naive China time (+08:00) or epoch milliseconds, in CNY.
"""
from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from promolint.audit.rows import PriceRow, PromotionRow

CHINA = timezone(timedelta(hours=8))
# A promotion with no end date in its shop (validity counted from claiming): the format
# needs an end, so it runs "for ever", which long-window then reports truthfully.
NO_END = "9999-12-31T23:59:59+08:00"

# The notes these adapters add to the common ones of promolint/audit/notes.py (daily-slot,
# quantity-ladder, validity-from-claim, virtual-group). Note ids are one namespace.
NOTES = {
    "switched-off": {
        "en": "this row is switched off in the shop ({column} = {value}); it is checked as "
              "configured, one switch away from going live",
        "zh": "该记录在商城中处于关闭状态({column} = {value});按其配置检查,重新开启即生效"},
    "not-at-checkout": {
        "en": "this version of the shop does not apply it at checkout ({where}); it is "
              "checked as configured, as customers are shown it",
        "zh": "该版本商城结算时不使用它({where});按其配置检查,因为顾客能看到它"},
    "per-day-limit": {
        "en": "the shop limits each user to {count} purchase(s) a day, not for the whole "
              "promotion; per_user is checked as that daily count",
        "zh": "商城限制每位用户每天购买 {count} 次,而不是整个活动期间;每人限购按该每日次数检查"},
    "threshold-whole-order": {
        "en": "the shop measures the threshold on the whole order and only needs one of the "
              "scoped goods in the cart; the check measures it on the scoped goods alone, so "
              "a cheaper mixed basket may exist",
        "zh": "商城按整单金额判断门槛,购物车中只需有一件指定商品;本检查只按指定商品计算门槛,"
              "实际可能存在更便宜的混合购物车"},
}


def china(value) -> str | None:
    """A naive China-time datetime (or date) as RFC 3339 with +08:00; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value.replace(tzinfo=CHINA, microsecond=0).isoformat()


def epoch_ms(value) -> str | None:
    """Epoch milliseconds as RFC 3339 in China time; None or 0 is None."""
    if not value:
        return None
    moment = datetime.fromtimestamp(int(value) // 1000, CHINA)
    return moment.isoformat()


def next_day(value) -> date:
    """The day after a date (an inclusive end date made exclusive)."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return value + timedelta(days=1)


def money(value) -> Decimal | None:
    """An exact Decimal from a DECIMAL, integer or text column; None stays None."""
    if value is None:
        return None
    if isinstance(value, float):
        raise TypeError("a float money column: read DECIMAL, not DOUBLE")
    return Decimal(str(value).strip())


def id_list(text) -> list[str]:
    """A comma-separated (`1,2, 3`) or JSON (`[1,2]`) id list as strings, empties dropped."""
    if text is None:
        return []
    text = str(text).strip()
    if text.startswith("["):
        return [str(item).strip() for item in json.loads(text) if str(item).strip()]
    return [part.strip() for part in text.split(",") if part.strip()]


def counted(text, count) -> list[str]:
    """A GROUP_CONCAT list checked against its COUNT(*): the server cuts GROUP_CONCAT at
    group_concat_max_len (1024 bytes by default) with only a warning, so a short list is
    an error on the row, never a smaller scope."""
    items = id_list(text)
    if len(items) != int(count or 0):
        raise ValueError(f"a list of {count} ids came back with {len(items)} "
                         "(GROUP_CONCAT cut at group_concat_max_len)")
    return items


def stacks_with(ids) -> dict | str:
    """`stacking: {with: ids}`, or exclusive when there is nothing to stack with."""
    return {"with": list(ids)} if ids else "exclusive"


def promotion(pid: str, name: str, start, end, benefit: dict, **fields) -> dict:
    """The format-v1 promotion skeleton; fields whose value is None are left out."""
    doc = {"apiVersion": "promolint/v1", "kind": "Promotion", "id": pid,
           "name": name or pid, "currency": "CNY",
           "window": {"start": start, "end": end}, "benefit": benefit}
    doc.update({key: value for key, value in fields.items() if value not in (None, {}, [])})
    if start is None or end is None:
        doc["window"] = {key: value for key, value in doc["window"].items() if value}
    return doc


def no_end(why: str) -> list:
    """The suppression a promotion with no end date in its shop carries: long-window would
    only repeat the note that says why (the reason names it)."""
    return [{"rule": "long-window", "reason": f"no end date in the shop: {why}"}]


def coupon_benefit(amount: Decimal | None, threshold: Decimal | None) -> dict | None:
    """满减 when there is a threshold (> 0), a plain amount off when it is 0 or missing;
    None for a coupon worth nothing (0.00), which gives no money to check."""
    if not amount or amount <= 0:
        return None
    if threshold:
        return {"type": "threshold_off", "threshold": threshold, "amount": amount}
    return {"type": "amount_off", "amount": amount}


def limits(per_user=None, total=None) -> dict:
    """`limits` from counts where 0 or None means unlimited (left out)."""
    out = {"per_user": int(per_user) if per_user else None,
           "total": int(total) if total else None}
    return {key: value for key, value in out.items() if value}


def scope(skus=(), categories=()) -> dict:
    out = {"skus": [str(s) for s in skus], "categories": [str(c) for c in categories]}
    return {key: value for key, value in out.items() if value}


def row(table: str, key, doc: dict, notes=(), tenant: str = "") -> PromotionRow:
    """One promotion row, its promotion as exact JSON text (Decimals unrounded)."""
    return PromotionRow(tenant, f"{table}#{key}", dumps(doc), tuple(notes))


def price(sku, value, category=None, tenant: str = "") -> list[PriceRow]:
    """One CNY price row, or none when the price is missing."""
    amount = money(value)
    if amount is None:
        return []
    cat = None if category in (None, "", 0, "0") else str(category)
    return [PriceRow(tenant, str(sku), "CNY", amount, cat)]


def off(column: str, value) -> tuple:
    """The switched-off note for a row whose status column says it is off."""
    return ("switched-off", {"column": column, "value": str(value)})


def dumps(value) -> str:
    """JSON text with Decimals written digit for digit (json.dumps would need floats)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(dumps(item) for item in value) + "]"
    if isinstance(value, Decimal):
        return format(value, "f")
    return json.dumps(value, ensure_ascii=False)
