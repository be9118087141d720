"""The semantic model both syntaxes compile to: plain frozen dataclasses.

Positions are not part of a promotion's identity: `source` (the Document) is
excluded from comparison, so the same promotion from YAML and DSL compares equal.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Union

from promolint.document import Document
from promolint.expr import Expr

CAMPAIGNS = ("general", "flash_sale", "clearance", "member", "first_order",
             "new_user", "group_buy", "compensation")


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class PercentOff:
    percent: Decimal
    max_amount: Decimal | None = None


@dataclass(frozen=True)
class AmountOff:
    amount: Decimal


@dataclass(frozen=True)
class ThresholdOff:
    threshold: Decimal
    amount: Decimal
    repeat: bool = False
    max_repeats: int | None = None


@dataclass(frozen=True)
class Tier:
    threshold: Decimal
    amount: Decimal | None = None
    percent: Decimal | None = None


@dataclass(frozen=True)
class Tiered:
    tiers: tuple[Tier, ...]


@dataclass(frozen=True)
class FixedPrice:
    price: Decimal


@dataclass(frozen=True)
class BuyXGetY:
    buy: int
    get: int
    percent: Decimal = Decimal(100)


@dataclass(frozen=True)
class GroupPrice:
    price: Decimal
    min_group_size: int


@dataclass(frozen=True)
class FreeShipping:
    min_subtotal: Decimal | None = None


Benefit = Union[PercentOff, AmountOff, ThresholdOff, Tiered, FixedPrice, BuyXGetY,
                GroupPrice, FreeShipping]

BENEFIT_TYPES = {
    "percent_off": PercentOff, "amount_off": AmountOff, "threshold_off": ThresholdOff,
    "tiered": Tiered, "fixed_price": FixedPrice, "buy_x_get_y": BuyXGetY,
    "group_price": GroupPrice, "free_shipping": FreeShipping,
}


@dataclass(frozen=True)
class Limits:
    per_user: int | None = None
    total: int | None = None
    budget: Decimal | None = None


@dataclass(frozen=True)
class Stacking:
    """`mode` is exclusive, stackable or with (then `with_ids` lists partners)."""

    mode: str = "exclusive"
    with_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coupon:
    required: bool = False
    signed: bool = False
    rate_limit_per_minute: int | None = None


@dataclass(frozen=True)
class Suppression:
    rule: str
    reason: str
    until: date | None = None
    index: int = 0  # position in the suppress list, to locate it


@dataclass(frozen=True)
class Promotion:
    id: str
    name: str
    currency: str
    window: Window
    benefit: Benefit
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
    source: Document | None = field(default=None, compare=False, repr=False)

    @property
    def path(self) -> str:
        return self.source.path if self.source else "<memory>"

    @property
    def gives_money(self) -> bool:
        """Every benefit except free shipping takes money off the price."""
        return not isinstance(self.benefit, FreeShipping)
