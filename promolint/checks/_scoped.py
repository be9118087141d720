"""Helpers shared by the warning and incident checks: which priced SKUs a
promotion reaches, where to point when a field is missing, percent text."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from promolint.core.document import Span
from promolint.model.promotion import Promotion
from promolint.source.prices import Price, PriceList


def priced_skus(promo: Promotion, prices: PriceList) -> Iterator[tuple[tuple, Price]]:
    """(source path of the scope entry that reaches it, Price) for every SKU in the
    price list the promotion's scope covers, in the promotion's currency.

    An explicit SKU points at its `scope.skus` entry, a category at its
    `scope.categories` entry, and a whole-order scope at `scope` (or `benefit`).
    """
    from promolint.engine.skus import (  # indexes, once per list
        category_prices,
        sorted_prices,
    )
    scope, currency = promo.scope, promo.currency
    for i, sku in enumerate(scope.skus):
        price = prices.get(sku)
        if price and sku not in scope.exclude_skus and price.currency == currency:
            yield ("scope", "skus", i), price
    for i, category in enumerate(scope.categories):
        for price in category_prices(prices, category):
            if price.sku not in scope.skus and price.sku not in scope.exclude_skus \
                    and price.currency == currency:
                yield ("scope", "categories", i), price
    if scope.whole_order:
        where = order_path(promo)
        for price in sorted_prices(prices):
            if price.sku not in scope.exclude_skus and price.currency == currency:
                yield where, price


def order_path(promo: Promotion) -> tuple:
    """Where a whole-order scope is reported: `scope` when written, else `benefit`."""
    return ("scope",) if promo.source and promo.source.get(("scope",)) is not None else ("benefit",)


def limits_or(promo: Promotion, fallback: tuple) -> Span:
    """Where to report a missing limit: the `limits` mapping when present, else `fallback`."""
    doc = promo.source
    if doc.get(("limits",)) is not None:
        return doc.key_span(("limits",))
    return doc.key_span(fallback)


def below(price: Decimal, market: Decimal) -> Decimal:
    """How far below market `price` is, in percent (negative when above)."""
    return (market - price) / market * 100
