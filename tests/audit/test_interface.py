"""The adapter interface others build on: rows, the shop registry, the guess."""
from __future__ import annotations

from decimal import Decimal

from promolint.audit import shops
from promolint.audit.rows import PriceRow, PromotionRow, split_source


def test_rows_carry_the_section_8_columns():
    row = PromotionRow("t1", "sms_coupon#7", {"id": "c7"}, (("daily-slot", {"start": "10:00"}),))
    price = PriceRow("", "GC-100", "CNY", Decimal("100.00"), None)
    assert split_source(row.source) == ("sms_coupon", "7")
    assert row.notes[0][0] == "daily-slot" and price.market_price == Decimal("100.00")


def test_guess_picks_no_shop_for_unknown_tables():
    assert shops.guess(["orders", "users"]) is None


def test_every_registered_shop_has_the_interface():
    for name in shops.SHOPS:
        module = shops.load(name)
        assert module.NAME == name and module.GUESS_TABLES
        assert callable(module.promotion_rows) and callable(module.price_rows)
        assert module.PROMOTION_QUERIES and module.PRICE_QUERY.lstrip().upper().startswith("SELECT")
