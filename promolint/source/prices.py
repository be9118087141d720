"""The market price list: `sku,currency,market_price[,category]`.

Read once, bounded: only a regular file (no FIFO, device or /dev/zero), at most
MAX_BYTES, strictly UTF-8. The path may lead outside the repository (a list shared by
several repositories, one a CI step downloads): that is the config's decision. But
what it names may be anything the runner can read (`/proc/self/environ`), so its
errors quote the file's content (a short, escaped excerpt) only when it lies inside
the config's folder, symlinks resolved; otherwise they name the line and not the text.
The PriceList keeps the SHA-256 of the bytes it was parsed from (`digest`): the
cache is keyed on exactly what was used, never on a second read.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from decimal import Decimal
from pathlib import Path

from promolint.core.config import ConfigError
from promolint.core.frozen import frozen
from promolint.core.phrases import phrase
from promolint.core.sentences import table

MAX_BYTES = 64 * 1024 * 1024  # ~2 million rows; a bigger file is refused, not read
EXCERPT_CHARS = 40
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

# What is wrong with the price list (a ConfigError's sentence, merged into messages.UI):
# a marketer edits it in Excel.
SENTENCES = table("source.prices.SENTENCES", {
    "prices-gbk": {
        "en": "{path}:{line}: the price list is not UTF-8 text: it looks like GBK, which is how Excel saves \"CSV (Comma delimited)\" on a Chinese Windows. In Excel use File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\" and save it again",
        "zh": "{path}:{line}:价格表不是 UTF-8 编码,看起来是 GBK(中文版 Windows 上的 Excel 另存为「CSV(逗号分隔)」时就是这种编码)。请在 Excel 中选择「文件 > 另存为」,保存类型选「CSV UTF-8(逗号分隔)(*.csv)」,重新保存"},
    "prices-utf16": {
        "en": "{path}: the price list is UTF-16 (Excel's \"Unicode Text\"), not a UTF-8 CSV. In Excel use File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"",
        "zh": "{path}:价格表是 UTF-16 编码(Excel 的「Unicode 文本」),不是 UTF-8 的 CSV。请在 Excel 中选择「文件 > 另存为」,保存类型选「CSV UTF-8(逗号分隔)(*.csv)」"},
    "prices-not-utf8": {
        "en": "{path}:{line}: the price list is not UTF-8 text. Save it as UTF-8 (in Excel: File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\")",
        "zh": "{path}:{line}:价格表不是 UTF-8 编码。请以 UTF-8 保存(Excel 中:「文件 > 另存为」,保存类型选「CSV UTF-8(逗号分隔)(*.csv)」)"},
    "prices-not-regular": {"en": "{path}: the price list is not a regular file",
                           "zh": "{path}:价格表不是普通文件"},
    "prices-too-large": {"en": "{path}: the price list is larger than {mib} MiB",
                         "zh": "{path}:价格表超过 {mib} MiB"},
    "prices-unreadable": {"en": "{path}: cannot read the price list: {problem}",
                          "zh": "{path}:无法读取价格表({problem})"},
    "prices-bad-csv": {"en": "{name}: the price list is not valid CSV (a NUL byte or a huge cell?)",
                       "zh": "{name}:价格表不是有效的 CSV(含 NUL 字节或超长单元格?)"},
    "prices-header": {
        "en": "{name}:1: the header must be sku,currency,market_price[,category], found {found}",
        "zh": "{name}:1:表头必须是 sku,currency,market_price[,category],实际是 {found}"},
    "prices-twice": {"en": "{name}:{number}: SKU {sku} is listed twice",
                     "zh": "{name}:{number}:SKU {sku} 出现了两次"},
    "prices-columns": {"en": "{name}:{number}: expected sku,currency,market_price, found {count} column(s)",
                       "zh": "{name}:{number}:应为 sku,currency,market_price 三列,实际只有 {count} 列"},
    "prices-empty-sku": {"en": "{name}:{number}: empty SKU", "zh": "{name}:{number}:SKU 为空"},
    "prices-currency": {
        "en": "{name}:{number}: currency {currency} is not an ISO 4217 code such as CNY",
        "zh": "{name}:{number}:币种 {currency} 不是 ISO 4217 代码(例如 CNY)"},
    "prices-amount": {
        "en": "{name}:{number}: market price {amount} is not a positive decimal such as 99.90",
        "zh": "{name}:{number}:市场价 {amount} 不是正的小数(例如 99.90)"},
    "prices-digits": {"en": "{name}:{number}: market price {amount} has more than 20 digits",
                      "zh": "{name}:{number}:市场价 {amount} 超过 20 位数字"},
})


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
    every change to the list empties it, and it is not pickled (workers rebuild it).
    `digest`: the SHA-256 of the text it was parsed from (None when built by hand)."""

    digest: str | None = None

    def fingerprint(self) -> str:
        """What the list holds, for the cache's key: its source's digest when known."""
        if self.digest is not None and "_edited" not in self.__dict__:
            return self.digest
        rows = sorted((p.sku, p.currency, str(p.market_price), p.category) for p in self.values())
        return hashlib.sha256(repr(rows).encode("utf-8", "surrogateescape")).hexdigest()

    def category(self, sku: str) -> str | None:
        price = self.get(sku)
        return price.category if price else None

    def memo(self) -> dict:
        """Indexes derived from this list, by name; emptied by any change to the list."""
        return self.__dict__.setdefault("_memo", {})

    def _changed(self) -> None:
        self.__dict__.pop("_memo", None)
        self.__dict__["_edited"] = True  # the digest no longer describes the list

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


def load_prices(path: Path, root: Path | None = None) -> PriceList:
    """The price list at `path`, read once. Its content is quoted in errors only when
    it lies under `root` (the config's folder)."""
    data = _read(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _not_utf8(path, data, err.start) from None
    prices = _checked(text, str(path), root is not None and _inside(path, root))
    prices.digest = hashlib.sha256(data).hexdigest()
    return prices


def _not_utf8(path: Path, data: bytes, start: int) -> ConfigError:
    """Excel on a Chinese Windows saves "CSV (Comma delimited)" in GBK, and "Unicode
    Text" in UTF-16: say so, and how to save it as CSV UTF-8."""
    line = data.count(b"\n", 0, start) + 1
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return ConfigError.said(SENTENCES, "prices-utf16", path=str(path))
    if _reads_as_gbk(data):
        return ConfigError.said(SENTENCES, "prices-gbk", path=str(path), line=line)
    return ConfigError.said(SENTENCES, "prices-not-utf8", path=str(path), line=line)


def _reads_as_gbk(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return re.search("[\u4e00-\u9fff]", text) is not None


def _read(path: Path) -> bytes:
    """At most MAX_BYTES of a regular file. Opened without blocking (a FIFO swapped in
    after a check would hang the open), then checked on the open descriptor."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise _unreadable(path, err) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError.said(SENTENCES, "prices-not-regular", path=str(path))
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(MAX_BYTES + 1 - size, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise _unreadable(path, err) from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise ConfigError.said(SENTENCES, "prices-too-large", path=str(path),
                               mib=MAX_BYTES // (1024 * 1024))
    return b"".join(chunks)


def _unreadable(path: Path, err: OSError) -> ConfigError:
    from promolint.source.files import os_problem
    return ConfigError.said(SENTENCES, "prices-unreadable", path=str(path), problem=os_problem(err))


def _inside(path: Path, root: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(root).resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def parse_prices(text: str, name: str, quote: bool = True) -> PriceList:
    """The price list in `text`; any problem is a ConfigError naming the line (and
    quoting a short escaped excerpt of the text when `quote`)."""
    prices = _checked(text, name, quote)
    prices.digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
    return prices


def _checked(text: str, name: str, quote: bool) -> PriceList:
    try:
        return _parse(text, name, _excerpt if quote else _hidden)
    except csv.Error:  # NUL bytes, a field over the csv size limit
        raise ConfigError.said(SENTENCES, "prices-bad-csv", name=name) from None


def _excerpt(value: str) -> str:
    """`value` quoted, escaped (no control characters) and cut to EXCERPT_CHARS."""
    shown = repr(value[:EXCERPT_CHARS])
    return shown + "..." if len(value) > EXCERPT_CHARS else shown


def _hidden(value: str):
    return phrase("not-shown-outside")


def _parse(text: str, name: str, show) -> PriceList:
    rows = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(rows, [])]
    need = ["sku", "currency", "market_price"]
    if header[:3] != need:
        found = show(",".join(header)) if header else phrase("nothing")
        raise ConfigError.said(SENTENCES, "prices-header", name=name, found=found)
    has_category = len(header) > 3
    found: dict[str, Price] = {}  # a plain dict, then one PriceList: no invalidation per row
    for number, row in enumerate(rows, start=2):
        price = _plain(row, has_category)
        if price is None:
            if not any(cell.strip() for cell in row):
                continue
            price = _row(row, number, name, has_category, show)
        if price.sku in found:
            raise ConfigError.said(SENTENCES, "prices-twice", name=name, number=number,
                                   sku=show(price.sku))
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


def _row(row: list[str], number: int, name: str, has_category: bool, show=_excerpt) -> Price:
    cells = [c.strip() for c in row]
    if len(cells) < 3:
        raise ConfigError.said(SENTENCES, "prices-columns", name=name, number=number,
                               count=len(cells))
    sku, currency, amount = cells[:3]
    if not sku:
        raise ConfigError.said(SENTENCES, "prices-empty-sku", name=name, number=number)
    if not _CURRENCY.fullmatch(currency) or currency not in ISO_4217:
        raise ConfigError.said(SENTENCES, "prices-currency", name=name, number=number,
                               currency=show(currency))
    if not _MONEY.fullmatch(amount) or not Decimal(amount):
        raise ConfigError.said(SENTENCES, "prices-amount", name=name, number=number,
                               amount=show(amount))
    value = Decimal(amount)
    if len(value.as_tuple().digits) > 20:
        raise ConfigError.said(SENTENCES, "prices-digits", name=name, number=number,
                               amount=show(amount))
    category = cells[3] if has_category and len(cells) > 3 and cells[3] else None
    return Price(sku, currency, value, category)


def price_from_cells(cells: list[str], number: int, name: str) -> Price:
    """One price from its four cells (sku, currency, market_price, category: "" for
    none), checked as a row of the list is (`promolint audit`'s price tables)."""
    return _plain(cells, True) or _row(cells, number, name, True)
