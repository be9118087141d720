"""A promotion's parts in words: benefit, scope, window, stacking, audience, coupon."""
from __future__ import annotations

from datetime import timedelta

from promolint.model import promotion as m
from promolint.diff.words import num, say
from promolint.expr.syntax import to_text


def benefit(b: m.Benefit | None, lang: str) -> str:
    """满200减50, 10% off, fixed price 9.9, ..."""
    if b is None:
        return say("broken_benefit", lang)
    if isinstance(b, m.PercentOff):
        if b.max_amount is None:
            return say("percent_off", lang, percent=num(b.percent))
        return say("percent_cap", lang, percent=num(b.percent), cap=num(b.max_amount))
    if isinstance(b, m.AmountOff):
        return say("amount_off", lang, amount=num(b.amount))
    if isinstance(b, m.ThresholdOff):
        return _threshold(b, lang)
    if isinstance(b, m.Tiered):
        return " / ".join(_tier(t, lang) for t in b.tiers)
    if isinstance(b, m.FixedPrice):
        return say("fixed_price", lang, price=num(b.price))
    if isinstance(b, m.BuyXGetY):
        if b.percent == 100:
            return say("buy_get_free", lang, buy=b.buy, get=b.get)
        return say("buy_get", lang, buy=b.buy, get=b.get, percent=num(b.percent))
    if isinstance(b, m.GroupPrice):
        return say("group_price", lang, price=num(b.price), size=b.min_group_size)
    if b.min_subtotal is None:
        return say("free_shipping", lang)
    return say("free_shipping_min", lang, amount=num(b.min_subtotal))


def _threshold(b: m.ThresholdOff, lang: str) -> str:
    args = {"threshold": num(b.threshold), "amount": num(b.amount)}
    if not b.repeat:
        return say("threshold_off", lang, **args)
    if b.max_repeats is None:
        return say("threshold_repeat", lang, **args)
    return say("threshold_repeat_max", lang, times=b.max_repeats, **args)


def _tier(t: m.Tier, lang: str) -> str:
    if t.amount is not None:
        return say("tier_amount", lang, threshold=num(t.threshold), amount=num(t.amount))
    return say("tier_percent", lang, threshold=num(t.threshold), percent=num(t.percent or 0))


def scope(s: m.Scope, lang: str, priced: int | None = None) -> str:
    """2 SKUs / category phones (412 SKUs) / the whole order."""
    if s.whole_order:
        text = say("scope_order", lang)
    else:
        parts = []
        if s.skus:
            parts.append(say("scope_sku", lang, sku=s.skus[0]) if len(s.skus) == 1
                         else say("scope_skus", lang, count=len(set(s.skus))))
        if s.categories:
            names = sorted(set(s.categories))
            parts.append(say("scope_category", lang, name=names[0]) if len(names) == 1
                         else say("scope_categories", lang, names=", ".join(names)))
        text = say("scope_and", lang).join(parts)
    if s.exclude_skus:
        text += say("scope_except", lang, count=len(set(s.exclude_skus)))
    if priced is not None and (s.categories or s.whole_order or s.exclude_skus):
        text += say("scope_priced", lang, count=priced)
    return text


def duration(delta: timedelta, lang: str) -> str:
    """1 day(s), 40 day(s), 2 hour(s), 30 minute(s)."""
    seconds = int(delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600)):
        if seconds >= size:
            count = f"{seconds / size:.1f}".rstrip("0").rstrip(".")
            return say(unit if count == "1" else unit + "s", lang, count=count)
    return say("minutes", lang, count=max(seconds // 60, 0))


def stacking(st: m.Stacking, lang: str) -> str:
    if st.mode == "exclusive":
        return say("stack_exclusive", lang)
    if st.mode == "stackable":
        return say("stack_any", lang)
    return say("stack_with", lang, ids=", ".join(sorted(set(st.with_ids))))


def audience(expr, lang: str) -> str:
    return f"`{to_text(expr)}`" if expr is not None else say("everyone", lang)


def coupon(c: m.Coupon | None, lang: str) -> str:
    if c is None or not c.required and not c.signed and c.rate_limit_per_minute is None:
        return say("coupon_none", lang)
    rate = c.rate_limit_per_minute if c.rate_limit_per_minute is not None else say("none", lang)
    return say("coupon_text", lang, required=str(c.required).lower(),
               signed=str(c.signed).lower(), rate=rate)


def window(w: m.Window, lang: str) -> str:
    return duration(w.end - w.start, lang)
