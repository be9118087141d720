"""The money picture: for each scoped SKU, what a customer pays per unit at 1, 2, ... N
units, against the market price and the below-market line.

Each point is a one-line cart priced by the evaluator (promolint.engine.basket.probe:
facts that satisfy the audience, at the window's start), so a 满减 threshold, a tier
jump, a buy-x-get-y step and a cap show where they happen. Unpriced scopes are drawn
on a stand-in item, as below-market judges them.

A point shows what the shop charges (each discount rounded to the currency's minor
unit) and is marked past the line as below-market judges it, on the exact price
(docs/rounding.md).
"""
from __future__ import annotations

from decimal import Decimal

from promolint.core.currency import per_unit
from promolint.core.diagnostics import money
from promolint.engine.basket import probe, quantities
from promolint.engine.cart import CartLine
from promolint.engine.skus import scoped_prices, stand_in

MAX_SKUS = 6       # curves per promotion (the cheapest and dearest are kept)
MIN_UNITS = 6      # always drawn: 1..6 units
MAX_UNITS = 30     # every count up to the last step when it is this close
MAX_STEP = 100_000
MAX_POINTS = 40
CENT = Decimal("0.01")


def curves(promo, ctx) -> list[dict]:
    """One curve per scoped SKU (or a stand-in item) for a promotion that gives money."""
    if not promo.gives_money:
        return []
    line = ctx.settings.max_below_market
    priced = [p for p in scoped_prices(promo, ctx.prices) if p.market_price > 0]
    items = [(p.sku, p.market_price, p.category, False) for p in _spread(priced)]
    if not items:
        item = stand_in(promo, _stand_in_price(promo.benefit))
        items = [(item.sku, item.unit_price, item.category, True)]
    drawn = [curve(promo, sku, price, category, line, ctx.settings.fields, stand)
             for sku, price, category, stand in items]
    # Worst first: SKUs that go past the line, then those the promotion reaches at all.
    return sorted(drawn, key=lambda c: (not any(p["past"] for p in c["points"]),
                                        not any(p["applies"] for p in c["points"])))


def curve(promo, sku, price: Decimal, category, line: Decimal, types, stand: bool) -> dict:
    floor = price * (1 - line)
    points = []
    for units in unit_counts(promo, price):
        found = probe([promo], CartLine(sku, units, price, category), types)
        applied = found is not None and any(a.id == promo.id and a.discount > 0
                                            for a in found.result.applied)
        pays = found.rounded().total if found is not None else price * units
        points.append({"units": units, "subtotal": money(price * units), "pays": money(pays),
                       "unit": money(per_unit(pays, units, promo.currency)), "applies": applied,
                       "past": found is not None and found.past_line(line)})
    return {"promotion": promo.id, "sku": sku, "currency": promo.currency,
            "market": money(price), "line": money(floor.quantize(CENT)),
            "line_percent": f"{(line * 100).normalize():f}", "stand_in": stand,
            "points": points}


def unit_counts(promo, price: Decimal) -> list[int]:
    """1..MIN_UNITS, and each quantity where the benefit changes with its neighbours
    (a threshold reached, a tier, a buy+get group), at most MAX_POINTS of them: a step
    far out (满10000 on a 99.00 tee) is still drawn, the axis being counts, not a scale."""
    steps = [q for q in quantities([promo], price) if q <= MAX_STEP]
    wanted = set(range(1, MIN_UNITS + 1))
    for q in steps:
        wanted |= {q - 1, q, q + 1, q + 2}
    if steps and max(steps) + 2 <= MAX_UNITS:
        wanted |= set(range(1, max(steps) + 3))
    return sorted(q for q in wanted if q >= 1)[:MAX_POINTS]


def _spread(priced: list) -> list:
    """At most MAX_SKUS of the scoped SKUs: the cheapest and the dearest first."""
    if len(priced) <= MAX_SKUS:
        return priced
    ordered = sorted(priced, key=lambda p: (p.market_price, p.sku))
    half = MAX_SKUS // 2
    return ordered[:half] + ordered[-(MAX_SKUS - half):]


def _stand_in_price(benefit) -> Decimal:
    from promolint.model import promotion as m
    if isinstance(benefit, m.ThresholdOff):
        return benefit.threshold
    if isinstance(benefit, m.Tiered) and benefit.tiers:
        return min(t.threshold for t in benefit.tiers) or Decimal(100)
    if isinstance(benefit, m.AmountOff):
        return benefit.amount
    return Decimal(100)
