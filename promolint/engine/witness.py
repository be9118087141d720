"""Witnesses from probes, and replaying a witness through the evaluator.

A witness names its promotions; replaying it means evaluating exactly those
promotions on the witness cart, with the witness user and context facts, at the
witness time, the cart presenting the coupon of every named promotion that needs one.

A witness pays what the shop charges (each discount rounded to the minor unit, as the
evaluator does by default); the check judged the exact price, which the witness keeps
as `exact_pays` where the two differ (docs/rounding.md).
"""
from __future__ import annotations

from datetime import datetime

from promolint.core.diagnostics import Witness, WitnessLine
from promolint.engine.basket import Probe
from promolint.engine.cart import Cart, CartLine
from promolint.engine.evaluator import Result, evaluate


def from_probe(found: Probe, with_market: bool = True) -> Witness:
    """The Witness for a probe: its cart, facts, the total the shop charges (and the
    exact one when it differs) and the market value."""
    user = tuple(sorted((k, v) for k, v in found.facts.items() if k.startswith("user.")))
    context = tuple(sorted((k, v) for k, v in found.facts.items() if not k.startswith("user.")))
    at = max(p.window.start for p in found.promotions)
    pays = found.rounded().total
    return Witness(
        cart=tuple(WitnessLine(l.sku, l.quantity, l.unit_price, l.category) for l in found.cart.lines),
        user=user, pays=pays, market=found.market if with_market else None,
        promotions=tuple(sorted(p.id for p in found.promotions)), at=at.isoformat(),
        context=context, exact_pays=found.pays if found.pays != pays else None,
        order=found.order, basis="list" if found.order and found.basis == "list" else None)


def replay(witness: Witness, promos_by_id: dict, exact: bool = False) -> Result:
    """Evaluate the witness's promotions on its cart, user and time: as the shop charges
    it (its `pays`), or with `exact` exactly (its `exact_pays`, else `pays`)."""
    promos = [promos_by_id[i] for i in witness.promotions]
    coupons = frozenset(p.id for p in promos if p.coupon and p.coupon.required)
    cart = Cart(tuple(CartLine(l.sku, l.quantity, l.unit_price, l.category) for l in witness.cart),
                coupons)
    facts = dict(witness.user) | dict(witness.context)
    if witness.order:  # priced in that order (spec 5): each must apply, then in sequence
        from promolint.engine.evaluator import apply_in_order, why_not
        from promolint.engine.cart import facts_for
        at = datetime.fromisoformat(witness.at)
        seq = [promos_by_id[i] for i in witness.order]
        if all(why_not(p, cart, facts_for(cart, facts), at) is None for p in seq):
            return apply_in_order(seq, cart, facts, exact, witness.basis or "running")
    return evaluate(promos, cart, facts, datetime.fromisoformat(witness.at), exact)
