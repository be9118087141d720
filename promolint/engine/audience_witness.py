"""Witnesses for audience findings: a user the audience admits, on a cart that earns
the promotion, priced by the engine (promolint.engine) so the witness replays exactly.

The cart is one line of the first priced SKU in scope at its market price, or a
stand-in line when nothing in scope is priced (then `market` is left out). The
quantity is the smallest that earns the benefit; the user facts are found with
`promolint.expr.analysis.admits` together with the cart's own cart.subtotal and
cart.item_count, so the facts and the cart agree.
"""
from __future__ import annotations

from decimal import Decimal

from promolint.core.diagnostics import Witness, WitnessLine
from promolint.expr.analysis import UNKNOWN, admits, admits_status
from promolint.expr.syntax import BoolOp, Compare, Expr, Field, Literal
from promolint.model import promotion as m

DERIVED = ("cart.subtotal", "cart.item_count")
MAX_QUANTITIES = 12


def find(promo: m.Promotion, ctx, condition: Expr):
    """(facts, witness) for a user satisfying the audience and `condition`, None when
    there is none, UNKNOWN when the analysis cannot tell (the caller reports it)."""
    fields = ctx.settings.fields
    status, facts = admits_status(promo.audience, condition, fields)
    if status == UNKNOWN:
        return UNKNOWN
    if facts is None:
        return None
    try:
        priced = _priced(promo, ctx, condition, fields)
    except ImportError:  # the engine is optional for this rule: fall back to an empty cart
        priced = None
    if priced is not None:
        return priced
    return facts, Witness(cart=(), user=_part(facts, True), pays=Decimal(0),
                          promotions=(promo.id,), context=_part(facts, False))


def _priced(promo, ctx, condition, fields) -> tuple[dict, Witness] | None:
    from promolint.engine.basket import quantities
    from promolint.engine.cart import Cart, CartLine
    from promolint.engine.evaluator import evaluate
    from promolint.engine.skus import scoped_prices, stand_in
    priced = scoped_prices(promo, ctx.prices)
    if priced and priced[0].market_price > 0:
        first = priced[0]
        unit, with_market = CartLine(first.sku, 1, first.market_price, first.category), True
    else:
        unit, with_market = stand_in(promo, _stand_in_price(promo.benefit)), False
    coupons = frozenset({promo.id}) if promo.coupon and promo.coupon.required else frozenset()
    applied_only = None  # the promotion applies but gives nothing (e.g. no group formed)
    for quantity in quantities([promo], unit.unit_price)[:MAX_QUANTITIES]:
        line = CartLine(unit.sku, quantity, unit.unit_price, unit.category)
        facts = admits(promo.audience, _with_cart(condition, line), fields)
        if facts is None:
            continue
        result = evaluate([promo], Cart((line,), coupons), _user(facts), promo.window.start)
        mine = [a for a in result.applied if a.id == promo.id]
        if not mine:
            continue
        found = facts, _witness(promo, line, facts, result.total, with_market)
        if mine[0].discount > 0 or mine[0].free_shipping:
            return found
        applied_only = applied_only or found
    return applied_only


def _witness(promo, line, facts: dict, pays: Decimal, with_market: bool) -> Witness:
    return Witness(cart=(WitnessLine(line.sku, line.quantity, line.unit_price, line.category),),
                   user=_part(facts, True), pays=pays,
                   market=line.total if with_market else None, promotions=(promo.id,),
                   at=promo.window.start.isoformat(), context=_part(_user(facts), False))


def _with_cart(condition: Expr, line) -> Expr:
    subtotal = Compare("==", Field("cart.subtotal"), Literal(line.unit_price * line.quantity))
    count = Compare("==", Field("cart.item_count"), Literal(Decimal(line.quantity)))
    return BoolOp("and", (condition, subtotal, count))


def _stand_in_price(benefit: m.Benefit) -> Decimal:
    """A unit price for an unpriced scope: the benefit's own spend level, else 100."""
    if isinstance(benefit, m.ThresholdOff):
        return benefit.threshold
    if isinstance(benefit, m.Tiered):
        return benefit.tiers[0].threshold
    if isinstance(benefit, m.FreeShipping) and benefit.min_subtotal:
        return benefit.min_subtotal
    return Decimal(100)


def _user(facts: dict) -> dict:
    return {k: v for k, v in facts.items() if k not in DERIVED}


def _part(facts: dict, users: bool) -> tuple:
    return tuple(sorted((k, v) for k, v in facts.items() if k.startswith("user.") == users))


def describe_user(facts: dict, names: tuple[str, ...] = ()) -> str:
    """The facts that matter, as `field=value` pairs (language-neutral)."""
    shown = [k for k in sorted(facts) if not names or k in names] or sorted(facts)
    return ", ".join(f"{k}={show(facts[k])}" for k in shown) or "-"


def show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value)


def saving(witness: Witness, promo: m.Promotion) -> str:
    """What the witness saves, as money (or the benefit's headline when unpriced)."""
    if witness.cart:
        listed = sum((l.unit_price * l.quantity for l in witness.cart), Decimal(0))
        return f"{listed - witness.pays:.2f}"
    benefit = promo.benefit
    if isinstance(benefit, (m.AmountOff, m.ThresholdOff)):
        return f"{benefit.amount:.2f}"
    if isinstance(benefit, m.PercentOff):
        return f"{benefit.percent}%"
    return "?"
