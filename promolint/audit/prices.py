"""Price rows (spec section 8's price table) from any reader, checked as the price list
is: a bad row is one located line (exit 2), never a guess."""
from __future__ import annotations

from decimal import Decimal

from promolint.audit.rows import PriceRow


def text_of(value) -> str:
    """A cell as the text it was written as (money never goes through a float's maths:
    a float cell, as Parquet may hold, is read by its shortest text)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def price_row(item: dict, name: str = "prices", number: int = 0) -> PriceRow:
    """One price record (tenant optional) as a PriceRow; ConfigError naming `name:number`."""
    from promolint.source.prices import price_from_cells
    cells = [text_of(item.get(key)) for key in ("sku", "currency", "market_price", "category")]
    price = price_from_cells(cells, number, name)
    return PriceRow(text_of(item.get("tenant")).strip(), price.sku, price.currency,
                    price.market_price, price.category)
