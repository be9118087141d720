"""The money of one promotion version: per scoped SKU the lowest unit price a customer
can pay under it, and its worst-case exposure.

The lowest unit price is found by the rules engine as below-market finds it: one-SKU
baskets of every size where the benefit changes (promolint.engine.basket), with facts
that satisfy the audience; the cheapest unit price over them is the worst case.
"""
from __future__ import annotations

from decimal import Decimal

from promolint.model import promotion as m
from promolint.engine.basket import probe, quantities
from promolint.engine.cart import CartLine
from promolint.engine.exposure import exposure
from promolint.engine.skus import scoped_prices
from promolint.core.frozen import frozen


@frozen
class SkuMoney:
    """A scoped SKU: its market price and the lowest unit price before and after
    (None: not in scope on that side, or the promotion never applies to it)."""

    sku: str
    market: Decimal
    before: Decimal | None
    after: Decimal | None

    def below(self, side: str) -> Decimal | None:
        """How far below market that side's worst price is, as a fraction."""
        pays = self.before if side == "before" else self.after
        if pays is None or self.market <= 0:
            return None
        return (self.market - pays) / self.market

    def past(self, side: str, line: Decimal) -> bool:
        below = self.below(side)
        return below is not None and below > line


def worst_prices(promo: m.Promotion | None, prices, types: dict) -> dict[str, tuple[Decimal, Decimal | None]]:
    """{sku: (market, lowest unit price or None)} for every priced SKU in scope."""
    if promo is None or not promo.gives_money:
        return {}
    by_market: dict[Decimal, Decimal | None] = {}
    out = {}
    for price in scoped_prices(promo, prices):
        market = price.market_price
        if market not in by_market:
            by_market[market] = lowest_unit(promo, price.sku, market, price.category, types)
        out[price.sku] = (market, by_market[market])
    return out


def lowest_unit(promo: m.Promotion, sku: str, market: Decimal, category, types: dict) -> Decimal | None:
    """The cheapest unit price over the baskets where the benefit changes."""
    best = None
    for quantity in quantities([promo], market):
        found = probe([promo], CartLine(sku, quantity, market, category), types)
        if found is None or not any(a.id == promo.id for a in found.result.applied):
            continue
        unit = found.unit_pays
        best = unit if best is None or unit < best else best
    return best


def sku_table(before: m.Promotion | None, after: m.Promotion | None, prices,
              types: dict) -> list[SkuMoney]:
    """Both sides' worst prices per SKU, the deepest after-price first."""
    old, new = worst_prices(before, prices, types), worst_prices(after, prices, types)
    rows = []
    for sku in sorted(set(old) | set(new)):
        market = (new.get(sku) or old.get(sku))[0]
        rows.append(SkuMoney(sku, market, old.get(sku, (0, None))[1], new.get(sku, (0, None))[1]))
    return sorted(rows, key=_depth)


def _depth(row: SkuMoney) -> tuple:
    after, before = row.below("after"), row.below("before")
    return (-(after if after is not None else Decimal(-1)),
            -(before if before is not None else Decimal(-1)), row.sku)


def worst_case(promo: m.Promotion | None, prices) -> Decimal | None:
    """Exposure (None: unbounded); a missing side gives 0."""
    if promo is None:
        return Decimal(0)
    return exposure(promo, prices)
