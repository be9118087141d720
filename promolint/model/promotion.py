"""The semantic model both syntaxes compile to: plain frozen dataclasses.

Positions are not part of a promotion's identity: `source` (the Document) is
excluded from comparison, so the same promotion from YAML and DSL compares equal.
"""
from __future__ import annotations

from dataclasses import field
from datetime import date, datetime
from decimal import Decimal
from typing import Union

from promolint.core.document import Document
from promolint.core.frozen import frozen
from promolint.expr.syntax import Expr

CAMPAIGNS = ("general", "flash_sale", "clearance", "member", "first_order",
             "new_user", "group_buy", "compensation")


@frozen
class Window:
    """When the promotion runs."""

    start: datetime
    end: datetime


@frozen
class Scope:
    """Which cart lines a benefit applies to. Empty skus and categories = all."""

    skus: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    exclude_skus: tuple[str, ...] = ()

    @property
    def whole_order(self) -> bool:
        return not self.skus and not self.categories

    def covers(self, sku: str, category: str | None) -> bool:
        if sku in self.exclude_skus:
            return False
        if self.whole_order:
            return True
        return sku in self.skus or (category is not None and category in self.categories)


@frozen
class PercentOff:
    """`percent` off the scoped lines, at most `max_amount` an order."""

    percent: Decimal
    max_amount: Decimal | None = None


@frozen
class AmountOff:
    """A fixed `amount` off the scoped lines."""

    amount: Decimal


@frozen
class ThresholdOff:
    """满减: spend `threshold`, save `amount` (per threshold reached when `repeat`)."""

    threshold: Decimal
    amount: Decimal
    repeat: bool = False
    max_repeats: int | None = None


@frozen
class Tier:
    """One step of a tiered benefit: an amount or a percent from `threshold`."""

    threshold: Decimal
    amount: Decimal | None = None
    percent: Decimal | None = None


@frozen
class Tiered:
    """The highest tier reached applies."""

    tiers: tuple[Tier, ...]
    # Tiers whose threshold is missing or malformed, as (index in the file's tiers,
    # tier): `tiers` leaves them out, below-market judges each as reached by any basket
    # (promolint.model.build._unplaced). Empty for a valid promotion.
    unplaced: tuple[tuple[int, Tier], ...] = ()


@frozen
class FixedPrice:
    """Each scoped unit sells at `price`."""

    price: Decimal


@frozen
class BuyXGetY:
    """Buy `buy` units, get `get` more at `percent` off."""

    buy: int
    get: int
    percent: Decimal = Decimal(100)


@frozen
class GroupPrice:
    """Each unit sells at `price` when the group has `min_group_size` members."""

    price: Decimal
    min_group_size: int


@frozen
class FreeShipping:
    """Shipping is free from `min_subtotal`."""

    min_subtotal: Decimal | None = None


Benefit = Union[PercentOff, AmountOff, ThresholdOff, Tiered, FixedPrice, BuyXGetY,
                GroupPrice, FreeShipping]

BENEFIT_TYPES = {
    "percent_off": PercentOff, "amount_off": AmountOff, "threshold_off": ThresholdOff,
    "tiered": Tiered, "fixed_price": FixedPrice, "buy_x_get_y": BuyXGetY,
    "group_price": GroupPrice, "free_shipping": FreeShipping,
}


@frozen
class Limits:
    """How often and how much the promotion may pay out."""

    per_user: int | None = None
    total: int | None = None
    budget: Decimal | None = None


@frozen
class Stacking:
    """`mode` is exclusive, stackable or with (then `with_ids` lists partners)."""

    mode: str = "exclusive"
    with_ids: tuple[str, ...] = ()


@frozen
class Coupon:
    """Whether a coupon is needed, signed, and rate limited."""

    required: bool = False
    signed: bool = False
    rate_limit_per_minute: int | None = None


@frozen
class Suppression:
    """A `suppress` entry: a rule silenced with a reason, until a date."""

    rule: str
    reason: str
    until: date | None = None
    index: int = 0  # position in the suppress list, to locate it


@frozen
class Promotion:
    """One promotion, from either syntax."""

    id: str
    name: str
    currency: str
    window: Window
    benefit: Benefit | None  # None only when broken (see `broken`)
    campaign: str = "general"
    owner: str | None = None
    audience: Expr | None = None
    scope: Scope = Scope()
    limits: Limits = Limits()
    stacking: Stacking = Stacking()
    rollout: Decimal = Decimal(100)
    priority: int | None = None
    coupon: Coupon | None = None
    suppress: tuple[Suppression, ...] = ()
    # Dotted paths of the fields that break the schema or do not parse ("limits.total",
    # "benefit.tiers.1.amount", "audience"): their parts hold neutral defaults, and the
    # checks that need them are skipped (see `usable`).
    broken: frozenset[str] = frozenset()
    # The list items among `broken` that were left out ("scope.skus.1", "benefit.tiers.2"):
    # the rest of each list counts, so they block no check (spec section 5). `source`
    # is then the Document without them (Document.moved places the others).
    dropped: frozenset[str] = frozenset()
    source: Document | None = field(default=None, compare=False, repr=False)

    @property
    def path(self) -> str:
        return self.source.path if self.source else "<memory>"

    @property
    def gives_money(self) -> bool:
        """Every benefit except free shipping takes money off the price (a benefit that
        could not be built may: it counts as giving money)."""
        return not isinstance(self.benefit, FreeShipping)


def usable(promo: Promotion, needs: tuple[str, ...]) -> bool:
    """True when no field in `needs` (dotted paths) is broken, nor inside or around one:
    a broken `limits.total` blocks a need for `limits` or `limits.total`, not `limits.per_user`.
    A list item left out (`dropped`) blocks nothing."""
    return not promo.broken or not any(
        b == n or b.startswith(n + ".") or n.startswith(b + ".")
        for b in promo.broken for n in needs
        if not (promo.dropped and inside(b, promo.dropped)))


def inside(path: str, items) -> bool:
    """True when dotted `path` is one of `items` or inside one."""
    return any(path == d or path.startswith(d + ".") for d in items)
