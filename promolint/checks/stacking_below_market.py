"""stacking-below-market: stacking promotions that overlap in time and scope together push
a SKU past the below-market line, while none of them alone does (below-market covers that).

Near-linear: promotions are grouped by what they reach (each priced SKU; without prices,
each listed SKU, category, or the whole order), and each group is swept in window-start
order keeping the promotions still running. When one starts, it is combined with the
running promotions it is compatible with (the evaluator's stacking rule), and that set is
priced in its cheapest basket at that moment (the start of the overlap). Each set of
promotions is reported once, at the promotion whose start opens the overlap.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
from decimal import Decimal

from promolint import model as m
from promolint.checks.below_market import percent, unpriced_trials
from promolint.diagnostics import make, money
from promolint.engine.basket import first_past_line
from promolint.engine.bounds import max_share
from promolint.engine.evaluator import candidates, ordered
from promolint.engine.skus import ANY_SKU, scoped_prices
from promolint.engine.witness import from_probe

RULES = ("stacking-below-market",)


def check_all(promos, ctx):
    stackers = [p for p in promos if p.stacking.mode != "exclusive" and p.gives_money
                and p.window.start < p.window.end]
    reported: set[frozenset] = set()
    memo: dict = {}  # items of one category share members: stacks and shares repeat
    for item, members in groups(stackers, ctx.prices).items():
        yield from _sweep(item, members, ctx, reported, memo)


def groups(promos, prices) -> dict[tuple, list[m.Promotion]]:
    """(sku, category, unit prices to try) -> promotions reaching it."""
    out: dict[tuple, list] = defaultdict(list)
    everywhere = []
    for promo in promos:
        priced = scoped_prices(promo, prices)
        for price in priced:
            out[(price.sku, price.category, (price.market_price,))].append(promo)
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


def _sweep(item: tuple, members: list, ctx, reported: set, memo: dict):
    sku, category, prices = item
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    if prices and all(_shares(members, u, memo) <= line for u in prices):
        return  # stacked discounts add up to at most the sum of each one's largest share
    alone = {}
    running: list[m.Promotion] = []
    for promo in sorted(members, key=lambda p: (p.window.start, p.id)):
        running = [p for p in running if p.window.end > promo.window.start] + [promo]
        group = _stack_with(promo, running, memo)
        if len(group) < 2:
            continue
        trials = prices or _trials(group)
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
    for p in group:
        key = ("share", id(p), unit_price)
        if key not in memo:
            memo[key] = max_share(p.benefit, unit_price)
        total += memo[key]
    return total


def _trials(group) -> list[Decimal]:
    return sorted({Decimal(100)} | {t for p in group for t in unpriced_trials(p.benefit)})


def _finding(promo: m.Promotion, group: list, found, line: Decimal):
    item = found.cart.lines[0]
    unit = found.unit_pays
    below = (item.unit_price - unit) / item.unit_price * 100
    others = ", ".join(sorted(p.id for p in group if p is not promo))
    return make(promo.path, promo.source.span(("stacking",)), "stacking-below-market",
                witness=from_probe(found), promotion=promo.id, others=others, sku=item.sku,
                market=money(item.unit_price), pays=money(unit.quantize(Decimal("0.01"))),
                quantity=item.quantity, percent=percent(below), limit=percent(line * 100),
                currency=promo.currency, at=promo.window.start.isoformat())
