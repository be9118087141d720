"""The price list kept parsed on disk, for runs with the cache on.

A run meets the SKUs its promotions reach (a pre-commit run a handful), but parsing a
1,000,000-row list costs about 4 s and 650 MiB every time. So the first cached run
parses it as an uncached run does (every error is the same ConfigError) and stores the
rows in an SQLite table beside the cache, named by the digest of the bytes that were
parsed; later runs read the list's bytes once (the digest keys the cache), open the
table and look SKUs and categories up as they are asked for (a whole-order scope reads
them all, once). SQLite, not pickle: a table cannot run
code. The table's own digest is signed with the cache's per-user key and checked
before use, so a table planted in a restored cache is not believed.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
import tempfile
from decimal import Decimal
from pathlib import Path

from promolint.source.prices import Price, PriceList, _checked, _inside, _read, _not_utf8

SCHEMA = "v1"
UNUSED_DAYS = 14


class IndexedPrices(PriceList):
    """A PriceList whose rows stay in an SQLite table until asked for (sku -> Price)."""

    def __init__(self, path: str, digest: str, size: int):
        super().__init__()
        self.__dict__.update(_db=path, _pid=None, _conn=None, _rows={}, _size=size)
        self.digest = digest

    def __getstate__(self) -> dict:  # a worker opens its own connection
        return {k: v for k, v in self.__dict__.items() if k not in ("_memo", "_conn", "_pid")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _conn=None, _pid=None)

    def _query(self, sql: str, args=()) -> list:
        if self.__dict__.get("_pid") != os.getpid():  # never a connection across fork
            uri = Path(self.__dict__["_db"]).as_uri() + "?mode=ro"
            self.__dict__.update(_conn=sqlite3.connect(uri, uri=True), _pid=os.getpid())
        return self.__dict__["_conn"].execute(sql, args).fetchall()

    def _price(self, sku: str) -> Price | None:
        rows = self.__dict__["_rows"]
        if sku not in rows:
            found = self._query("SELECT sku, currency, price, category FROM prices WHERE sku = ?", (sku,))
            rows[sku] = _price(found[0]) if found else None
        return rows[sku]

    def __contains__(self, sku) -> bool:
        return isinstance(sku, str) and self._price(sku) is not None

    def __getitem__(self, sku: str) -> Price:
        price = self._price(sku) if isinstance(sku, str) else None
        if price is None:
            raise KeyError(sku)
        return price

    def get(self, sku, default=None):
        price = self._price(sku) if isinstance(sku, str) else None
        return default if price is None else price

    def __len__(self) -> int:
        return self.__dict__["_size"]

    def __bool__(self) -> bool:
        return self.__dict__["_size"] > 0

    def __iter__(self):
        return (p.sku for p in self.values())

    def keys(self):
        return list(self)

    def values(self):
        """Every row (a whole-order scope needs them all): read once, then kept."""
        memo = self.memo()
        if "all" not in memo:
            memo["all"] = [_price(r) for r in self._query(
                "SELECT sku, currency, price, category FROM prices ORDER BY sku")]
            self.__dict__["_rows"].update((p.sku, p) for p in memo["all"])
        return memo["all"]

    def items(self):
        return [(p.sku, p) for p in self.values()]

    def category_skus(self, category: str | None) -> list[str]:
        """The SKUs of one category, from the table's category index."""
        if category is None:
            rows = self._query("SELECT sku, currency, price, category FROM prices WHERE category IS NULL")
        else:
            rows = self._query("SELECT sku, currency, price, category FROM prices WHERE category = ?",
                               (category,))
        found = [_price(r) for r in rows]
        self.__dict__["_rows"].update((p.sku, p) for p in found)
        return [p.sku for p in found]


def _price(row) -> Price:
    return Price(row[0], row[1], Decimal(row[2]), row[3])


def load_indexed(path: Path, root: Path | None, folder: Path, key: bytes) -> PriceList:
    """The price list at `path`: from its table in `folder` when one made from these
    bytes is there and signed with `key`, else parsed (errors as load_prices) and stored."""
    data = _read(path)
    digest = hashlib.sha256(data).hexdigest()
    db = folder / f"prices-{SCHEMA}-{digest[:40]}.sqlite"
    size = _trusted(db, key)
    if size is not None:  # absolute: a relative $PROMOLINT_CACHE_DIR has no file URI
        return IndexedPrices(os.path.abspath(db), digest, size)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _not_utf8(path, data, err.start) from None
    prices = _checked(text, str(path), root is not None and _inside(path, root))
    prices.digest = digest
    _store(db, prices, key)
    return prices  # this run has it parsed already


def _prune(keep: Path) -> None:
    """Remove the tables of other price lists not used for UNUSED_DAYS (lists change)."""
    import time
    cutoff = time.time() - UNUSED_DAYS * 86400
    for sig in keep.parent.glob("prices-*.sig"):
        table = sig.with_suffix(".sqlite")
        try:
            if table != keep and sig.stat().st_mtime < cutoff:
                table.unlink(missing_ok=True)
                sig.unlink()
        except OSError:
            pass


def _signature_path(db: Path) -> Path:
    return db.with_suffix(".sig")


def _trusted(db: Path, key: bytes) -> int | None:
    """The row count of a table this user's key signed, else None."""
    try:
        blob = db.read_bytes()
        signed = _signature_path(db).read_bytes()
    except OSError:
        return None
    body = hashlib.sha256(blob).digest()
    if len(signed) < 32 or not hmac.compare_digest(signed[:32], hmac.digest(key, body, "sha256")):
        return None
    try:
        size = int(signed[32:].decode())
        os.utime(_signature_path(db))  # in use: not pruned
        return size
    except (ValueError, OSError):
        return None


def _store(db: Path, prices: PriceList, key: bytes) -> None:
    """Write the table (atomically) and its signature; any failure: no table."""
    try:
        fd, tmp = tempfile.mkstemp(dir=db.parent, prefix=".tmp-", suffix=".sqlite")
        os.close(fd)
        conn = sqlite3.connect(tmp)
        with conn:
            conn.execute("CREATE TABLE prices (sku TEXT PRIMARY KEY, currency TEXT, price TEXT, "
                         "category TEXT)")
            conn.executemany("INSERT INTO prices VALUES (?, ?, ?, ?)",
                             ((p.sku, p.currency, str(p.market_price), p.category)
                              for p in prices.values()))
            conn.execute("CREATE INDEX by_category ON prices (category)")
        conn.close()
        body = hashlib.sha256(Path(tmp).read_bytes()).digest()
        os.replace(tmp, db)
        sig = hmac.digest(key, body, "sha256") + str(len(prices)).encode()
        fd, tmp = tempfile.mkstemp(dir=db.parent, prefix=".tmp-", suffix=".sig")
        with os.fdopen(fd, "wb") as handle:  # in the folder only this user can write
            handle.write(sig)
        os.replace(tmp, _signature_path(db))
        _prune(db)
    except (OSError, sqlite3.Error):
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
