"""Price a cart under a set of promotions, deterministically: as a shop charges it, or
exactly.

Which promotions apply, at time `at`:
- the window contains `at` (start inclusive, end exclusive);
- the audience is true of the facts (`promolint.expr.audience.evaluate`);
- the scope covers at least one line;
- a promotion with `coupon.required` applies only when the cart presents its code
  (the cart's `coupons` list names the promotion id);
- rollout below 100 (gray release) may apply: it is evaluated as applying, with a note.

How they combine (the stacking rule):
1. Applicable promotions are ordered by priority (higher first; none counts as 0), then id.
2. Each one leads a candidate: an exclusive promotion alone; a stacking one together with
   every other applicable promotion, in order, that is compatible with all already taken.
   Two promotions are compatible when each accepts the other: `stackable` accepts any
   non-exclusive promotion, `stacking: {with: [...]}` accepts only the ids it names.
3. A candidate applies its promotions one after another on the running line prices
   (a later threshold sees the prices after the earlier discounts); never below 0.
4. The candidate whose lead has the highest priority wins; at equal priority the one with
   the lowest total for the customer wins; then the earlier in the order.

Rounding (docs/rounding.md): by default each promotion's discount on each line is
rounded half-even to the minor unit of the promotion's currency, as a shop charges it
(promolint.core.currency; order-level amounts are rounded before they are shared over the
lines). `exact=True` keeps every digit: the checks judge the configured rate, so they
price their test baskets exactly (promolint.engine.basket).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from promolint.core.currency import minor_unit
from promolint.core.frozen import frozen
from promolint.engine.benefits import ZERO, line_discounts, shipping_free
from promolint.engine.cart import Cart, coupon_problems, currency_problems, facts_for, located
from promolint.expr.audience import evaluate as audience_true
from promolint.model import promotion as m


@frozen
class LineResult:
    """One cart line after the promotions: what the customer pays for it."""

    sku: str
    quantity: int
    unit_price: Decimal
    category: str | None
    total: Decimal          # what the customer pays for the line
    discount: Decimal
    promotions: tuple[str, ...] = ()

    @property
    def list_total(self) -> Decimal:
        return self.unit_price * self.quantity


@frozen
class Applied:
    """A promotion that applied, and what it took off."""

    id: str
    discount: Decimal
    free_shipping: bool = False


@dataclass
class Result:
    """A cart priced under promotions: lines, applied and skipped promotions, notes."""

    lines: list[LineResult]
    applied: list[Applied] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (id, reason)
    notes: list[str] = field(default_factory=list)
    free_shipping: bool = False

    @property
    def subtotal(self) -> Decimal:
        return sum((line.list_total for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    @property
    def discount(self) -> Decimal:
        return self.subtotal - self.total


def evaluate(promos: list[m.Promotion], cart: Cart, user: dict, at: datetime,
             exact: bool = False) -> Result:
    """Price `cart` for a user (facts of spec section 4) at time `at`: each discount
    rounded to its currency's minor unit as a shop charges it, or with `exact`, exactly."""
    facts = facts_for(cart, user)
    applicable, skipped, notes = [], [], []
    for promo in ordered(promos):
        reason = why_not(promo, cart, facts, at)
        if reason:
            skipped.append((promo.id, reason))
            continue
        applicable.append(promo)
        if promo.rollout < 100:
            notes.append(f"{promo.id}: rollout {promo.rollout}% (gray release): "
                         "evaluated as applying; only part of the traffic gets it")
    best = _best(applicable, cart, facts, exact)
    best.skipped, best.notes = skipped + best.skipped, notes
    return best


def ordered(promos) -> list[m.Promotion]:
    return sorted(promos, key=lambda p: (-(p.priority or 0), p.id))


def why_not(promo: m.Promotion, cart: Cart, facts: dict, at: datetime) -> str | None:
    """Why a promotion does not apply to this cart (None when it does)."""
    if promo.benefit is None:  # broken (schema errors): nothing to apply
        return "its benefit has errors"
    if not promo.window.start <= at < promo.window.end:
        return "outside its window"
    if promo.coupon is not None and promo.coupon.required and promo.id not in cart.coupons:
        return "coupon not presented"
    if not any(promo.scope.covers(line.sku, line.category) for line in cart.lines):
        return "no line in scope"
    if not audience_true(promo.audience, facts):
        return "audience not met"
    return None


def compatible(a: m.Promotion, b: m.Promotion) -> bool:
    """Each accepts the other (see the module docstring)."""
    return _accepts(a, b) and _accepts(b, a)


def _accepts(a: m.Promotion, b: m.Promotion) -> bool:
    if a.stacking.mode == "stackable":
        return b.stacking.mode != "exclusive"
    return a.stacking.mode == "with" and b.id in a.stacking.with_ids


def candidates(applicable: list[m.Promotion]) -> list[tuple[m.Promotion, list[m.Promotion]]]:
    """(lead, promotion set) per lead, in order, without repeating a set."""
    out, seen = [], set()
    for lead in applicable:
        group = [lead]
        if lead.stacking.mode != "exclusive":
            joins = _Group(lead)
            for other in applicable:
                if other is not lead and joins.accepts(other):
                    group.append(other)
                    joins.add(other)
        key = frozenset(id(p) for p in group)
        if key not in seen:
            seen.add(key)
            out.append((lead, [p for p in applicable if id(p) in key]))
    return out


class _Group:
    """A growing candidate set, answering `all(compatible(other, g) for g in group)` in
    about constant time (the set is all non-exclusive: an exclusive joins nothing). That
    test per pair made candidates cubic: 100 stackable promotions on one SKU, 12-30 s."""

    def __init__(self, lead: m.Promotion):
        self.ids: set[str] = set()
        self.stackable = False
        self.allowed: set[str] | None = None  # ids every `with` member names
        self.add(lead)

    def add(self, promo: m.Promotion) -> None:
        self.ids.add(promo.id)
        if promo.stacking.mode == "stackable":
            self.stackable = True
        else:  # "with" (exclusive ones never join)
            named = set(promo.stacking.with_ids)
            self.allowed = named if self.allowed is None else self.allowed & named

    def accepts(self, other: m.Promotion) -> bool:
        mode = other.stacking.mode
        if mode == "exclusive":
            return False
        if self.allowed is not None and other.id not in self.allowed:
            return False  # a `with` member does not name it
        if mode == "stackable":
            return True  # it accepts any non-exclusive member; stackable members accept it
        return self.ids <= set(other.stacking.with_ids)  # it must name every member


def _best(applicable, cart: Cart, facts: dict, exact: bool = False) -> Result:
    results = [(lead, apply_in_order(group, cart, facts, exact))
               for lead, group in candidates(applicable)]
    if not results:
        return apply_in_order([], cart, facts, exact)
    ranked = sorted(enumerate(results),
                    key=lambda it: (-(it[1][0].priority or 0), it[1][1].total, it[0]))
    winner = ranked[0][1][1]
    chosen = {a.id for a in winner.applied}
    winner.skipped = [(p.id, "not combined: a better or higher-priority offer won")
                      for p in applicable if p.id not in chosen]
    return winner


def apply_in_order(group: list[m.Promotion], cart: Cart, facts: dict,
                   exact: bool = False, basis: str = "running") -> Result:
    """Apply promotions one after another on the running line totals (each line's
    discount rounded to the promotion's minor unit unless `exact`; never below 0).
    `basis` "list": thresholds and tiers are measured on the scoped lines' list
    subtotal, not on the running one (a shop order engine.orders considers)."""
    totals = [line.total for line in cart.lines]
    used: list[list[str]] = [[] for _ in cart.lines]
    result = Result(lines=[])
    for promo in group:
        idx = [i for i, line in enumerate(cart.lines) if promo.scope.covers(line.sku, line.category)]
        scoped = [(totals[i], cart.lines[i].quantity) for i in idx]
        unit = None if exact else minor_unit(promo.currency)
        taken = ZERO
        measured = None if basis == "running" else sum(
            (cart.lines[i].total for i in idx), ZERO)
        for i, off in zip(idx, line_discounts(promo.benefit, scoped, facts, unit, measured)):
            off = min(off, totals[i])
            totals[i] -= off
            taken += off
            if off > 0:
                used[i].append(promo.id)
        free = shipping_free(promo.benefit, scoped)
        result.free_shipping |= free
        result.applied.append(Applied(promo.id, taken, free))
    result.lines = [LineResult(l.sku, l.quantity, l.unit_price, l.category, totals[i],
                               l.total - totals[i], tuple(used[i]))
                    for i, l in enumerate(cart.lines)]
    return result


def price_checked(data, cart: Cart, user: dict, at: datetime, promos, where,
                  known=None) -> Result:
    """Price `cart` (read from `data`) under `promos` for eval and the page alike: its
    coupons checked first against the ids of `known` (default `promos`), its currency
    after pricing; the first problem raised as a CartError at its place (`where`)."""
    found = coupon_problems(data, promos if known is None else known)
    if found:
        raise located(found[0], where(found[0]))
    result = evaluate(promos, cart, user, at)
    found = currency_problems(cart, promos, result)
    if found:
        raise located(found[0], where(found[0]))
    return result
