"""The price list kept parsed on disk (context mode) answers as the parsed list does."""
from __future__ import annotations

import os
import pickle
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.core.config import ConfigError
from promolint.engine.skus import category_prices, category_set_prices, scoped_prices
from promolint.model import promotion as m
from promolint.source.prices import load_prices
from promolint.source.prices_db import IndexedPrices, load_indexed

KEY = b"k" * 32
SKUS = ["A", "B", "C", "D", "E"]
CATEGORIES = ["x", "y", None]


def _csv(rows) -> str:
    lines = ["sku,currency,market_price,category"]
    lines += [f"{sku},{cur},{price},{cat or ''}" for sku, cur, price, cat in rows]
    return "\n".join(lines) + "\n"


ROWS = st.lists(st.tuples(st.sampled_from(SKUS), st.sampled_from(["CNY", "USD"]),
                          st.sampled_from(["9.90", "100", "0.01", "1234.5"]),
                          st.sampled_from(CATEGORIES)),
                unique_by=lambda r: r[0])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(ROWS)
def test_answers_as_the_parsed_list(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("db")
    path = folder / "prices.csv"
    path.write_text(_csv(rows))
    plain = load_prices(path)
    load_indexed(path, None, folder, KEY)  # parses and stores
    kept = load_indexed(path, None, folder, KEY)
    assert isinstance(kept, IndexedPrices)
    assert kept.fingerprint() == plain.fingerprint()
    assert len(kept) == len(plain) and bool(kept) == bool(plain)
    for sku in SKUS + ["nope"]:
        assert (sku in kept) == (sku in plain)
        assert kept.get(sku) == plain.get(sku)
        assert kept.category(sku) == plain.category(sku)
    assert sorted(kept.values(), key=lambda p: p.sku) == sorted(plain.values(), key=lambda p: p.sku)
    for category in CATEGORIES:
        assert category_prices(kept, category) == category_prices(plain, category)
    assert category_set_prices(kept, frozenset({"x", "y"})) == \
        category_set_prices(plain, frozenset({"x", "y"}))
    for scope in (m.Scope(), m.Scope(categories=("x",)), m.Scope(skus=("A", "C"), categories=("y",),
                                                                 exclude_skus=("B",))):
        promo = SimpleNamespace(scope=scope, currency="CNY")  # all scoped_prices reads
        assert scoped_prices(promo, kept) == scoped_prices(promo, plain)


def test_a_worker_gets_its_own_connection(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text(_csv([("A", "CNY", "9.90", "x")]))
    load_indexed(path, None, tmp_path, KEY)
    kept = load_indexed(path, None, tmp_path, KEY)
    assert kept["A"].market_price == Decimal("9.90")
    again = pickle.loads(pickle.dumps(kept))
    assert again["A"].market_price == Decimal("9.90") and again.digest == kept.digest


def _table(folder: Path) -> Path:
    (db,) = folder.glob("prices-*.sqlite")
    return db


def test_a_tampered_or_unsigned_table_is_not_believed(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text(_csv([("A", "CNY", "100", "x")]))
    load_indexed(path, None, tmp_path, KEY)
    import sqlite3
    with sqlite3.connect(_table(tmp_path)) as conn:  # someone makes A cost 1
        conn.execute("UPDATE prices SET price = '1' WHERE sku = 'A'")
    assert load_indexed(path, None, tmp_path, KEY)["A"].market_price == Decimal(100)
    assert load_indexed(path, None, tmp_path, b"other key".ljust(32))["A"].market_price == Decimal(100)


def test_a_changed_list_is_a_new_table(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text(_csv([("A", "CNY", "100", "x")]))
    load_indexed(path, None, tmp_path, KEY)
    path.write_text(_csv([("A", "CNY", "5", "x")]))
    assert load_indexed(path, None, tmp_path, KEY)["A"].market_price == Decimal(5)
    assert load_indexed(path, None, tmp_path, KEY)["A"].market_price == Decimal(5)


def test_errors_are_those_of_the_parsed_list(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("sku,currency,market_price\nA,CNY,abc\n")
    with pytest.raises(ConfigError) as plain:
        load_prices(path)
    with pytest.raises(ConfigError) as kept:
        load_indexed(path, None, tmp_path, KEY)
    assert str(kept.value) == str(plain.value)
    assert not list(tmp_path.glob("prices-*.sqlite"))


def test_no_table_when_it_cannot_be_written(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text(_csv([("A", "CNY", "100", "x")]))
    missing = tmp_path / "not-a-folder"
    assert load_indexed(path, None, missing, KEY)["A"].market_price == Decimal(100)
    assert not missing.exists()


def test_tables_unused_for_two_weeks_are_removed(tmp_path):
    old = tmp_path / "old.csv"
    old.write_text(_csv([("A", "CNY", "1", "x")]))
    load_indexed(old, None, tmp_path, KEY)
    (sig,) = tmp_path.glob("prices-*.sig")
    month_ago = sig.stat().st_mtime - 30 * 86400
    os.utime(sig, (month_ago, month_ago))
    new = tmp_path / "new.csv"
    new.write_text(_csv([("B", "CNY", "2", "x")]))
    load_indexed(new, None, tmp_path, KEY)
    assert len(list(tmp_path.glob("prices-*.sqlite"))) == 1
    assert load_indexed(new, None, tmp_path, KEY)["B"].market_price == Decimal(2)


def test_a_relative_store_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("store").mkdir()
    Path("prices.csv").write_text(_csv([("A", "CNY", "100", "x")]))
    load_indexed(Path("prices.csv"), None, Path("store"), KEY)
    kept = load_indexed(Path("prices.csv"), None, Path("store"), KEY)
    assert isinstance(kept, IndexedPrices) and kept["A"].market_price == Decimal(100)
