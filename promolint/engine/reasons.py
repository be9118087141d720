"""Why a promotion gave nothing on a cart, in words a marketer acts on (`promolint eval`).

The evaluator's own reasons are short keys (cases and the web view match on them); this
turns each into its true cause: not eligible (which condition is false), not reached
(how much more to spend, or how many more units), outside the window, lost to a better
offer (which one won). A promotion that applied but took nothing off (a threshold not
reached) is a "not reached" too, never "applied (-0.00)".
"""
from __future__ import annotations

from decimal import Decimal

from promolint.core.diagnostics import money
from promolint.engine.cart import Cart, facts_for
from promolint.expr.audience import evaluate as holds
from promolint.expr.syntax import BoolOp, Expr, to_text
from promolint.model import promotion as m

ZERO = Decimal(0)


def reason(promo: m.Promotion, key: str, cart: Cart, user: dict,
           winners: list[str]) -> tuple[str, str | None]:
    """The true reason for a skipped promotion (`key`: the evaluator's reason), in English
    and Chinese (None: the evaluator's own reason says it; the text output translates it)."""
    if key == "audience not met" and promo.audience is not None:
        failing = to_text(false_part(promo.audience, facts_for(cart, user)))
        return (f"not eligible: {failing} is not true for this user and cart",
                f"不符合条件:对这个用户和购物车,{failing} 不成立")
    if key.startswith("not combined"):
        short = not_reached(promo, cart)
        if short:
            return short
        won = ", ".join(winners) or "?"
        return (f"lost to a better offer: {won} won (higher priority, or a lower total for "
                "the customer)", f"被更优的促销挤掉:{won} 胜出(优先级更高,或顾客实付更少)")
    return key, None


def false_part(expr: Expr, facts: dict) -> Expr:
    """The first part of an `and` that does not hold, down to the condition itself."""
    while isinstance(expr, BoolOp) and expr.op == "and":
        part = next((item for item in expr.items if not holds(item, facts)), None)
        if part is None:
            return expr
        expr = part
    return expr


def not_reached(promo: m.Promotion, cart: Cart) -> tuple[str, str] | None:
    """How far the cart is from earning the benefit at list prices, or None."""
    lines = [l for l in cart.lines if promo.scope.covers(l.sku, l.category)]
    spent = sum((l.unit_price * l.quantity for l in lines), ZERO)
    units = sum(l.quantity for l in lines)
    benefit = promo.benefit
    need = None
    if isinstance(benefit, m.ThresholdOff):
        need = benefit.threshold
    elif isinstance(benefit, m.Tiered):
        need = min(t.threshold for t in benefit.tiers)
    elif isinstance(benefit, m.FreeShipping) and benefit.min_subtotal is not None:
        need = benefit.min_subtotal
    if need is not None and spent < need:
        more, spent_, need_ = money(need - spent), money(spent), money(need)
        return (f"not reached: spend {more} more on its items ({spent_} of {need_})",
                f"未达门槛:参与商品还差 {more}(已 {spent_},需 {need_})")
    if isinstance(benefit, m.BuyXGetY) and units < benefit.buy + benefit.get:
        more = benefit.buy + benefit.get - units
        return (f"not reached: add {more} more unit(s) of its items (buy {benefit.buy} get "
                f"{benefit.get})", f"未达件数:参与商品还差 {more} 件(买 {benefit.buy} 送 {benefit.get})")
    return None


def gave_nothing(promo: m.Promotion, cart: Cart) -> tuple[str, str]:
    """For a promotion that applied but took nothing off."""
    return not_reached(promo, cart) or ("applies, but takes nothing off this cart",
                                        "生效了,但这个购物车一分钱也没有优惠")


def true_reasons(promos, cart: Cart, user: dict, result):
    """(applied that took something off, (id, true reason, its Chinese or None) of the rest):
    a promotion that gave nothing is never "applied (-0.00)". Shared by `promolint eval`
    and the web page (promolint.serve)."""
    by_id = {p.id: p for p in promos}
    applied = [a for a in result.applied if a.discount > 0 or a.free_shipping]
    winners = [a.id for a in applied]
    skipped = [(a.id, *gave_nothing(by_id[a.id], cart)) for a in result.applied
               if not (a.discount > 0 or a.free_shipping)]
    skipped += [(i, *reason(by_id[i], r, cart, user, winners)) if i in by_id else (i, r, None)
                for i, r in result.skipped]
    return applied, skipped
