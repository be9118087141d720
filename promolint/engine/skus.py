"""Which priced SKUs a promotion's scope reaches, and a stand-in line when none is priced."""
from __future__ import annotations

from decimal import Decimal

from promolint.core.diagnostics import Witness
from promolint.engine.basket import probe, quantities, units_for
from promolint.engine.cart import CartLine
from promolint.model import promotion as m
from promolint.source.prices import Price, PriceList

ANY_SKU = "ANY-SKU"


def scoped_prices(promo: m.Promotion, prices: PriceList) -> tuple[Price, ...]:
    """Price-list entries in the promotion's scope and currency, by SKU.

    Explicit SKUs count when priced; category and whole-order scopes reach every
    price-list SKU of those categories (or every one): the price list is the catalog.
    Memoised per (scope, currency) on the list, as many promotions share a scope:
    the result is shared, hence a tuple.
    """
    memo = _memo(prices).setdefault("scoped_prices", {})
    key = (promo.scope, promo.currency)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(_scoped(promo.scope, promo.currency, prices))
    return found


def scoped_price_range(promo: m.Promotion, prices: PriceList) -> tuple[Decimal, Decimal] | None:
    """(lowest, highest) market price of `scoped_prices`, None when nothing is priced;
    memoised like it (below-market asks for it before any probe)."""
    memo = _memo(prices).setdefault("price_range", {})
    key = (promo.scope, promo.currency)
    if key not in memo:
        amounts = [p.market_price for p in scoped_prices(promo, prices)]
        memo[key] = (min(amounts), max(amounts)) if amounts else None
    return memo[key]


def _scoped(scope: m.Scope, currency: str, prices: PriceList) -> list[Price]:
    excluded = set(scope.exclude_skus)
    if scope.whole_order:
        return [p for p in sorted_prices(prices) if p.currency == currency
                and p.sku not in excluded]
    skus = {s for s in scope.skus if s in prices}
    for category in scope.categories:
        skus.update(category_skus(prices, category))
    return [prices[s] for s in sorted(skus - excluded) if prices[s].currency == currency]


def _memo(prices) -> dict:
    """The list's index cache; a plain dict (tests) gets a throwaway one."""
    return prices.memo() if isinstance(prices, PriceList) else {}


def sorted_prices(prices: PriceList) -> tuple[Price, ...]:
    """Every entry, by SKU; built once per price list."""
    memo = _memo(prices)
    if "sorted" not in memo:
        memo["sorted"] = tuple(sorted(prices.values(), key=lambda p: p.sku))
    return memo["sorted"]


def category_prices(prices: PriceList, category: str) -> tuple[Price, ...]:
    """The entries of one category, by SKU; built once per price list and category."""
    memo = _memo(prices).setdefault("category_prices", {})
    if category not in memo:
        memo[category] = tuple(sorted((prices[s] for s in category_skus(prices, category)),
                                      key=lambda p: p.sku))
    return memo[category]


def category_set_prices(prices: PriceList, categories: frozenset) -> tuple[Price, ...]:
    """The entries in any of `categories` (e.g. the cash-equivalent ones), by SKU; built
    once per price list and category set."""
    memo = _memo(prices).setdefault("category_set_prices", {})
    if categories not in memo:
        if hasattr(prices, "category_skus"):  # kept on disk: ask per category, not for all
            found = [p for c in categories for p in category_prices(prices, c)]
            memo[categories] = tuple(sorted(found, key=lambda p: p.sku))
        else:
            memo[categories] = tuple(p for p in sorted_prices(prices) if p.category in categories)
    return memo[categories]


def category_skus(prices: PriceList, category: str | None):
    """The SKUs of one category (a price list kept on disk answers from its index)."""
    if hasattr(prices, "category_skus"):
        memo = _memo(prices).setdefault("category_skus", {})
        if category not in memo:
            memo[category] = prices.category_skus(category)
        return memo[category]
    return skus_by_category(prices).get(category, ())

def skus_by_category(prices: PriceList) -> dict[str | None, list[str]]:
    """SKUs by category; built once per price list, as every category scope asks for it."""
    memo = _memo(prices)
    if "by_category" not in memo:
        table: dict[str | None, list[str]] = {}
        for sku, price in prices.items():
            table.setdefault(price.category, []).append(sku)
        memo["by_category"] = table
    return memo["by_category"]


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
