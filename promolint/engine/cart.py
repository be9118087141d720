"""Carts and facts: what the evaluator prices and what audiences read.

A cart is lines of (sku, quantity, unit_price, category); a line without a
unit price or category takes them from the market price list. Facts are the
expression fields of spec section 4: `user.*` and `group.size` come from the
user file, `cart.subtotal` and `cart.item_count` are derived from the cart
(before any discount), `cart.channel` comes from the cart (or the user file).
"""
from __future__ import annotations

from decimal import Decimal

from promolint.core.frozen import frozen
from promolint.source.prices import PriceList


class CartError(Exception):
    """A cart or user file that cannot be used: reported as one line, exit 2. str() is
    the English; `sentence` and `details` name the sentence in messages.UI that says it
    in the run's language (as ConfigError)."""

    def __init__(self, message: str, sentence: str | None = None, **details):
        super().__init__(message)
        self.sentence, self.details = sentence, details


@frozen
class CartLine:
    """One line of a cart: a SKU, how many, at what unit price."""

    sku: str
    quantity: int
    unit_price: Decimal
    category: str | None = None

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


@frozen
class Cart:
    """A cart: its lines, the coupon codes presented, the channel."""

    lines: tuple[CartLine, ...]
    coupons: frozenset[str] = frozenset()  # ids of promotions whose code is presented
    channel: str | None = None

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0))

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


def facts_for(cart: Cart, user: dict) -> dict:
    """Every expression fact: the user's, plus those derived from the cart."""
    facts = dict(user)
    facts["cart.subtotal"] = cart.subtotal
    facts["cart.item_count"] = cart.item_count
    if cart.channel is not None:
        facts["cart.channel"] = cart.channel
    return facts


def cart_from_data(data, prices: PriceList, name: str = "cart") -> Cart:
    """Build a Cart from parsed YAML: {lines: [...], coupons: [...], channel: ...}."""
    if isinstance(data, list):
        data = {"lines": data}
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list) or not data["lines"]:
        raise CartError(f"{name}: expected a mapping with a non-empty 'lines' list",
                        "cart-no-lines", name=name)
    unknown = set(data) - {"lines", "coupons", "channel", "currency"}
    if unknown:
        keys = ", ".join(sorted(map(str, unknown)))
        raise CartError(f"{name}: unknown key(s) {keys}; use lines, coupons, channel",
                        "cart-unknown-keys", name=name, keys=keys)
    lines = tuple(_line(raw, i, prices, name) for i, raw in enumerate(data["lines"]))
    coupons = data.get("coupons") or []
    if not isinstance(coupons, list) or not all(isinstance(c, str) for c in coupons):
        raise CartError(f"{name}: 'coupons' must be a list of promotion ids", "cart-coupons",
                        name=name)
    channel = data.get("channel")
    if channel is not None and not isinstance(channel, str):
        raise CartError(f"{name}: 'channel' must be a string", "cart-channel", name=name)
    return Cart(lines, frozenset(coupons), channel)


def _line(raw, index: int, prices: PriceList, name: str) -> CartLine:
    where = f"{name}: lines[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("sku"), str):
        raise CartError(f"{where}: expected a mapping with a 'sku' string", "cart-line-sku",
                        where=where)
    sku = raw["sku"]
    quantity = raw.get("quantity", 1)
    if isinstance(quantity, bool) or not isinstance(quantity, (int, Decimal)) \
            or quantity != int(quantity) or quantity < 1:
        raise CartError(f"{where}: quantity must be a whole number of at least 1",
                        "cart-quantity", where=where)
    price = raw.get("unit_price")
    if price is None:
        if sku not in prices:
            raise CartError(f"{where}: {sku} has no unit_price and no market price in the price list",
                            "cart-unpriced", where=where, sku=sku)
        price = prices[sku].market_price
    if isinstance(price, bool) or not isinstance(price, (int, Decimal)) or price < 0:
        raise CartError(f"{where}: unit_price must be a non-negative number such as 99.90",
                        "cart-unit-price", where=where)
    category = raw.get("category", prices.category(sku))
    if category is not None and not isinstance(category, str):
        raise CartError(f"{where}: category must be a string", "cart-category", where=where)
    return CartLine(sku, int(quantity), Decimal(price), category)


def user_from_data(data, name: str = "user") -> dict:
    """Facts from a user file: nested ({user: {tier: gold}, group: {size: 3}}) or dotted keys."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CartError(f"{name}: expected a mapping of facts such as user: {{tier: gold}}",
                        "user-not-mapping", name=name)
    facts: dict = {}
    for key, value in data.items():
        if isinstance(value, dict) and key in ("user", "group", "cart"):
            for inner, item in value.items():
                facts[f"{key}.{inner}"] = _fact(item)
        elif isinstance(key, str) and "." in key:
            facts[key] = _fact(value)
        else:
            facts[f"user.{key}"] = _fact(value)
    return facts


def _fact(value):
    if isinstance(value, Decimal) and value == int(value):
        return int(value)
    if isinstance(value, list):
        return [_fact(v) for v in value]
    return value
