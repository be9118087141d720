"""The rows of spec section 8: a promotion row, a price row, and a finding row."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class PromotionRow:
    """One promotion kept as a row.

    `source` is `table#key` (e.g. `sms_coupon#7`): the finding's location. `promotion` is
    the format-v1 JSON object, as text or already parsed. `notes` are what an adapter could
    not map (a daily time slot, a quantity ladder...): each a `(note_id, args)` pair, args a
    dict of the sentence's placeholders; each becomes an `info` finding on the row
    (rule `unmapped-field`), never dropped.
    """

    tenant: str
    source: str
    promotion: str | dict
    notes: tuple = ()


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One reference price: what a customer would otherwise pay (the regular selling
    price, not a merchant-typed "original" price). An empty tenant prices every tenant."""

    tenant: str
    sku: str
    currency: str
    market_price: Decimal
    category: str | None = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What an adapter puts in `PromotionRow.promotion` when it cannot read a row at all
    (a column of an unexpected type): a `schema` finding on the row, never a skip."""

    problem: str


# A finding on a row, as Spark's DataFrame and `--format jsonl` carry it (section 8).
FINDING_COLUMNS = ("tenant", "source", "pointer", "rule", "severity", "message_en",
                   "message_zh", "witness", "fingerprint")
PROMOTION_COLUMNS = ("tenant", "source", "promotion")
PRICE_COLUMNS = ("tenant", "sku", "currency", "market_price", "category")


def split_source(source: str) -> tuple[str, str]:
    """`table#key` -> (table, key); a source without `#` is all table."""
    table, _, key = source.partition("#")
    return table, key
