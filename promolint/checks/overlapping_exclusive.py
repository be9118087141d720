"""overlapping-exclusive (info): two exclusive promotions on the same SKUs run at the same
time, so a customer gets only one of them (usually an oversight).

"The same SKUs": a SKU listed in both scopes' `skus`, or two identical scopes (same
SKUs, categories and exclusions; two whole-order promotions). Pairs whose audiences can
never hold for the same customer are left out. Near-linear: promotions are grouped by
listed SKU and by scope, and each group is swept in window-start order.
"""
from __future__ import annotations

import heapq
from collections import defaultdict

from promolint.core.diagnostics import make
from promolint.core.phrases import Phrase, phrase
from promolint.expr.analysis import satisfiable
from promolint.expr.syntax import BoolOp
from promolint.model import promotion as m

RULES = ("overlapping-exclusive",)
NEEDS = ("id", "window", "scope", "stacking")


def check_all(promos, ctx):
    """One finding per promotion at most, naming the first overlapping partner: a repo
    with hundreds of same-day exclusives gets hundreds of notes, not every pair."""
    exclusive = [p for p in promos if p.stacking.mode == "exclusive" and p.gives_money
                 and p.window.start < p.window.end]
    noted: set[int] = set()
    for key, members in _groups(exclusive).items():
        if ctx.focus is not None and not any(ctx.in_focus(p) for p in members):
            continue  # context mode: the findings would be about other files
        for later, running in _overlaps(members):
            if id(later) in noted or not ctx.in_focus(later):
                continue
            earlier = next((p for p in running if p.id != later.id
                            and _same_customer(p, later, ctx.settings.fields)), None)
            if earlier is None:
                continue
            noted.add(id(later))
            yield make(later.path, later.source.span(("window", "start")),
                       "overlapping-exclusive", promotion=later.id, other=earlier.id,
                       where=f"{earlier.path}:{earlier.source.span(('id',)).line}",
                       what=key, at=later.window.start.isoformat())


def _groups(promos) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for promo in promos:
        scope = promo.scope
        for sku in scope.skus:
            if sku not in scope.exclude_skus:
                out[sku].append(promo)
        if not scope.skus:
            out[_describe(scope)].append(promo)
    return out


def _describe(scope: m.Scope) -> Phrase:
    """The scope in words of each language (also the group's key: equal scopes, one group)."""
    key = "scope-whole-order" if scope.whole_order else "scope-categories"
    args = {} if scope.whole_order else {"categories": ", ".join(sorted(scope.categories))}
    if scope.exclude_skus:
        return phrase(key + "-except", skus=", ".join(sorted(scope.exclude_skus)), **args)
    return phrase(key, **args)


def _overlaps(members):
    """(promotion, the earlier ones still running when it starts, in start order), in
    start order. Ended ones leave through a heap of end times: rebuilding the running
    list per step was quadratic when thousands run at once (8,000 on one SKU: 48 s)."""
    running: dict[int, m.Promotion] = {}
    ends: list[tuple] = []
    for order, promo in enumerate(sorted(members, key=lambda p: (p.window.start, p.id))):
        while ends and ends[0][0] <= promo.window.start:
            del running[heapq.heappop(ends)[1]]
        if running:
            yield promo, running.values()
        running[order] = promo
        heapq.heappush(ends, (promo.window.end, order))


def _same_customer(a: m.Promotion, b: m.Promotion, types: dict) -> bool:
    audiences = tuple(p.audience for p in (a, b) if p.audience is not None)
    if len(audiences) < 2:
        return True
    return satisfiable(BoolOp("and", audiences), types) is not False
