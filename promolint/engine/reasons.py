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


def reason(promo: m.Promotion, key: str, cart: Cart, user: dict, winners: list[str]) -> str:
    """The true reason for a skipped promotion (`key`: the evaluator's reason)."""
    if key == "audience not met" and promo.audience is not None:
        failing = false_part(promo.audience, facts_for(cart, user))
        return f"not eligible: {to_text(failing)} is not true for this user and cart"
    if key.startswith("not combined"):
        short = not_reached(promo, cart)
        if short:
            return short
        return f"lost to a better offer: {', '.join(winners) or 'another promotion'} won " \
               "(higher priority, or a lower total for the customer)"
    return key


def false_part(expr: Expr, facts: dict) -> Expr:
    """The first part of an `and` that does not hold, down to the condition itself."""
    while isinstance(expr, BoolOp) and expr.op == "and":
        part = next((item for item in expr.items if not holds(item, facts)), None)
        if part is None:
            return expr
        expr = part
    return expr


def not_reached(promo: m.Promotion, cart: Cart) -> str | None:
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
        return (f"not reached: spend {money(need - spent)} more on its items "
                f"({money(spent)} of {money(need)})")
    if isinstance(benefit, m.BuyXGetY) and units < benefit.buy + benefit.get:
        return (f"not reached: add {benefit.buy + benefit.get - units} more unit(s) of its "
                f"items (buy {benefit.buy} get {benefit.get})")
    return None


def gave_nothing(promo: m.Promotion, cart: Cart) -> str:
    """For a promotion that applied but took nothing off."""
    return not_reached(promo, cart) or "applies, but takes nothing off this cart"
