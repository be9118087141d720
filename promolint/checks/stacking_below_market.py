"""stacking-below-market: stacking promotions that overlap in time and scope together push
a SKU past the below-market line, while none of them alone does (below-market covers that).

Near-linear: promotions are grouped by what they reach (each priced SKU; without prices,
each listed SKU, category, or the whole order), and each group is swept in window-start
order keeping the promotions still running. When one starts, it is combined with the
running promotions it is compatible with (the evaluator's stacking rule), and that set is
priced in its cheapest basket at that moment (the start of the overlap). Each set of
promotions is reported once, at the promotion whose start opens the overlap.

The sweep (which sets stack when) depends only on the members, not on the SKU or its
price, so SKUs reached by exactly the same promotions share one sweep (a `_Plan`); only
the pricing is done per SKU.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
from decimal import Decimal

from promolint.checks.below_market import percent, unpriced_trials
from promolint.core.diagnostics import make, money
from promolint.engine.basket import first_past_line
from promolint.engine.bounds import max_share
from promolint.engine.evaluator import candidates, ordered
from promolint.engine.skus import ANY_SKU, scoped_prices
from promolint.model import promotion as m

RULES = ("stacking-below-market",)
NEEDS = ("id", "benefit", "scope", "currency", "window", "stacking", "priority")

# Benefits whose max_share (engine.bounds) does not depend on a positive unit price;
# tests/checks/test_stacking_fast.py checks this against max_share.
PRICE_FREE = (m.PercentOff, m.ThresholdOff, m.Tiered, m.BuyXGetY, m.FreeShipping)


def check_all(promos, ctx):
    stackers = [p for p in promos if p.stacking.mode != "exclusive" and p.gives_money
                and p.window.start < p.window.end]
    if not stackers:
        return
    clock = _Clock(stackers)
    reported: set[frozenset] = set()
    memo: dict = {}  # items of one category share members: stacks and shares repeat
    plans: dict[tuple, _Plan] = {}
    for item, members in groups(stackers, ctx.prices).items():
        key = tuple(map(id, members))
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = _Plan(members, clock, memo, ctx.settings.max_below_market)
        yield from _sweep(item, plan, ctx, reported, memo)


def groups(promos, prices) -> dict[tuple, list[m.Promotion]]:
    """(sku, category, unit prices to try) -> promotions reaching it."""
    out: dict[tuple, list] = defaultdict(list)
    everywhere = []
    item_keys: dict[int, tuple] = {}  # one key per price-list entry, not per (promotion, SKU)
    for promo in promos:
        priced = scoped_prices(promo, prices)
        for price in priced:
            held = item_keys.get(id(price))
            if held is None or held[0] is not price:
                held = item_keys[id(price)] = (price, (price.sku, price.category, (price.market_price,)))
            out[held[1]].append(promo)
        if priced:
            continue
        if promo.scope.whole_order:
            everywhere.append(promo)
        keys = [(s, None) for s in promo.scope.skus] + [(ANY_SKU, c) for c in promo.scope.categories]
        for key in keys or [(ANY_SKU, None)]:
            out[key + ((),)].append(promo)
    for key, members in out.items():
        if not key[2]:
            members.extend(p for p in everywhere if p not in members)
    return out


class _Clock:
    """Integer stand-ins for window times and the (start, id) sweep order: comparing
    aware datetimes (and tuples of them) was most of the sweep's time. Ranks of the
    sorted distinct values, so comparisons and ties are exactly the datetimes'."""

    def __init__(self, promos: list[m.Promotion]):
        times = sorted({t for p in promos for t in (p.window.start, p.window.end)})
        at = {t: i for i, t in enumerate(times)}
        keys = {k: i for i, k in enumerate(sorted({(p.window.start, p.id) for p in promos}))}
        self.start = {id(p): at[p.window.start] for p in promos}
        self.end = {id(p): at[p.window.end] for p in promos}
        self.order = {id(p): keys[(p.window.start, p.id)] for p in promos}


class _Plan:
    """One sweep over a list of members: (promotion, the set it stacks with) at each
    start where at least two stack, and the subset of those steps that some positive
    price could push past `line` (a set of price-free benefits is priced once)."""

    def __init__(self, members: list, clock: _Clock, memo: dict, line: Decimal):
        self.members = members
        self.steps: list[tuple[m.Promotion, list]] = []
        running: list[m.Promotion] = []
        start, end, order = clock.start, clock.end, clock.order
        for promo in sorted(members, key=lambda p: order[id(p)]):
            now = start[id(promo)]
            running = [p for p in running if end[id(p)] > now] + [promo]
            group = _stack_with(promo, running, memo)
            if len(group) >= 2:
                self.steps.append((promo, group))
        self.priced_steps = [(promo, group) for promo, group in self.steps
                             if not _never_past(group, line, memo)]


def _never_past(group: list, line: Decimal, memo: dict) -> bool:
    """True when every member's share is price-free and they add up to at most `line`:
    then no positive price can take this stack past the line."""
    key = ("free", id(group))  # stacks live in memo for the whole check: ids are stable
    if key not in memo:
        free = all(isinstance(p.benefit, PRICE_FREE) for p in group)
        memo[key] = free and _shares(group, Decimal(100), memo) <= line
    return memo[key]


def _sweep(item: tuple, plan: _Plan, ctx, reported: set, memo: dict):
    sku, category, prices = item
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    if prices and all(_shares(plan.members, u, memo) <= line for u in prices):
        return  # stacked discounts add up to at most the sum of each one's largest share
    positive = prices and all(u > 0 for u in prices)
    alone = {}
    for promo, group in plan.priced_steps if positive else plan.steps:
        trials = prices or _trials(group, memo)
        if all(_shares(group, t, memo) <= line for t in trials):
            continue  # no subset of this stack can pass the line: nothing to probe
        for p in group:
            if p.id not in alone:
                alone[p.id] = any(first_past_line([p], sku, t, category, line, types) for t in trials)
        group = [p for p in group if not alone[p.id]]
        key = frozenset(p.id for p in group)
        if len(group) < 2 or key in reported or not any(p is promo for p in group):
            continue
        for unit_price in trials:
            found = first_past_line(group, sku, unit_price, category, line, types)
            if found is not None:
                reported.add(key)
                yield _finding(promo, group, found, line)
                break


def _stack_with(promo: m.Promotion, running: list, memo: dict) -> list[m.Promotion]:
    """The largest set the evaluator would stack with `promo` among the running ones."""
    key = array("q", [id(promo), *map(id, running)]).tobytes()  # compact: many keys
    if key not in memo:
        sets = [group for _, group in candidates(ordered(running))
                if any(p is promo for p in group)]
        memo[key] = max(sets, key=len, default=[promo])
    return memo[key]


def _shares(group: list, unit_price: Decimal, memo: dict) -> Decimal:
    """The sum of each member's largest share at `unit_price` (stacked discounts apply
    to running totals, so together they take at most this much)."""
    total = Decimal(0)
    free = unit_price > 0
    for p in group:
        key = id(p) if free and isinstance(p.benefit, PRICE_FREE) else (id(p), unit_price)
        share = memo.get(key)
        if share is None:
            share = memo[key] = max_share(p.benefit, unit_price)
        total += share
    return total


def _trials(group, memo: dict) -> list[Decimal]:
    key = ("trials", id(group))
    if key not in memo:
        memo[key] = sorted({Decimal(100)} | {t for p in group for t in unpriced_trials(p.benefit)})
    return memo[key]


def _finding(promo: m.Promotion, group: list, found, line: Decimal):
    from promolint.engine.witness import from_probe
    item = found.cart.lines[0]
    unit = found.unit_pays
    below = (item.unit_price - unit) / item.unit_price * 100
    others = ", ".join(sorted(p.id for p in group if p is not promo))
    return make(promo.path, promo.source.span(("stacking",)), "stacking-below-market",
                witness=from_probe(found), promotion=promo.id, others=others, sku=item.sku,
                market=money(item.unit_price), pays=money(unit.quantize(Decimal("0.01"))),
                quantity=item.quantity, percent=percent(below, line * 100), limit=percent(line * 100),
                currency=promo.currency, at=promo.window.start.isoformat())
