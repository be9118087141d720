"""The market price list: `sku,currency,market_price[,category]`."""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from promolint.core.config import ConfigError
from promolint.core.frozen import frozen

_MONEY = re.compile(r"[0-9]+(\.[0-9]+)?")
_CURRENCY = re.compile(r"[A-Z]{3}")
# ISO 4217 active codes (2024), for catching typos such as RMB or CYN.
ISO_4217 = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS
TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF
YER ZAR ZMW ZWG ZWL
""".split())


@frozen
class Price:
    """One row of the price list: the market price of a SKU (and its category)."""

    sku: str
    currency: str
    market_price: Decimal
    category: str | None = None


class PriceList(dict):
    """sku -> Price.

    `memo()` is a cache for indexes derived from the list (promolint.engine.skus);
    every change to the list empties it, and it is not pickled (workers rebuild it)."""

    def category(self, sku: str) -> str | None:
        price = self.get(sku)
        return price.category if price else None

    def memo(self) -> dict:
        """Indexes derived from this list, by name; emptied by any change to the list."""
        return self.__dict__.setdefault("_memo", {})

    def _changed(self) -> None:
        self.__dict__.pop("_memo", None)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_memo"}


def _invalidating(name: str):
    method = getattr(dict, name)

    def changed(self, *args, **kwargs):
        self._changed()
        return method(self, *args, **kwargs)
    changed.__name__ = name
    return changed


for _name in ("__setitem__", "__delitem__", "__ior__", "clear", "pop", "popitem",
              "setdefault", "update"):
    setattr(PriceList, _name, _invalidating(_name))


def load_prices(path: Path) -> PriceList:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ConfigError(f"{path}: cannot read the price list: {err}") from None
    return parse_prices(text, str(path))


def parse_prices(text: str, name: str) -> PriceList:
    """The price list in `text`; any problem is a ConfigError naming the line."""
    try:
        return _parse(text, name)
    except csv.Error as err:  # NUL bytes, a field over the csv size limit
        raise ConfigError(f"{name}: the price list is not valid CSV: {err}") from None


def _parse(text: str, name: str) -> PriceList:
    rows = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(rows, [])]
    need = ["sku", "currency", "market_price"]
    if header[:3] != need:
        raise ConfigError(f"{name}:1: the header must be sku,currency,market_price[,category], "
                          f"found {','.join(header) or 'nothing'}")
    has_category = len(header) > 3
    found: dict[str, Price] = {}  # a plain dict, then one PriceList: no invalidation per row
    for number, row in enumerate(rows, start=2):
        price = _plain(row, has_category)
        if price is None:
            if not any(cell.strip() for cell in row):
                continue
            price = _row(row, number, name, has_category)
        if price.sku in found:
            raise ConfigError(f"{name}:{number}: SKU {price.sku} is listed twice")
        found[price.sku] = price
    return PriceList(found)


_money = _MONEY.fullmatch


def _plain(row: list[str], has_category: bool) -> Price | None:
    """The row's Price when it is plainly valid (3 or 4 cells, nothing to strip, a known
    currency, a short positive amount), else None: `_row` then decides and words any error.
    Same result as `_row` (tests/source/test_prices.py compares them)."""
    if len(row) == 3:
        sku, currency, amount = row
        category = None
    elif len(row) == 4:
        sku, currency, amount, category = row
        if not has_category or category != category.strip():
            return None
        category = category or None
    else:
        return None
    # ISO_4217 holds only [A-Z]{3} codes, so membership is the currency test; an amount of
    # at most 20 characters has at most 20 digits.
    if not sku or sku != sku.strip() or currency not in ISO_4217 or len(amount) > 20 \
            or not _money(amount):
        return None
    value = Decimal(amount)
    if not value:
        return None
    return Price(sku, currency, value, category)


def _row(row: list[str], number: int, name: str, has_category: bool) -> Price:
    cells = [c.strip() for c in row]
    if len(cells) < 3:
        raise ConfigError(f"{name}:{number}: expected sku,currency,market_price, found {len(cells)} column(s)")
    sku, currency, amount = cells[:3]
    if not sku:
        raise ConfigError(f"{name}:{number}: empty SKU")
    if not _CURRENCY.fullmatch(currency) or currency not in ISO_4217:
        raise ConfigError(f"{name}:{number}: currency {currency!r} is not an ISO 4217 code such as CNY")
    if not _MONEY.fullmatch(amount) or not Decimal(amount):
        raise ConfigError(f"{name}:{number}: market price {amount!r} is not a positive decimal such as 99.90")
    value = Decimal(amount)
    if len(value.as_tuple().digits) > 20:
        raise ConfigError(f"{name}:{number}: market price {amount!r} has more than 20 digits")
    category = cells[3] if has_category and len(cells) > 3 and cells[3] else None
    return Price(sku, currency, value, category)
