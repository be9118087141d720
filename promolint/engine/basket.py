"""Test baskets: price one SKU under some promotions and find the cheapest basket
whose effective price falls past the below-market line.

A probe is a one-line cart (a SKU, a quantity, a unit price) plus facts that satisfy
every promotion's audience, evaluated at the latest window start. The quantities
tried are the ones where a benefit changes: 1, enough units to reach each threshold
(each repeat of a 每满 threshold up to 10), buy+get for buy_x_get_y, and the
cart.subtotal / cart.item_count bounds the audience names. The smallest quantity
past the line wins, so the witness is the cheapest qualifying basket.

Probes are priced exactly (`evaluate(..., exact=True)`): a check judges the configured
rate, not the shop's rounding of it (50% off 9.99 is exactly 50% below, though the shop
charges 4.99). `Probe.rounded` prices the same basket as the shop charges it, for the
witness (docs/rounding.md).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import ROUND_CEILING, Decimal

from promolint.core.frozen import frozen
from promolint.engine.cart import Cart, CartLine, facts_for
from promolint.engine.evaluator import Result, evaluate
from promolint.expr.analysis import UNKNOWN, decide
from promolint.expr.syntax import BoolOp, Compare, Field, Literal, walk
from promolint.expr.vocabulary import assumed_types
from promolint.model import promotion as m

MAX_REPEATS_TRIED = 10
MAX_QUANTITY = 10**9


@frozen
class Probe:
    """One priced candidate basket: the cart, its facts, its exact result and market value."""

    cart: Cart
    facts: dict          # user and context facts (cart.subtotal/item_count are derived)
    result: Result       # priced exactly
    market: Decimal      # the cart at market (list) prices
    promotions: tuple[m.Promotion, ...]
    priced: tuple[m.Promotion, ...] = ()  # as priced (audiences dropped when undecidable)
    at: datetime | None = None
    order: tuple[str, ...] = ()  # ids in the order applied, when not the evaluator's choice
    basis: str = "running"       # thresholds measured on the running or the list subtotal

    @property
    def pays(self) -> Decimal:
        """The exact total (the configured rate, no rounding)."""
        return self.result.total

    def rounded(self) -> Result:
        """The same basket priced as a shop charges it (each discount rounded)."""
        if self.order:
            from promolint.engine.evaluator import apply_in_order
            by_id = {p.id: p for p in self.priced or self.promotions}
            return apply_in_order([by_id[i] for i in self.order], self.cart, self.facts,
                                  False, self.basis)
        return evaluate(list(self.priced or self.promotions), self.cart, self.facts,
                        self.at or max(p.window.start for p in self.promotions))

    @property
    def unit_pays(self) -> Decimal:
        return self.pays / self.cart.lines[0].quantity

    def past_line(self, line: Decimal) -> bool:
        """More than `line` (a fraction) below market; exactly on the line is not past."""
        return self.market > 0 and self.market - self.pays > line * self.market


def first_past_line(promos, sku: str, unit_price: Decimal, category: str | None,
                    line: Decimal, types: dict) -> Probe | None:
    """The cheapest basket of `sku` whose price under all `promos` is past the line."""
    for quantity in quantities(promos, unit_price):
        found = probe(promos, CartLine(sku, quantity, unit_price, category), types)
        if found is None:
            continue
        if found.past_line(line) and _all_applied(found):
            return found
        by_shop = rounding_past_line(found, line)
        if by_shop is not None and _all_applied(by_shop):
            return by_shop
    return None


def rounding_past_line(found: Probe, line: Decimal) -> Probe | None:
    """The probe priced as the shop charges it, when that is past the line by more than
    rounding can explain (else None). Checks judge exact prices, but in a stack a later
    threshold sees the running prices: 10% off 111.11 charges 100.00 (exactly 99.999),
    which reaches a 满100减50 the exact price misses. One promotion, or a stack without
    thresholds, cannot get there: its rounded price is within a minor unit per line and
    promotion of the exact one."""
    if len(found.promotions) < 2 or not any(
            isinstance(p.benefit, (m.ThresholdOff, m.Tiered)) for p in found.promotions):
        return None
    from promolint.core.currency import minor_unit
    slack = sum(minor_unit(p.currency) for p in found.promotions) * len(found.cart.lines)
    if found.market <= 0 or not _near_a_step(found, slack):
        return None
    rounded = found.rounded()
    if found.market - rounded.total <= line * found.market + slack:
        return None
    return replace(found, result=rounded)


def _near_a_step(found: Probe, slack: Decimal) -> bool:
    """Whether a 满减 or tier applied after another promotion meets its step within
    `slack` of the exact running total (only then can rounding change what it gives;
    pricing every stacked probe twice cost a 50,000-file run a third more). A cart of
    several lines is not looked into: it is priced again."""
    if len(found.cart.lines) != 1:
        return True
    by_id = {p.id: p for p in found.priced or found.promotions}
    running = found.cart.lines[0].unit_price * found.cart.lines[0].quantity
    for k, applied in enumerate(found.result.applied):
        benefit = by_id[applied.id].benefit
        if k and isinstance(benefit, m.ThresholdOff) and benefit.threshold > 0:
            rest = running % benefit.threshold
            if running >= benefit.threshold - slack and (rest <= slack or benefit.threshold - rest <= slack):
                return True
        if k and isinstance(benefit, m.Tiered) and any(
                abs(running - tier.threshold) <= slack for tier in benefit.tiers):
            return True
        running -= applied.discount
    return False


def _all_applied(found: Probe) -> bool:
    applied = {a.id for a in found.result.applied}
    return all(p.id in applied for p in found.promotions)


def probe(promos, line: CartLine, types: dict) -> Probe | None:
    """Price a one-line cart with facts satisfying every audience (None: none found)."""
    return probe_cart(promos, (line,), types)


def probe_cart(promos, lines: tuple[CartLine, ...], types: dict) -> Probe | None:
    """Price a cart with facts satisfying every audience (None: none can). When the
    analysis cannot decide the audiences, a money rule assumes they can be met: the
    cart is priced as if they were (the witness then has no user facts)."""
    cart = Cart(lines, frozenset(p.id for p in promos if p.coupon and p.coupon.required))
    at = max(p.window.start for p in promos)
    if any(at >= p.window.end for p in promos):
        return None
    facts = facts_for_audiences(promos, cart, types)
    priced = list(promos)
    if facts is UNKNOWN:
        facts, priced = {}, [replace(p, audience=None) for p in promos]
    elif facts is None:
        return None
    result = evaluate(priced, cart, facts, at, exact=True)
    return Probe(cart, facts, result, cart.subtotal, tuple(promos), tuple(priced), at)


def facts_for_audiences(promos, cart: Cart, types: dict):
    """User and context facts under which every promotion's audience holds for `cart`
    (cart.subtotal / cart.item_count are the cart's own, never chosen); an unknown
    field is given the type it is compared with (vocabulary.assumed_types); None when no
    facts can, UNKNOWN when the analysis cannot tell."""
    conditions = [p.audience for p in promos if p.audience is not None]
    conditions += _group_size_condition(promos)
    expr = None if not conditions else conditions[0] if len(conditions) == 1 \
        else BoolOp("and", tuple(conditions))
    fixed = facts_for(cart, {})
    status, found = decide(expr, assumed_types(expr, types), fixed)
    if status == UNKNOWN:
        return UNKNOWN
    if found is None:
        return None
    for name in fixed:
        found.pop(name, None)
    return found


def _group_size_condition(promos) -> list[Compare]:
    """`group.size >= n`: a group large enough for every group_price promotion."""
    need = max((p.benefit.min_group_size for p in promos
                if isinstance(p.benefit, m.GroupPrice)), default=None)
    if need is None:
        return []
    return [Compare(">=", Field("group.size"), Literal(Decimal(need)))]


def quantities(promos, unit_price: Decimal) -> list[int]:
    """Candidate basket sizes, ascending."""
    if unit_price <= 0:
        return [1]
    out = {1}
    for promo in promos:
        out |= {units_for(amount, unit_price) for amount in _amounts(promo.benefit)}
        if isinstance(promo.benefit, m.BuyXGetY):
            out.add(promo.benefit.buy + promo.benefit.get)
        out |= _audience_quantities(promo, unit_price)
    return sorted(q for q in out if 1 <= q <= MAX_QUANTITY)


def _amounts(benefit) -> list[Decimal]:
    """Spend levels where the benefit changes."""
    if isinstance(benefit, m.ThresholdOff):
        times = MAX_REPEATS_TRIED if benefit.repeat else 1
        if benefit.max_repeats is not None:
            times = min(times, max(benefit.max_repeats, 1))
        return [benefit.threshold * k for k in range(1, times + 1)]
    if isinstance(benefit, m.Tiered):
        return [tier.threshold for tier in benefit.tiers]
    if isinstance(benefit, m.FreeShipping) and benefit.min_subtotal is not None:
        return [benefit.min_subtotal]
    return []


def _audience_quantities(promo, unit_price: Decimal) -> set[int]:
    out: set[int] = set()
    for node in walk(promo.audience) if promo.audience is not None else ():
        if not isinstance(node, Compare):
            continue
        names = {s.name for s in (node.left, node.right) if isinstance(s, Field)}
        values = [s.value for s in (node.left, node.right)
                  if isinstance(s, Literal) and isinstance(s.value, Decimal)]
        for value in values:
            if "cart.subtotal" in names:
                out |= {units_for(value, unit_price), units_for(value, unit_price) + 1}
            if "cart.item_count" in names and value == value.to_integral_value():
                out |= {int(value), int(value) + 1}
    return out


def units_for(amount: Decimal, unit_price: Decimal) -> int:
    """Units needed to spend at least `amount`."""
    if amount <= 0:
        return 1
    units = (amount / unit_price).to_integral_value(ROUND_CEILING)
    return int(min(units, MAX_QUANTITY + 1))
