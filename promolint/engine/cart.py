"""Carts and facts: what the evaluator prices and what audiences read.

A cart is lines of (sku, quantity, unit_price, category); a line without a
unit price or category takes them from the market price list. Facts are the
expression fields of spec section 4: `user.*` and `group.size` come from the
user file, `cart.subtotal` and `cart.item_count` are derived from the cart
(before any discount), `cart.channel` comes from the cart (or the user file).

Cart and user data (a cart file, a case's `cart:`, the page's try-a-cart) are checked
here and only here: `cart_problems` and `user_problems` list every problem, each a
CartProblem at its key path inside the data (("lines", 2, "quantity")) naming a sentence
of SENTENCES (part of promolint.report.messages.UI: said in en and zh). Case files map
the paths to file positions and report them all; `cart_from_data` and `user_from_data`
(eval, the page) raise the first as a CartError. A cart's optional `currency` is checked
against the price list here and against the promotions priced for it after evaluation
(`currency_problems`): a cart in USD never has CNY amounts taken off it in silence.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from promolint.core.frozen import frozen
from promolint.core.phrases import listing, say

if TYPE_CHECKING:  # imported where used: report.messages reads SENTENCES at start-up
    from promolint.source.prices import PriceList

CART_KEYS = ("lines", "coupons", "channel", "currency")
LINE_KEYS = ("sku", "quantity", "unit_price", "category")

# What is wrong with a cart or user's data, without saying where (the caller does: a
# file:line:column, or the key path). Keys of the format in backticks, in both languages.
SENTENCES = {
    "cart-no-lines": {"en": "expected a mapping with a non-empty `lines` list",
                      "zh": "应为带有非空 `lines` 列表的映射"},
    "cart-unknown-key": {"en": "unknown key `{key}`; use {known}",
                         "zh": "未知的键 `{key}`;可用的键:{known}"},
    "cart-coupons": {"en": "`coupons` must be a list of promotion ids",
                     "zh": "`coupons` 必须是促销 id 的列表"},
    "cart-coupon-unknown": {"en": "coupon '{coupon}' names no promotion",
                            "zh": "优惠券 `{coupon}` 没有对应的促销"},
    "cart-coupon-unknown-near": {"en": "coupon '{coupon}' names no promotion; did you mean '{near}'?",
                                 "zh": "优惠券 `{coupon}` 没有对应的促销;是否应为 `{near}`?"},
    "cart-channel": {"en": "`channel` must be a string", "zh": "`channel` 必须是文本"},
    "cart-currency": {"en": "`currency` must be an ISO 4217 code such as CNY",
                      "zh": "`currency` 必须是 ISO 4217 币种代码,例如 CNY"},
    "cart-line-sku": {"en": "expected a mapping with a `sku` string",
                      "zh": "应为带有 `sku` 文本的映射"},
    "cart-quantity": {"en": "`quantity` must be a whole number of at least 1",
                      "zh": "`quantity` 必须是不小于 1 的整数"},
    "cart-unit-price": {"en": "`unit_price` must be a non-negative amount such as 99.90",
                        "zh": "`unit_price` 必须是非负金额,例如 99.90"},
    "cart-category": {"en": "`category` must be a string", "zh": "`category` 必须是文本"},
    "cart-unpriced": {"en": "{sku} has no unit_price and no market price in the price list",
                      "zh": "{sku} 没有 unit_price,价格表里也没有它的市场价"},
    "cart-line-currency": {
        "en": "{sku} has no unit_price and its market price is in {listed}, not the cart's "
              "{currency}: give the line a unit_price in {currency}, or correct `currency`",
        "zh": "{sku} 没有 unit_price,而它的市场价以 {listed} 计,不是购物车的币种 {currency}:"
              "请给这一行写上以 {currency} 计的 unit_price,或改正 `currency`"},
    "cart-promotion-currency": {
        "en": "the cart is in {currency}, but promotions priced for it are in {other} ({ids}): "
              "{other} amounts would come off {currency} prices. Price the cart in {other} "
              "(`currency: {other}`), or evaluate it with {currency} promotions only",
        "zh": "购物车的币种是 {currency},但为它计价的促销以 {other} 计({ids}):"
              "{other} 的金额会从 {currency} 的价格中扣除。请把购物车改为以 {other} 计价"
              "(`currency: {other}`),或只用 {currency} 的促销计算"},
    "user-not-mapping": {"en": "expected a mapping of facts such as `user: {{tier: gold}}`",
                         "zh": "应为事实的映射,例如 `user: {{tier: gold}}`"},
}


@frozen
class CartProblem:
    """One thing wrong with a cart's (or user's) data: `path` is its key path inside the
    data as given (("lines", 2, "quantity"); (1, "sku") in a cart that is a plain list of
    lines; () the data itself), `sentence` a key of SENTENCES with its `args`; `on_key`:
    the key itself is wrong (an unknown key), so point at the key rather than its value."""

    path: tuple
    sentence: str
    args: tuple[tuple[str, Any], ...] = ()
    on_key: bool = False

    def english(self) -> str:
        return SENTENCES[self.sentence]["en"].format(**{k: say(v, "en") for k, v in self.args})


def problem(path: tuple, sentence: str, on_key: bool = False, **args) -> CartProblem:
    return CartProblem(tuple(path), sentence, tuple(sorted(args.items())), on_key)


class CartError(Exception):
    """A cart or user file that cannot be used: reported as one line, exit 2. str() is
    the English; `sentence` and `details` name the sentence in messages.UI that says it
    in the run's language (as ConfigError). One raised for a CartProblem has the sentence
    `cart-problem` ("{where}: {problem}") and the problem as `problem`."""

    def __init__(self, message: str, sentence: str | None = None, **details):
        super().__init__(message)
        self.sentence, self.details = sentence, details

    @property
    def problem(self) -> CartProblem | None:
        found = self.details.get("problem")
        return found if isinstance(found, CartProblem) else None


def located(found: CartProblem, where: str) -> CartError:
    """The CartError of a problem at `where` (a file:line:column, or name: key path)."""
    return CartError(f"{where}: {found.english()}", "cart-problem", where=where, problem=found)


def key_path(name: str, path: tuple) -> str:
    """Where a problem is when there is no file position: "cart: lines[2].quantity"."""
    if path and isinstance(path[0], int):  # a cart that is a plain list of lines
        path = ("lines",) + path
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return f"{name}: {text}" if text else name


Where = Callable[[CartProblem], str]


def in_document(doc, name: str) -> Where:
    """Where a problem is in the Document its data came from: "name:line:column" (the
    key itself for an unknown key); just `name` when there is no document (empty text)."""
    def where(found: CartProblem) -> str:
        if doc is None:
            return key_path(name, found.path)
        span = doc.key_span(found.path) if found.on_key else doc.span(found.path)
        return f"{name}:{span.line}:{span.column}"
    return where


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
    """A cart: its lines, the coupon codes presented, the channel, and the currency its
    prices are in when it says (None: the promotions' own)."""

    lines: tuple[CartLine, ...]
    coupons: frozenset[str] = frozenset()  # ids of promotions whose code is presented
    channel: str | None = None
    currency: str | None = None

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


def cart_problems(data, prices: PriceList | None = None) -> list[CartProblem]:
    """Every problem of a cart's data ({lines: [...], coupons: [...], channel, currency},
    or a plain list of lines), in the order of the data. With `prices`, a line without a
    unit_price must have a market price there (in the cart's currency, when it names
    one); without, the price list is not consulted (the shape alone)."""
    if isinstance(data, list):
        cart, lines_at = {"lines": data}, ()
    else:
        cart, lines_at = data, ("lines",)
    if not isinstance(cart, dict) or not isinstance(cart.get("lines"), list) or not cart["lines"]:
        at = lines_at if isinstance(cart, dict) and "lines" in cart else ()
        return [problem(at, "cart-no-lines")]
    from promolint.source.prices import ISO_4217
    currency = cart.get("currency")
    currency = currency if isinstance(currency, str) and currency in ISO_4217 else None
    out: list[CartProblem] = []
    for key, value in cart.items():
        if key not in CART_KEYS:
            out.append(problem((key,), "cart-unknown-key", True, key=str(key), known=_known(CART_KEYS)))
        elif key == "lines":
            for i, line in enumerate(value):
                out += _line_problems(line, lines_at + (i,), prices, currency)
        elif key == "coupons" and value is not None:
            if not isinstance(value, list):
                out.append(problem(("coupons",), "cart-coupons"))
            else:
                out += [problem(("coupons", i), "cart-coupons") for i, item in enumerate(value)
                        if not isinstance(item, str) or not item]
        elif key == "channel" and value is not None and not isinstance(value, str):
            out.append(problem(("channel",), "cart-channel"))
        elif key == "currency" and currency is None:
            out.append(problem(("currency",), "cart-currency"))
    return out


def _line_problems(raw, at: tuple, prices: PriceList | None, currency: str | None) -> list[CartProblem]:
    if not isinstance(raw, dict) or not isinstance(raw.get("sku"), str):
        return [problem(at + ("sku",) if isinstance(raw, dict) and "sku" in raw else at,
                        "cart-line-sku")]
    out: list[CartProblem] = []
    for key, value in raw.items():
        if key not in LINE_KEYS:
            out.append(problem(at + (key,), "cart-unknown-key", True, key=str(key), known=_known(LINE_KEYS)))
        elif key == "sku" and "unit_price" not in raw and prices is not None:
            if value not in prices:
                out.append(problem(at + ("sku",), "cart-unpriced", sku=value))
            elif currency is not None and prices[value].currency != currency:
                out.append(problem(at + ("sku",), "cart-line-currency", sku=value,
                                   listed=prices[value].currency, currency=currency))
        elif key == "quantity" and not _whole(value):
            out.append(problem(at + ("quantity",), "cart-quantity"))
        elif key == "unit_price" and not _amount(value):
            out.append(problem(at + ("unit_price",), "cart-unit-price"))
        elif key == "category" and value is not None and not isinstance(value, str):
            out.append(problem(at + ("category",), "cart-category"))
    return out


def _known(keys) -> Any:
    return listing([f"`{k}`" for k in keys])


def _number(value) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool) and \
        (not isinstance(value, Decimal) or value.is_finite())


def _whole(value) -> bool:
    return _number(value) and value == int(value) and value >= 1


def _amount(value) -> bool:
    return _number(value) and value >= 0


def cart_from_data(data, prices: PriceList, name: str = "cart", where: Where | None = None) -> Cart:
    """Build a Cart from parsed YAML: {lines: [...], coupons: [...], channel, currency}.
    The first of `cart_problems` is a CartError at `where(problem)` (default: `name` and
    the key path, "c.cart.yaml: lines[0].quantity")."""
    found = cart_problems(data, prices)
    if found:
        raise located(found[0], where(found[0]) if where else key_path(name, found[0].path))
    cart = {"lines": data} if isinstance(data, list) else data
    lines = tuple(_line(raw, prices) for raw in cart["lines"])
    return Cart(lines, frozenset(cart.get("coupons") or ()), cart.get("channel"), cart.get("currency"))


def _line(raw: dict, prices: PriceList) -> CartLine:
    sku = raw["sku"]
    price = raw["unit_price"] if "unit_price" in raw else prices[sku].market_price
    category = raw.get("category", prices.category(sku))
    return CartLine(sku, int(raw.get("quantity", 1)), Decimal(price), category)


def currency_problems(cart: Cart, promos, result) -> list[CartProblem]:
    """After pricing (`result` of evaluate): a cart that names its currency must not be
    priced by promotions in another one. The promotions priced for it are those that
    applied and those that lost to the stacking rule (they competed on its money). One
    problem per other currency, at the cart's `currency`."""
    if cart.currency is None:
        return []
    priced = {a.id for a in result.applied}
    priced |= {i for i, reason in result.skipped if reason.startswith("not combined")}
    other: dict[str, list[str]] = {}
    for promo in promos:
        if promo.id in priced and promo.currency != cart.currency:
            other.setdefault(promo.currency, []).append(promo.id)
    return [problem(("currency",), "cart-promotion-currency", currency=cart.currency, other=code,
                    ids=listing(sorted(set(ids))))
            for code, ids in sorted(other.items())]


def coupon_problems(data, promos) -> list[CartProblem]:
    """Once the promotions are known: every `coupons` entry must be a promotion's id (a
    typo'd coupon would be silently "not presented"). One problem per unknown entry, at
    it, with the closest id (difflib) when there is one."""
    import difflib
    coupons = data.get("coupons") if isinstance(data, dict) else None
    if not isinstance(coupons, list):
        return []
    ids = sorted({p.id for p in promos})
    known = set(ids)
    out = []
    for i, coupon in enumerate(coupons):
        if isinstance(coupon, str) and coupon not in known:
            near = difflib.get_close_matches(coupon, ids, n=1)
            out.append(problem(("coupons", i), "cart-coupon-unknown-near", coupon=coupon, near=near[0])
                       if near else problem(("coupons", i), "cart-coupon-unknown", coupon=coupon))
    return out


def user_problems(data) -> list[CartProblem]:
    """The problems of a user file's data (None: no facts)."""
    return [] if data is None or isinstance(data, dict) else [problem((), "user-not-mapping")]


def user_from_data(data, name: str = "user", where: Where | None = None) -> dict:
    """Facts from a user file: nested ({user: {tier: gold}, group: {size: 3}}) or dotted keys."""
    found = user_problems(data)
    if found:
        raise located(found[0], where(found[0]) if where else key_path(name, found[0].path))
    if data is None:
        return {}
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
