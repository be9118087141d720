"""stacking-below-market: stacking promotions that overlap in time and scope together push
a SKU past the below-market line, while none of them alone does (below-market covers that).

Near-linear: promotions are grouped by what they reach (each priced SKU; without prices,
each listed SKU, category, or the whole order), and each group is swept in window-start
order keeping the promotions still running. When one starts, it is combined with the
running promotions it is compatible with (the evaluator's stacking rule). Every set of
them that can apply together counts, not only the largest: a set of pairwise compatible
promotions (asymmetric `with:` lists make several), each of its subsets (audiences that
conflict as a triple may not as a pair; a later threshold may not be reached once an
earlier discount applied). They are priced largest first in their cheapest basket at
that moment (the start of the overlap), skipping any whose shares cannot add up past
the line or that lies inside a set already reported; the first (largest) past the line
is the step's finding. At most
MAX_STACKS sets are priced per step: past that, when the rest could still pass the line,
the finding says the stacks could not all be checked (fail closed).

In context mode (ctx.focus: pre-commit, the editor) only stacks holding a promotion of
a named file are priced, so a stack with one is reported even at a step where the full
run reports a larger stack without it (the full run's one finding per step).

The sweep (which sets stack when) depends only on the members, not on the SKU or its
price, so SKUs reached by exactly the same promotions share one sweep (a `_Plan`); only
the pricing is done per SKU.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from promolint.checks._shown import percent
from promolint.checks.below_market import unpriced_trials
from promolint.core.diagnostics import make, money
from promolint.engine.basket import first_past_line
from promolint.engine.bounds import max_share
from promolint.engine.search import Item, Outcome, deepest
from promolint.engine.evaluator import compatible, ordered
from promolint.engine.skus import ANY_SKU, scoped_prices
from promolint.expr.analysis import NO, decide
from promolint.expr.syntax import BoolOp
from promolint.expr.vocabulary import assumed_types
from promolint.model import promotion as m

RULES = ("stacking-below-market",)
MAX_STACKS = 16  # sets priced per step; past it the rest is reported as unchecked
NEEDS = ("id", "benefit", "scope", "currency", "window", "stacking", "priority")

# Benefits whose max_share (engine.bounds) does not depend on a positive unit price;
# tests/checks/test_stacking_fast.py checks this against max_share.
PRICE_FREE = (m.PercentOff, m.ThresholdOff, m.Tiered, m.BuyXGetY, m.FreeShipping)


def check_all(promos, ctx):
    stackers = [p for p in promos if p.stacking.mode != "exclusive" and p.gives_money
                and p.window.start < p.window.end]
    if not stackers:
        return
    # context mode: the ids of the named files' promotions (findings are kept by the
    # witness's ids, so a stack with another promotion of such an id counts too)
    focus = None if ctx.focus is None else {p.id for p in promos if ctx.in_focus(p)}
    if focus is not None and not any(p.id in focus for p in stackers):
        return
    clock = _Clock(stackers)
    reported: set[frozenset] = set()
    memo: dict = {"focus": focus}  # items of one category share members: stacks repeat
    plans: dict[tuple, _Plan] = {}
    for item, members in groups(stackers, ctx.prices).items():
        if focus is not None and not any(p.id in focus for p in members):
            continue  # context mode: no stack here can involve a named file
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
    """One sweep over a list of members, in window-start order: at each start, the
    promotion and the running ones it stacks with (its pool, in the evaluator's order).
    Pools are built when a step needs one (a step whose promotion grows a set already
    past the line needs none) and kept only when small: n pools of up to n members
    were n^2 memory (9,000 stackable blocks: 400 MB)."""

    KEEP = 64  # pools up to this size are kept for the other SKUs of the plan

    def __init__(self, members: list, clock: _Clock, memo: dict, line: Decimal):
        self.members, self.clock, self.memo, self.line = members, clock, memo, line
        self.order = sorted(members, key=lambda p: clock.order[id(p)])
        self.ids = {id(p) for p in members}
        self.kept: dict[int, list] = {}
        # the steps with a pool of two or more, found once for every SKU of the plan
        # (a plan of many members finds them as its sweep goes, keeping none large)
        self.steps = None
        if len(members) <= self.EAGER:  # the running list kept as the sweep goes
            self.steps, running = [], []
            start, end = clock.start, clock.end
            for i, promo in enumerate(self.order):
                now = start[id(promo)]
                running = [p for p in running if end[id(p)] > now]
                self.kept[i] = self._group(promo, running)
                running.append(promo)
                if len(self.kept[i]) >= 2:
                    self.steps.append(i)

    EAGER = 512  # plans up to this many members list their steps up front

    def pool(self, i: int) -> list:
        """The step's pool: promotion i and the running ones compatible with it."""
        found = self.kept.get(i)
        if found is not None:
            return found
        start, end = self.clock.start, self.clock.end
        promo = self.order[i]
        now = start[id(promo)]
        group = self._group(promo, [p for p in self.order[:i] if end[id(p)] > now])
        if len(group) <= self.KEEP:
            self.kept[i] = group
        return group

    @staticmethod
    def _group(promo, running: list) -> list:
        if promo.stacking.mode == "stackable":
            group = [p for p in running if p.stacking.mode == "stackable"
                     or promo.id in p.stacking.with_ids]
        else:
            group = [p for p in running if compatible(p, promo)]
        return ordered(group + [promo])

    def never_past(self, i: int, pool: list) -> bool:
        """True when every member's share is price-free and they add up to at most the
        line: then no positive price can take this step's stack past it."""
        key = ("free", id(self), i)
        if key not in self.memo:
            free = all(isinstance(p.benefit, PRICE_FREE) for p in pool)
            self.memo[key] = free and _shares(pool, Decimal(100), self.memo) <= self.line
        return self.memo[key]


def _sweep(item: tuple, plan: _Plan, ctx, reported: set, memo: dict):
    sku, category, prices = item
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    near = {} if prices else None  # this SKU's price-dependent shares: freed after it
    if prices and all(_shares(plan.members, u, memo, near) <= line for u in prices):
        return  # stacked discounts add up to at most the sum of each one's largest share
    positive = prices and all(u > 0 for u in prices)
    alone = {}
    focus = memo.get("focus")
    any_order = getattr(ctx.settings, "stack_order", "any") == "any"
    for i in range(1, len(plan.order)) if plan.steps is None else plan.steps:
        promo = plan.order[i]
        if any_order and memo.get("grown"):  # a set past the line earlier, grown by it
            grown = _grown(promo, plan, i, ctx, reported, memo)
            if grown is not None:
                group, found = grown
                reported.add(frozenset(p.id for p in group))
                yield _finding(promo, group, found, line)
                continue
        pool = plan.pool(i)
        if len(pool) < 2 or positive and plan.never_past(i, pool):
            continue
        if focus is not None and not any(p.id in focus for p in pool):
            continue
        trials = prices or _trials(pool, memo)
        if all(_shares(pool, t, memo, near) <= line for t in trials):
            continue  # no subset of this stack can pass the line: nothing to probe
        for p in pool:
            if p.id not in alone:  # below-market's own probes: it reports that one alone
                own = prices or unpriced_trials(p.benefit)  # (a pool's stand-in prices
                # differ per step: the first step's decided it, so pre-commit, which
                # skips steps, dropped a partner the full run kept)
                alone[p.id] = any(first_past_line([p], sku, t, category, line, types) for t in own)
        pool = [p for p in pool if not alone[p.id]]
        if len(pool) < 2 or not any(p is promo for p in pool):
            continue
        yield from _price_stacks(promo, pool, (sku, category, trials), ctx, reported, memo,
                                 near)


def _price_stacks(promo, pool: list, item: tuple, ctx, reported: set, memo: dict,
                  near: dict | None = None):
    """Price every set containing `promo` that can apply together, largest first
    (`near`: the SKU's own memo of price-dependent shares, see _shares)."""
    sku, category, trials = item
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    focus = memo.get("focus")
    any_order = getattr(ctx.settings, "stack_order", "any") == "any"
    stacks, complete = stacks_with(promo, pool, memo)
    # in any order, a set prices no lower than one holding it (the extra promotions
    # applied last only take more off); with no audience or coupon every set qualifies
    # on the same baskets, so when the one set of the whole pool is not past the line,
    # none of its subsets is
    monotone = any_order and stacks and len(stacks[0]) == len(pool) and not any(
        p.audience is not None or (p.coupon and p.coupon.required) for p in pool)
    priced = 0
    for group in stacks:
        if focus is not None and not any(p.id in focus for p in group):
            continue  # context mode: its finding would not be kept
        key = frozenset(p.id for p in group)
        if any(key <= r for r in reported):
            continue  # inside a set reported already: the same cause
        if all(_shares(group, t, memo, near) <= line for t in trials):
            continue
        if not _audiences_meet(group, types, memo):
            continue  # no user gets all of them: not a stack anyone sees
        priced += 1
        if priced > MAX_STACKS:
            complete = False
            break
        outcome = _deepest(group, item, ctx, memo)
        if outcome.found is not None:
            reported.add(key)
            if any_order:  # a later step grows it instead of searching again
                memo.setdefault("grown", []).append((group, outcome.found))
            yield _finding(promo, group, outcome.found, line)
            return  # one finding a step: the largest set past the line
        if outcome.bounded:
            bounded = memo.setdefault("bounded", set())
            if key not in bounded and not any(key <= r for r in reported):
                bounded.add(key)
                yield _bounded(promo, group, sku, line)
        elif monotone and len(group) == len(pool):
            return  # no subset of the whole pool can be past the line (see above)
    if not complete:
        key = frozenset(p.id for p in pool)
        unchecked = memo.setdefault("unchecked", set())
        if not any(r <= key for r in reported) and not any(u <= key for u in unchecked):
            unchecked.add(key)
            yield _unchecked(promo, pool, sku, line)


def _grown(promo, plan: _Plan, i: int, ctx, reported: set, memo: dict, tries: int = 4):
    """A set found past the line at an earlier step, still running and stackable with
    `promo`, plus `promo` applied last on the same cart: past the line too (in any
    order, one more discount only takes more), so it is priced once, not searched
    again (that search per step made n stackable promotions on one SKU cubic). None:
    no such set, or the audiences or the cart do not allow it (the step is searched)."""
    from promolint.engine.basket import UNKNOWN, Probe, facts_for_audiences
    from promolint.engine.evaluator import apply_in_order
    found_sets = memo.get("grown")
    if not found_sets:
        return None
    focus = memo.get("focus")
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    now, end, rank = plan.clock.start[id(promo)], plan.clock.end, plan.clock.order
    for group, found in reversed(found_sets[-tries:]):
        if any(p is promo for p in group) or not all(
                id(p) in plan.ids and rank[id(p)] < rank[id(promo)] and end[id(p)] > now
                and compatible(p, promo) for p in group):
            continue  # not all running here and stackable with it
        members = [*group, promo]
        key = frozenset(p.id for p in members)
        if key in reported or (focus is not None and not any(p.id in focus for p in members)):
            continue
        facts = facts_for_audiences(members, found.cart, types)
        if facts is None:
            continue
        priced = members if facts is not UNKNOWN else [
            replace(p, audience=None) for p in members]
        facts = {} if facts is UNKNOWN else facts
        by_id = {p.id: p for p in priced}
        seq = [by_id[x] for x in (found.order or [p.id for p in ordered(group)])] + [by_id[promo.id]]
        result = apply_in_order(seq, found.cart, facts, True, found.basis)
        market = found.cart.subtotal
        if market - result.total > line * market:
            return members, Probe(found.cart, facts, result, market, tuple(members),
                                  tuple(priced), now_at(members), order=tuple(p.id for p in seq),
                                  basis=found.basis)
    return None


def now_at(members):
    return max(p.window.start for p in members)


def _deepest(group: list, item: tuple, ctx, memo: dict):
    """The stack's deepest basket in any order the config allows (engine.search): over
    every priced SKU all its members reach, or, without prices, one stand-in item at
    each trial price. Memoised per set: it does not depend on the SKU swept."""
    sku, category, trials = item
    priced = isinstance(trials, tuple) and bool(trials)  # the SKU's own price (a tuple);
    # without prices, a list of stand-in prices
    key = ("deepest", frozenset(map(id, group)), None if priced else (sku, category, tuple(trials)))
    if key in memo:
        return memo[key]
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    order = getattr(ctx.settings, "stack_order", "any")
    if priced:
        rows = None
        for p in group:
            mine = {r.sku: r for r in scoped_prices(p, ctx.prices)}
            rows = mine if rows is None else {s: r for s, r in rows.items() if s in mine}
        items = [Item(r.sku, r.market_price, r.category) for r in rows.values()]
        memo[key] = deepest(group, items, line, types, order)
        return memo[key]
    outcome = Outcome(None)
    for unit_price in trials:
        found = deepest(group, [Item(sku, unit_price, category)], line, types, order)
        if found.found is not None:
            outcome = found
            break
        outcome = Outcome(None, outcome.bounded or found.bounded)
    memo[key] = outcome
    return outcome


def stacks_with(promo, pool: list, memo: dict) -> tuple[list[list], bool]:
    """The sets of two or more pairwise compatible promotions of `pool` containing
    `promo` (in the evaluator's order), largest first: the maximal ones, then each with
    one member fewer, and so on; False when there were more than MAX_STACKS * 4 (the
    rest left out). Memoised per pool: plans repeat over SKUs."""
    key = ("stacks", array("q", [id(promo), *map(id, pool)]).tobytes())
    if key in memo:
        return memo[key]
    limit = MAX_STACKS * 4
    others = [p for p in pool if p is not promo]
    order = {id(p): i for i, p in enumerate(pool)}  # sets of ids are walked in this order:
    # in memory-address order, which stack of a size is priced first changed between runs
    if all(p.stacking.mode == "stackable" for p in others):
        level = [frozenset(map(id, others))]  # stackable accepts every stacking one: one set
    else:
        near = {id(a): {id(b) for b in others if b is not a and compatible(a, b)}
                for a in others}
        level = _maximal(others, near, limit, order)
    complete = len(level) <= limit
    seen = set(level)
    found: list[frozenset] = []
    while level and len(found) <= limit:
        found.extend(level)
        smaller: list[frozenset] = []
        for stack in level:
            for member in sorted(stack, key=order.__getitem__):
                less = stack - {member}
                if less and less not in seen:
                    seen.add(less)
                    smaller.append(less)
                if len(found) + len(smaller) > limit:
                    break
            if len(found) + len(smaller) > limit:
                complete = False
                break
        level = smaller
    complete = complete and len(found) <= limit
    by_id = {id(p): p for p in pool}
    stacks = [sorted([promo, *(by_id[i] for i in ids)], key=lambda p: order[id(p)])
              for ids in found[:limit]]
    memo[key] = (stacks, complete)
    return memo[key]


def _maximal(others: list, near: dict, limit: int, order: dict) -> list[frozenset]:
    """The maximal sets of pairwise compatible `others` (Bron-Kerbosch with a pivot),
    as sets of ids, in a fixed order (`order`: id -> rank); at most limit + 1 of them."""
    out: list[frozenset] = []

    def expand(chosen: frozenset, candidates: set, excluded: set) -> None:
        if len(out) > limit:
            return
        if not candidates and not excluded:
            if chosen:
                out.append(chosen)
            return
        pivot = max(candidates | excluded, key=lambda i: (len(near[i] & candidates), -order[i]))
        for i in sorted(candidates - near[pivot], key=order.__getitem__):
            expand(chosen | {i}, candidates & near[i], excluded & near[i])
            candidates = candidates - {i}
            excluded = excluded | {i}

    expand(frozenset(), {id(p) for p in others}, set())
    return out


def _audiences_meet(group: list, types: dict, memo: dict) -> bool:
    """False when no facts satisfy every audience of `group` (cart facts left free, so
    "no" is a proof): a pair that conflicts first, memoised per pair, then the set."""
    with_audience = [p for p in group if p.audience is not None]
    for i, a in enumerate(with_audience):
        for b in with_audience[i + 1:]:
            if not _meet((a, b), types, memo):
                return False
    return len(with_audience) < 3 or _meet(tuple(with_audience), types, memo)


def _meet(promos: tuple, types: dict, memo: dict) -> bool:
    key = ("meet", tuple(map(id, promos)))
    if key not in memo:
        expr = BoolOp("and", tuple(p.audience for p in promos))
        memo[key] = decide(expr, assumed_types(expr, types))[0] != NO
    return memo[key]


def _shares(group: list, unit_price: Decimal, memo: dict, near: dict | None = None) -> Decimal:
    """The sum of each member's largest share at `unit_price` (stacked discounts apply
    to running totals, so together they take at most this much). Price-free shares are
    kept in `memo`, the others in `near` when given (one SKU's: a price list's worth of
    (promotion, price) keys kept for the whole check grew with the price list)."""
    total = Decimal(0)
    free = unit_price > 0
    for p in group:
        if free and isinstance(p.benefit, PRICE_FREE):
            key, table = id(p), memo
        else:
            key, table = (id(p), unit_price), memo if near is None else near
        share = table.get(key)
        if share is None:
            share = table[key] = max_share(p.benefit, unit_price)
        total += share
    return total


def _trials(group, memo: dict) -> list[Decimal]:
    key = ("trials", tuple(map(id, group)))
    if key not in memo:
        memo[key] = sorted({Decimal(100)} | {t for p in group for t in unpriced_trials(p.benefit)})
    return memo[key]


def _finding(promo: m.Promotion, group: list, found, line: Decimal):
    """The finding: judged on the exact price (the percentage), saying the unit price the
    witness pays as the shop charges it (docs/rounding.md). A basket of several SKUs, or
    an order other than the evaluator's, is said as a basket in that order."""
    from promolint.core.currency import per_unit
    from promolint.engine.witness import from_probe
    item = found.cart.lines[0]
    others = ", ".join(sorted(p.id for p in group if p is not promo))
    witness = from_probe(found)
    own = tuple(p.id for p in ordered(group))
    if len(found.cart.lines) > 1 or (found.order and found.order != own) \
            or found.basis != "running":
        below = (found.market - found.pays) / found.market * 100
        basket = ", ".join(f"{l.quantity} x {l.sku} ({money(l.unit_price)})"
                           for l in found.cart.lines)
        return make(promo.path, promo.source.span(("stacking",)), "stacking-below-market",
                    "stacking-below-market-basket" + ("-list" if found.basis == "list" else ""),
                    witness=witness, promotion=promo.id, others=others, basket=basket,
                    market=money(found.market), pays=money(witness.pays),
                    order=" -> ".join(found.order or own), percent=percent(below, line * 100),
                    limit=percent(line * 100), currency=promo.currency,
                    at=promo.window.start.isoformat())
    below = (item.unit_price - found.unit_pays) / item.unit_price * 100
    return make(promo.path, promo.source.span(("stacking",)), "stacking-below-market",
                witness=witness, promotion=promo.id, others=others, sku=item.sku,
                market=money(item.unit_price),
                pays=money(per_unit(witness.pays, item.quantity, promo.currency)),
                quantity=item.quantity, percent=percent(below, line * 100), limit=percent(line * 100),
                currency=promo.currency, at=promo.window.start.isoformat())


def _bounded(promo: m.Promotion, group: list, sku: str, line: Decimal):
    others = ", ".join(sorted(p.id for p in group if p is not promo))
    return make(promo.path, promo.source.span(("stacking",)), "stacking-below-market",
                "stacking-below-market-bounded", promotion=promo.id, others=others, sku=sku,
                limit=percent(line * 100), at=promo.window.start.isoformat())


def _unchecked(promo: m.Promotion, pool: list, sku: str, line: Decimal):
    others = ", ".join(sorted(p.id for p in pool if p is not promo))
    return make(promo.path, promo.source.span(("stacking",)), "stacking-below-market",
                "stacking-below-market-unchecked", promotion=promo.id, others=others, sku=sku,
                count=len(pool), limit=percent(line * 100), sets=MAX_STACKS,
                at=promo.window.start.isoformat())
