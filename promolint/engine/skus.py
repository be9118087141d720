"""Which priced SKUs a promotion's scope reaches, and a stand-in line when none is priced."""
from __future__ import annotations

from decimal import Decimal

from promolint import model as m
from promolint.diagnostics import Witness
from promolint.engine.basket import units_for, probe, quantities
from promolint.engine.cart import CartLine
from promolint.prices import Price, PriceList

ANY_SKU = "ANY-SKU"


def scoped_prices(promo: m.Promotion, prices: PriceList) -> list[Price]:
    """Price-list entries in the promotion's scope and currency, by SKU.

    Explicit SKUs count when priced; category and whole-order scopes reach every
    price-list SKU of those categories (or every one): the price list is the catalog.
    """
    scope = promo.scope
    if scope.whole_order:
        skus = set(prices)
    else:
        skus = {s for s in scope.skus if s in prices}
        index = skus_by_category(prices)
        for category in scope.categories:
            skus.update(index.get(category, ()))
    return [prices[s] for s in sorted(skus - set(scope.exclude_skus))
            if prices[s].currency == promo.currency]


def skus_by_category(prices: PriceList) -> dict[str | None, list[str]]:
    """SKUs by category; built once per price list (a list is not changed once loaded,
    and a change in size rebuilds it), as every category scope asks for it."""
    memo = getattr(prices, "__dict__", None)
    cached = memo.get("_skus_by_category") if memo is not None else None
    if cached is not None and cached[0] == len(prices):
        return cached[1]
    table: dict[str | None, list[str]] = {}
    for sku, price in prices.items():
        table.setdefault(price.category, []).append(sku)
    if memo is not None:
        memo["_skus_by_category"] = (len(prices), table)
    return table


def stand_in(promo: m.Promotion, unit_price: Decimal) -> CartLine:
    """A line in scope for when no scoped SKU is priced: a listed SKU, or a category's item."""
    scope = promo.scope
    for sku in scope.skus:
        if sku not in scope.exclude_skus:
            return CartLine(sku, 1, unit_price)
    category = scope.categories[0] if scope.categories else None
    name = ANY_SKU
    while name in scope.exclude_skus:
        name += "-1"
    return CartLine(name, 1, unit_price, category)


def spend_witness(promo: m.Promotion, spend: Decimal, prices: PriceList,
                  types: dict) -> Witness | None:
    """The smallest one-SKU cart that spends at least `spend` on the promotion's scope."""
    from promolint.engine.witness import from_probe
    priced = [p for p in scoped_prices(promo, prices) if p.market_price > 0]
    if priced:
        first = min(priced, key=lambda p: (units_for(spend, p.market_price) * p.market_price, p.sku))
        unit = CartLine(first.sku, 1, first.market_price, first.category)
        with_market = True
    else:
        unit, with_market = stand_in(promo, spend), False
    wanted = [q for q in quantities([promo], unit.unit_price) if q * unit.unit_price >= spend]
    if not wanted:
        return None
    line = CartLine(unit.sku, wanted[0], unit.unit_price, unit.category)
    found = probe([promo], line, types)
    return from_probe(found, with_market) if found is not None else None
