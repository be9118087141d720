"""The deepest basket of any mix of SKUs, for one promotion or a stack, in every order.

A basket is units of the SKUs every promotion of the set reaches (one SKU stands for
the others at its market price). What a basket pays depends on it through its subtotal
S, its unit count N and, for per-unit benefits (fixed_price, group_price,
buy_x_get_y), its mix. The search is exact by construction over the baskets that
matter:

- Audiences: a `cart.subtotal` / `cart.item_count` condition changes truth only at its
  literal (and just past it), so those literals cut S and N into cells where every
  audience is constant.
- Order-level benefits (percent_off, amount_off, threshold_off, tiered): every order
  applies them to the lines in proportion, so what is paid is a function of S alone,
  piecewise `a*S - b` with b >= 0 between breakpoints (a threshold or tier reached, a
  cap reached; measured on the list subtotal or, after earlier promotions, on the
  running one, whose breakpoints are those levels pulled back through each earlier
  member's effect). On each piece the share off falls as S grows, so the deepest basket
  of a piece and a cell is the one with the least reachable subtotal at or above the
  piece's start with a unit count in the cell: a coin problem over the market prices,
  solved exactly (least sum per residue, a shortest path over
  residues modulo the smallest price, with the unit count
  carried up to the cell's bound).
- Per-unit benefits: a single fixed/group price or buy-x-get-y whose audience only asks
  for more (no upper bound, no equality, no negation) is deepest on one SKU (its own
  share is the most any mix reaches): the one-SKU baskets at each quantity decide.
  Otherwise every basket up to the last breakpoint plus one unit is enumerated (past
  it every member is in its last regime, where removing the least discounted unit only
  deepens the basket).

Where the work is bounded (MAX_BASKETS baskets enumerated, MAX_CELLS unit counts,
MAX_WORK residues, MAX_REPEATS_TRIED repeats, the orders of a large stack,
levels of a stack over 3), the result says so (`bounded`) and the checks report it as
a finding when nothing past the line was found: doubt is never silence.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from math import gcd

from promolint.engine.basket import (MAX_REPEATS_TRIED, UNKNOWN, Probe, facts_for_audiences,
                                     quantities, rounding_past_line)
from promolint.engine.cart import Cart, CartLine
from promolint.engine.benefits import line_discounts, order_discount, tier_reached
from promolint.engine.bounds import max_share
from promolint.engine.evaluator import apply_in_order
from promolint.engine.orders import variants
from promolint.expr.audience import evaluate as audience_true
from promolint.expr.syntax import BoolOp, Compare, Field, Literal, Not, walk
from promolint.model import promotion as m

MAX_BASKETS = 3000   # baskets enumerated for a set whose price depends on the mix
MAX_CELLS = 64       # unit counts looked at one by one (cart.item_count literals)
MAX_WORK = 300_000   # residues x unit counts x prices in the coin problem
PER_UNIT = (m.FixedPrice, m.GroupPrice, m.BuyXGetY)
ZERO, ONE = Decimal(0), Decimal(1)


@dataclass(frozen=True)
class Item:
    sku: str
    price: Decimal
    category: str | None = None


@dataclass
class Outcome:
    found: Probe | None
    bounded: str | None = None  # which bound was hit (None: the search was exact)


def deepest(promos, items, line: Decimal, types: dict, stack_order: str = "any") -> Outcome:
    """The least basket (by subtotal) of `items` past the line under every promotion of
    `promos` applied together, in any order `stack_order` allows."""
    promos = list(promos)
    at = max(p.window.start for p in promos)
    if any(at >= p.window.end for p in promos):
        return Outcome(None)
    items = _distinct(items)
    if not items:
        return Outcome(None)
    orders, complete = variants(promos, stack_order)
    bounds: list[str] = [] if complete else ["orders"]
    gains = [_gain(promos, item.price, line) for item in items]
    constant = _constant(promos)
    space = _Space(items, bounds, gains, constant)
    s_lits, n_lits, upward = _cart_literals(promos)
    per_unit = any(isinstance(p.benefit, PER_UNIT) for p in promos)
    levels = _levels(promos, orders, s_lits, bounds)
    cells = _cells(n_lits, bounds)
    # Baskets are kept sparse, ((item index, units), ...): a whole-order or category
    # scope reaches thousands of items, and a dense tuple per one-SKU basket made the
    # search quadratic in them (~20 ms a mistake row on 3,000 SKUs).
    baskets: dict[tuple, None] = {}
    for item_index, item in enumerate(items):  # one SKU at each quantity of interest
        for q in _one_sku_quantities(promos, item.price):
            baskets[((item_index, q),) if q else ()] = None
    dense: dict[tuple, None] = {}
    for level in levels:
        for cell in cells:
            counts = space.least(level, cell)
            if counts is not None:
                dense[counts] = None
    pricer = _Pricer(promos, items, orders, line, types, at, per_unit)
    if per_unit and _additive(promos):
        if not upward:  # the cells bounded above, where the audience can hold
            low_s, low_n = pricer.bounded_cells(s_lits, n_lits)
            if low_s is not None:
                space.enumerate(low_s, None, dense)
            if low_n is not None:
                space.enumerate(None, low_n, dense)
    elif per_unit:
        span = max([max(n_lits, default=0) + 1, *(2 * (p.benefit.buy + p.benefit.get)
                    for p in promos if isinstance(p.benefit, m.BuyXGetY))])
        top = max([*levels, *s_lits, ZERO]) + items[-1].price * span
        space.enumerate(top, None, dense)
    baskets.update((_sparse(c), None) for c in dense)
    ordered_baskets = _ordered(space, baskets)
    if not per_unit:  # the subtotal and unit count decide: one basket of each
        ordered_baskets = [b for b, prev in zip(ordered_baskets, [None, *ordered_baskets])
                           if prev is None or b[:2] != prev[:2]]
    for total, units, pairs in ordered_baskets:
        if constant + sum(gains[i] * n for i, n in pairs) <= 1e-9:
            continue  # its units cannot take it past the line
        found = pricer.price(space.dense(pairs), total, units)
        if found is not None:
            return Outcome(found)
    return Outcome(None, ", ".join(dict.fromkeys(bounds)) or None)


def _sparse(counts: tuple) -> tuple:
    return tuple((i, n) for i, n in enumerate(counts) if n)


def _ordered(space, baskets) -> list[tuple]:
    """(subtotal, units, sparse basket) by subtotal, then units, then the dense counts
    (the order the search always took: the first basket past the line is the witness)."""
    keyed = sorted((space.sparse_total(pairs), sum(n for _, n in pairs), pairs) for pairs in baskets)
    out, start = [], 0
    for end in range(1, len(keyed) + 1):
        if end == len(keyed) or keyed[end][:2] != keyed[start][:2]:
            run = keyed[start:end]
            if len(run) > 1:  # a tie: break it on the dense counts, as before
                run.sort(key=lambda b: space.dense(b[2]))
            out += run
            start = end
    return out


def _gain(promos, price: Decimal, line: Decimal) -> float:
    """The most one unit at `price` can take off beyond the line, whatever the basket
    and order, not counting the fixed amounts of `_constant`: its price times (the sum
    of the other members' largest shares, engine.bounds, capped at 1, less the line).
    A basket whose units' gains and the fixed amounts add up to 0 or less cannot be past
    the line (its discount is at most their sum)."""
    share = min(ONE, sum((max_share(p.benefit, price) for p in promos
                          if _fixed_amount(p.benefit) is None), ZERO))
    return float(price * (share - line)) + 1e-6


def _constant(promos) -> float:
    """The most the members that take a fixed amount off can take together."""
    return float(sum((_fixed_amount(p.benefit) or ZERO for p in promos), ZERO)) + 1e-6


def _fixed_amount(benefit) -> Decimal | None:
    """The largest amount a benefit can take off a basket, when that is bounded and
    does not grow with the basket (None: it grows)."""
    if isinstance(benefit, m.AmountOff):
        return benefit.amount
    if isinstance(benefit, m.ThresholdOff) and (not benefit.repeat or benefit.max_repeats):
        return benefit.amount * (max(benefit.max_repeats, 1) if benefit.repeat else 1)
    if isinstance(benefit, m.PercentOff) and benefit.max_amount is not None:
        return benefit.max_amount
    if isinstance(benefit, m.Tiered) and all(t.amount is not None for t in benefit.tiers):
        return max(t.amount for t in benefit.tiers)
    return None


def _additive(promos) -> bool:
    """Each unit pays an amount of its own whatever the rest of the basket (per-unit
    prices and uncapped percents), or a single buy-x-get-y: the deepest basket of a cell
    with no upper end is one SKU (the one with the least share paid), so only the cells
    bounded above need their baskets enumerated."""
    if len(promos) == 1:
        return True
    return all(isinstance(p.benefit, (m.FixedPrice, m.GroupPrice, m.FreeShipping))
               or isinstance(p.benefit, m.PercentOff) and p.benefit.max_amount is None
               for p in promos)


def _distinct(items) -> list[Item]:
    """One item per positive market price, cheapest first."""
    seen: dict[Decimal, Item] = {}
    for item in items:
        if item.price > 0 and item.price not in seen:
            seen[item.price] = item
    return [seen[p] for p in sorted(seen)]


def _one_sku_quantities(promos, price: Decimal) -> list[int]:
    out = set(quantities(promos, price))
    for promo in promos:  # a buy-x-get-y is deepest at a multiple of buy + get
        if isinstance(promo.benefit, m.BuyXGetY):
            step = promo.benefit.buy + promo.benefit.get
            out |= {-(-q // step) * step for q in list(out)}
    out.add(max(out) + 1)  # past every literal at once (a cell with no upper end)
    return sorted(q for q in out if 1 <= q <= 10**6)


class _Pricer:
    """Prices candidate baskets exactly in each order; the audiences are decided once per
    (subtotal, unit count), and without per-unit members what a basket pays depends on
    its subtotal alone, so each subtotal is priced once per order."""

    def __init__(self, promos, items, orders, line, types, at, per_unit: bool):
        self.promos, self.items, self.orders = promos, items, orders
        self.line, self.types, self.at = line, types, at
        self.by_subtotal = not per_unit
        self.rounding = len(promos) > 1 and any(
            isinstance(p.benefit, (m.ThresholdOff, m.Tiered)) for p in promos)
        self.coupons = frozenset(p.id for p in promos if p.coupon and p.coupon.required)
        self.facts: dict = {}
        self.by_cart: dict = {}
        self.paid: dict = {}
        self.cart_nodes = [node for p in promos if p.audience is not None
                           for node in walk(p.audience) if isinstance(node, Compare)
                           and any(isinstance(s, Field) and s.name.startswith("cart.")
                                   for s in (node.left, node.right))]
        self.two_fields = any(isinstance(n.left, Field) and isinstance(n.right, Field)
                              for n in self.cart_nodes)
        self.scoped = [[i for i, item in enumerate(items) if p.scope.covers(item.sku, item.category)]
                       for p in promos]

    def price(self, counts, market: Decimal, units: int) -> Probe | None:
        facts = self._facts(counts, market, units)
        if facts is None:
            return None  # no user gets every promotion with this cart
        lines = tuple(CartLine(item.sku, n, item.price, item.category)
                      for item, n in zip(self.items, counts) if n)
        cart = Cart(lines, self.coupons)
        for index, (seq, basis) in enumerate(self.orders):
            memo = (market, index) if self.by_subtotal else None
            pays = self.paid.get(memo) if memo else None
            if pays is None:
                pays = _pays(seq, lines, basis)
                if memo:
                    self.paid[memo] = pays
            if not market - pays > self.line * market:
                if self.rounding and len(lines) == 1:
                    found = self._by_shop(cart, facts, seq, basis, market)
                    if found is not None:
                        return found
                continue
            priced = self.promos
            if facts is UNKNOWN:  # a money rule assumes the audiences can be met
                from dataclasses import replace
                facts, priced = {}, [replace(p, audience=None) for p in self.promos]
            result = apply_in_order(list(seq), cart, facts, True, basis)
            order = tuple(p.id for p in seq) if len(self.promos) > 1 else ()
            return Probe(cart, facts, result, market, tuple(self.promos), tuple(priced),
                         self.at, order=order, basis=basis)
        return None


    def _by_shop(self, cart, facts, seq, basis, market) -> Probe | None:
        """The basket as the shop charges it, when its rounding reaches a stacked
        threshold the exact price misses (basket.rounding_past_line)."""
        if facts is UNKNOWN:
            return None
        result = apply_in_order(list(seq), cart, facts, True, basis)
        exact = Probe(cart, facts, result, market, tuple(self.promos), tuple(self.promos),
                      self.at, order=tuple(p.id for p in seq), basis=basis)
        return rounding_past_line(exact, self.line)

    def _facts(self, counts, market: Decimal, units: int, lines=None):
        """User facts for every audience with this cart (None: none; UNKNOWN). The
        audiences read the cart only through their cart comparisons: carts on which
        those all come out the same get the same answer, decided once."""
        key = (market, units)
        if key not in self.by_cart:
            given = {"cart.subtotal": market, "cart.item_count": units}
            signature = tuple(audience_true(node, given) for node in self.cart_nodes)
            if self.two_fields:
                signature += key
            if signature not in self.facts:
                lines = lines or tuple(CartLine(item.sku, n, item.price, item.category)
                                       for item, n in zip(self.items, counts) if n)
                self.facts[signature] = facts_for_audiences(
                    self.promos, Cart(lines, self.coupons), self.types)
            self.by_cart[key] = self.facts[signature]
        return self.by_cart[key]


    def bounded_cells(self, s_lits, n_lits) -> tuple[Decimal | None, int | None]:
        """(the largest cart.subtotal literal, when the audiences can hold at or below
        it; the largest cart.item_count literal, when they can hold at or below it with a
        subtotal past every literal): the baskets those bounds enclose are the ones to
        enumerate."""
        top_s = max(s_lits, default=None)
        top_n = max(n_lits, default=None)
        s_reps = sorted({ZERO, *s_lits, *((a + b) / 2 for a, b in zip(s_lits, s_lits[1:]))})
        n_reps = list(range(1, (top_n or 0) + 2))
        low_s = low_n = None
        for n in n_reps:
            for value in s_reps:
                if top_s is not None and value <= top_s and self._holds(value, n):
                    low_s = top_s
            if top_n is not None and n <= top_n and self._holds((top_s or ZERO) + 1, n):
                low_n = top_n
        return low_s, low_n

    def _holds(self, subtotal: Decimal, units: int) -> bool:
        lines = (CartLine("-", units - 1, ZERO), CartLine("+", 1, subtotal)) if units > 1 \
            else (CartLine("+", 1, subtotal),)
        return self._facts(None, subtotal, units, lines) is not None


def _pays(seq, lines, basis: str) -> Decimal:
    """What the cart pays, exactly, with the promotions applied in `seq` (the totals of
    evaluator.apply_in_order, without building its result)."""
    totals = [line.unit_price * line.quantity for line in lines]
    for promo in seq:
        idx = [i for i, line in enumerate(lines) if promo.scope.covers(line.sku, line.category)]
        if not idx:
            continue
        scoped = [(totals[i], lines[i].quantity) for i in idx]
        measured = None if basis == "running" else sum(
            (lines[i].unit_price * lines[i].quantity for i in idx), ZERO)
        for i, off in zip(idx, line_discounts(promo.benefit, scoped, {}, None, measured)):
            totals[i] -= min(off, totals[i])
    return sum(totals, ZERO)


def _cart_literals(promos) -> tuple[list[Decimal], list[int], bool]:
    """The cart.subtotal literals, the cart.item_count cut points, and whether every
    audience only asks for more of either (so more units never lose it)."""
    s_lits: set[Decimal] = set()
    n_lits: set[int] = set()
    upward = True
    for promo in promos:
        if promo.audience is None:
            continue
        for node, negated in _polarities(promo.audience, False):
            names = [s.name for s in (node.left, node.right) if isinstance(s, Field)]
            carts = [n for n in names if n in ("cart.subtotal", "cart.item_count")]
            if not carts:
                continue
            values = [s.value for s in (node.left, node.right) if isinstance(s, Literal)
                      and isinstance(s.value, Decimal) and not isinstance(s.value, bool)]
            if len(names) > 1 or not values:
                upward = False  # two cart fields compared: no cut point to take
                continue
            op = node.op if isinstance(node.left, Field) else _flip(node.op)
            asks_more = ("<", "<=") if negated else (">=", ">")
            if op not in asks_more:
                upward = False
            for v in values:
                if carts[0] == "cart.subtotal":
                    s_lits.add(v)
                else:
                    n_lits |= {int(v.to_integral_value(ROUND_FLOOR)),
                               int(v.to_integral_value(ROUND_CEILING))}
    return sorted(s_lits), sorted(n for n in n_lits if n >= 0), upward


def _flip(op: str) -> str:
    return {">": "<", "<": ">", ">=": "<=", "<=": ">="}.get(op, op)


def _polarities(node, negated: bool):
    """(comparison, under an odd number of `not`) for every comparison of an audience."""
    if isinstance(node, Compare):
        yield node, negated
    elif isinstance(node, Not):
        yield from _polarities(node.operand, not negated)
    elif isinstance(node, BoolOp):
        for part in node.items:
            yield from _polarities(part, negated)
    else:
        for sub in walk(node):
            if sub is not node and isinstance(sub, Compare):
                yield sub, negated


def _levels(promos, orders, s_lits, bounds: list) -> list[Decimal]:
    """Every subtotal where what a basket pays or which audience holds can change: the
    audience literals and just past them, and in each order priced, each member's own
    levels (on the list subtotal, or on the running one pulled back to the subtotal
    through what the members before it did: `_Running`)."""
    out = {ZERO}
    for v in s_lits:
        out |= {v, v + Decimal("1e-9")}  # just past v: the least reachable above it
    for seq, basis in orders:
        running = _Running()
        for promo in seq:
            own = _own_levels(promo, bounds)
            listed = basis == "list" and isinstance(promo.benefit, (m.ThresholdOff, m.Tiered))
            out.update(running.split(own, listed))
            out.update(running.split(_amounts_taken(promo), False))  # R below an amount
            running.apply(promo, listed)
    return sorted(out)


def _amounts_taken(promo) -> list[Decimal]:
    """Fixed amounts a member may take: below them it takes the whole running total."""
    b = promo.benefit
    if isinstance(b, m.ThresholdOff):
        times = 1 if not b.repeat else min(b.max_repeats or MAX_REPEATS_TRIED, MAX_REPEATS_TRIED)
        return [b.amount * k for k in range(1, times + 1)]
    if isinstance(b, m.Tiered):
        return [t.amount for t in b.tiers if t.amount is not None]
    if isinstance(b, m.PercentOff) and b.max_amount is not None:
        return [b.max_amount]
    return []


class _Running:
    """The running subtotal R of the scoped lines as a function of the list subtotal S,
    piecewise R = a*S - b (a >= 0), for an order-level stack applied in sequence: each
    member's levels split the pieces where it changes (its threshold, tier, cap or
    amount met), then its effect is applied on each piece. Exact, and linear in the
    members times the pieces (a member adds at most its levels)."""

    def __init__(self):
        self.pieces: list[list] = [[ZERO, ONE, ZERO]]  # [start S, a, b], by start

    def split(self, levels, listed: bool) -> list[Decimal]:
        """Cut the pieces where R (or, `listed`, S) reaches each level and where R
        reaches 0; the subtotals of the cuts."""
        cuts = set()
        for level in levels:
            if listed:
                cuts.add(level)
                continue
            for i, (start, a, b) in enumerate(self.pieces):
                if a > 0:
                    at = (level + b) / a
                    if start <= at < self._end(i):
                        cuts.add(at)
        for i, (start, a, b) in enumerate(self.pieces):
            if a > 0 and b > 0 and start <= b / a < self._end(i):
                cuts.add(b / a)  # R reaches 0 here
        for at in sorted(cuts):
            self._cut(at)
        return [c for c in cuts if c > 0]

    def _end(self, i: int):
        return self.pieces[i + 1][0] if i + 1 < len(self.pieces) else Decimal("Infinity")

    def _cut(self, at: Decimal) -> None:
        starts = [p[0] for p in self.pieces]
        i = bisect_left(starts, at)
        if i < len(starts) and starts[i] == at:
            return
        if i == 0:
            return
        self.pieces.insert(i, [at, self.pieces[i - 1][1], self.pieces[i - 1][2]])

    def apply(self, promo, listed: bool) -> None:
        """Apply the member's effect on each piece, judged at a point inside it."""
        b = promo.benefit
        for i, piece in enumerate(self.pieces):
            start, a, off = piece
            end = self.pieces[i + 1][0] if i + 1 < len(self.pieces) else start * 2 + 2
            s = (start + end) / 2
            r = a * s - off
            if r <= 0:
                piece[1], piece[2] = ZERO, ZERO
                continue
            measured = s if listed else r
            factor, amount = ONE, ZERO
            if isinstance(b, m.PercentOff):
                if b.max_amount is not None and r * b.percent / 100 > b.max_amount:
                    amount = b.max_amount
                else:
                    factor = 1 - b.percent / 100
            elif isinstance(b, (m.AmountOff, m.ThresholdOff, m.Tiered)):
                if isinstance(b, m.Tiered):
                    tier = tier_reached(b, measured)
                    if tier is not None and tier.amount is None:
                        factor = 1 - tier.percent / 100
                    elif tier is not None:
                        amount = tier.amount
                else:
                    amount = order_discount(b, measured)
            if amount >= r:
                piece[1], piece[2] = ZERO, ZERO  # nothing left to pay on this piece
            else:
                piece[1], piece[2] = a * factor, off * factor + amount


def _own_levels(promo, bounds: list) -> list[Decimal]:
    b = promo.benefit
    if isinstance(b, m.ThresholdOff):
        times = 1
        if b.repeat:
            times = MAX_REPEATS_TRIED if b.max_repeats is None else max(b.max_repeats, 1)
            if times > MAX_REPEATS_TRIED:
                times = MAX_REPEATS_TRIED
                bounds.append("repeats")
            elif b.max_repeats is None:
                bounds.append("repeats")
        return [b.threshold * k for k in range(1, times + 1)]
    if isinstance(b, m.Tiered):
        return [t.threshold for t in b.tiers]
    if isinstance(b, m.PercentOff) and b.max_amount is not None and b.percent > 0:
        return [b.max_amount * 100 / b.percent]
    if isinstance(b, m.AmountOff):
        return [b.amount]
    if isinstance(b, m.FreeShipping) and b.min_subtotal is not None:
        return [b.min_subtotal]
    return []


def _cells(n_lits: list[int], bounds: list) -> list[tuple[int, int | None]]:
    """Unit-count cells where every cart.item_count condition is constant: each count up
    to one past the largest literal, then every count beyond (None: no upper end)."""
    if not n_lits:
        return [(1, None)]
    top = max(n_lits) + 1
    if top > MAX_CELLS:
        bounds.append("unit counts")
        top = MAX_CELLS
    return [(n, n) for n in range(1, top + 1)] + [(top + 1, None)]


class _Space:
    """Baskets as unit counts per item; subtotals in integer steps (the prices' gcd).
    `gains`: per item, the most one unit can take off beyond the line (in money, as a
    float with a margin: a bound only prunes)."""

    def __init__(self, items: list[Item], bounds: list, gains: list[float], constant: float):
        self.items, self.bounds, self.gains, self.constant = items, bounds, gains, constant
        scale = 10 ** max(max(-i.price.as_tuple().exponent, 0) for i in items)
        units = [int(i.price * scale) for i in items]
        step = 0
        for u in units:
            step = gcd(step, u)
        self.scale, self.step = scale, step
        self.coins = [u // step for u in units]
        self.tables: dict = {}
        self.exact: dict[int, list] = {}
        self.zero = sum((i.price * 0 for i in items), ZERO)

    def total(self, counts) -> Decimal:
        return sum((i.price * n for i, n in zip(self.items, counts)), ZERO)

    def sparse_total(self, pairs) -> Decimal:
        """total() of a sparse basket; `zero` keeps the exponent the sum over every item
        had (0 times a price keeps its exponent), so witnesses print as before."""
        return sum((self.items[i].price * n for i, n in pairs), self.zero)

    def dense(self, pairs) -> tuple:
        counts = [0] * len(self.items)
        for i, n in pairs:
            counts[i] = n
        return tuple(counts)

    def need(self, level: Decimal) -> int:
        return max(int((level * self.scale / self.step).to_integral_value(ROUND_CEILING)), 0)

    def least(self, level: Decimal, cell) -> tuple | None:
        """Counts of the basket with the least subtotal >= level and a unit count in
        `cell` (low, high or None)."""
        low, high = cell
        if high is None:
            return self._least_open(self.need(level), low)
        return self._least_exact(self.need(level), low)

    def _least_open(self, need: int, low: int) -> tuple | None:
        table = self._table(low)
        if table is None:
            return None
        dist, parent, smallest = table
        best = None
        for (r, units), d in dist.items():
            if units != low:
                continue
            total = d if d >= need else d + -(-(need - d) // smallest) * smallest
            if best is None or total < best[0]:
                best = (total, (r, units), d)
        if best is None:
            return None
        total, state, d = best
        counts = [0] * len(self.coins)
        while parent.get(state) is not None:
            state, index = parent[state]
            counts[index] += 1
        counts[0] += (total - d) // smallest  # coins[0] is the smallest (items sorted)
        return tuple(counts)

    def _table(self, low: int):
        """Least sum per (residue mod the smallest coin, units capped at `low`)."""
        if low in self.tables:
            return self.tables[low]
        smallest = self.coins[0]
        if smallest * (low + 1) * len(self.coins) > MAX_WORK:
            self.bounds.append("subtotals")
            self.tables[low] = None
            return None
        dist = {(0, 0): 0}
        parent: dict = {(0, 0): None}
        heap = [(0, 0, 0)]
        while heap:
            d, r, u = heapq.heappop(heap)
            if dist.get((r, u)) != d:
                continue
            for index, coin in enumerate(self.coins):
                state = ((d + coin) % smallest, min(u + 1, low))
                if state not in dist or d + coin < dist[state]:
                    dist[state], parent[state] = d + coin, ((r, u), index)
                    heapq.heappush(heap, (d + coin, *state))
        self.tables[low] = (dist, parent, smallest)
        return self.tables[low]

    def _least_exact(self, need: int, n: int) -> tuple | None:
        sums = self._sums(n)
        if not sums:
            return None
        keys = [s for s, _ in sums]
        at = bisect_left(keys, need)
        return sums[at][1] if at < len(sums) else None

    def _sums(self, n: int) -> list:
        """(subtotal, counts) of every basket of exactly n units, by subtotal (bounded)."""
        if n in self.exact:
            return self.exact[n]
        level = {0: (0,) * len(self.coins)}
        for _ in range(n):
            nxt: dict = {}
            for s, counts in level.items():
                for index, coin in enumerate(self.coins):
                    if s + coin not in nxt:
                        c = list(counts)
                        c[index] += 1
                        nxt[s + coin] = tuple(c)
            level = nxt
            if len(level) > MAX_BASKETS * 10:
                self.bounds.append("unit counts")
                level = {}
                break
        self.exact[n] = sorted(level.items())
        return self.exact[n]

    def enumerate(self, top: Decimal | None, units: int | None, out: dict) -> None:
        """Every basket with a subtotal up to `top` and at most `units` units (None: no
        bound on that; one of them is given) that could be past the line: a branch whose
        units' largest possible gains (`gains`, engine.bounds' shares less the line)
        cannot add up above 0 is not walked (branch and bound)."""
        limit = float("inf") if top is None else \
            int((top * self.scale / self.step).to_integral_value(ROUND_FLOOR))
        k = len(self.coins)
        walk = sorted(range(k), key=lambda i: -self.gains[i] / self.coins[i])
        coins = [self.coins[i] for i in walk]
        gains = [self.gains[i] for i in walk]
        per_coin = [max(0.0, max((g / c for g, c in zip(gains[j:], coins[j:])), default=0.0))
                    for j in range(k)] + [0.0]
        per_unit = [max([0.0, *gains[j:]]) for j in range(k)] + [0.0]
        counts = [0] * k
        budget = [MAX_BASKETS, MAX_BASKETS * 20]  # baskets kept, branches walked

        def hope(j: int, total, used: int) -> float:
            room = []
            if limit != float("inf"):
                room.append((limit - total) * per_coin[j])
            if units is not None:
                room.append((units - used) * per_unit[j])
            return min(room)

        def walk_from(j: int, total: int, used: int, gain: float) -> bool:
            budget[1] -= 1
            if budget[1] < 0:
                return False
            if j == k:
                if used and gain > 1e-9:
                    budget[0] -= 1
                    if budget[0] < 0:
                        return False
                    row = [0] * k
                    for pos, index in enumerate(walk):
                        row[index] = counts[pos]
                    out[tuple(row)] = None
                return True
            if gain + hope(j, total, used) <= 1e-9:
                return True  # nothing below this branch can be past the line
            n = 0
            while total + n * coins[j] <= limit and (units is None or used + n <= units):
                counts[j] = n
                if not walk_from(j + 1, total + n * coins[j], used + n, gain + n * gains[j]):
                    counts[j] = 0
                    return False
                n += 1
            counts[j] = 0
            return True

        if not walk_from(0, 0, 0, self.constant):
            self.bounds.append("baskets")


_NEGATED = {"<": ">=", ">=": "<", "<=": ">", ">": "<=", "==": "!=", "!=": "=="}


def padded(audience):
    """The audience as a basket of scoped SKUs meets it when the customer may add items
    outside the scope: cart.subtotal and cart.item_count count the whole cart, so a
    bound from below costs nothing to meet and `==` asks for at most that much.
    None when the audience has no such condition to relax."""
    if audience is None:
        return None
    out = _relaxed(audience, False)
    return None if out == audience else out


def _relaxed(node, negated: bool):
    if isinstance(node, Not):
        return Not(_relaxed(node.operand, not negated), node.span)
    if isinstance(node, BoolOp):
        return BoolOp(node.op, tuple(_relaxed(p, negated) for p in node.items), node.span)
    if not isinstance(node, Compare) or not _cart_bound(node):
        return node
    op = node.op if isinstance(node.left, Field) else _flip(node.op)
    meant = _NEGATED[op] if negated else op  # the condition as the cart must meet it
    if meant in (">=", ">", "!="):
        return Literal(not negated, node.span)  # met by adding other items
    if meant == "==":
        meant = "<="
    op = _NEGATED[meant] if negated else meant
    field, value = (node.left, node.right) if isinstance(node.left, Field) else (node.right, node.left)
    return Compare(op, field, value, node.span)


def _cart_bound(node: Compare) -> bool:
    """`cart.subtotal` or `cart.item_count` compared with a number."""
    sides = (node.left, node.right)
    fields = [s for s in sides if isinstance(s, Field)]
    numbers = [s for s in sides if isinstance(s, Literal) and isinstance(s.value, Decimal)
               and not isinstance(s.value, bool)]
    return (len(fields) == 1 and len(numbers) == 1 and node.op in _NEGATED
            and fields[0].name in ("cart.subtotal", "cart.item_count"))
