"""The market price list: `sku,currency,market_price[,category]`."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from promolint.config import ConfigError

_MONEY = re.compile(r"[0-9]+(\.[0-9]+)?")
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class Price:
    sku: str
    currency: str
    market_price: Decimal
    category: str | None = None


class PriceList(dict):
    """sku -> Price."""

    def category(self, sku: str) -> str | None:
        price = self.get(sku)
        return price.category if price else None


def load_prices(path: Path) -> PriceList:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the price list: {err}") from None
    return parse_prices(text, str(path))


def parse_prices(text: str, name: str) -> PriceList:
    rows = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(rows, [])]
    need = ["sku", "currency", "market_price"]
    if header[:3] != need:
        raise ConfigError(f"{name}:1: the header must be sku,currency,market_price[,category], "
                          f"found {','.join(header) or 'nothing'}")
    out = PriceList()
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        price = _row(row, number, name, len(header) > 3)
        if price.sku in out:
            raise ConfigError(f"{name}:{number}: SKU {price.sku} is listed twice")
        out[price.sku] = price
    return out


def _row(row: list[str], number: int, name: str, has_category: bool) -> Price:
    cells = [c.strip() for c in row]
    if len(cells) < 3:
        raise ConfigError(f"{name}:{number}: expected sku,currency,market_price, found {len(cells)} column(s)")
    sku, currency, amount = cells[:3]
    if not sku:
        raise ConfigError(f"{name}:{number}: empty SKU")
    if not _CURRENCY.fullmatch(currency):
        raise ConfigError(f"{name}:{number}: currency {currency!r} is not an ISO 4217 code such as CNY")
    if not _MONEY.fullmatch(amount):
        raise ConfigError(f"{name}:{number}: market price {amount!r} is not a non-negative decimal such as 99.90")
    try:
        value = Decimal(amount)
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        raise ConfigError(f"{name}:{number}: bad market price {amount!r}") from None
    category = cells[3] if has_category and len(cells) > 3 and cells[3] else None
    return Price(sku, currency, value, category)
