"""A small shop adapter for the tests (the built-in five live in promolint/audit/shops/):
data plus a small mapping, the shape docs/audit.md describes."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from promolint.audit.rows import PriceRow, PromotionRow

NAME = "example"
GUESS_TABLES = frozenset({"promo", "goods"})
NOTES = {"example-slot": {"en": "each day from {start} only", "zh": "每天仅从 {start} 开始"}}
TENANT_COLUMN = "shop_id"  # where a row that cannot be mapped says its tenant (default tenant)
CHINA = timezone(timedelta(hours=8))

PROMOTION_QUERIES = {
    "promo": "SELECT id, shop_id, title, kind, threshold, amount, price, sku, tiers, start_ms, "
             "end_ms, daily_start, total FROM promo WHERE deleted = 0 ORDER BY id",
}
PRICE_QUERY = "SELECT sku, shop_id, price, category FROM goods"
COLUMNS = {"promo": {"/benefit/amount": "amount", "/benefit/price": "price",
                     "/benefit/threshold": "threshold"}}


def _time(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, CHINA).isoformat()


def _benefit(row: dict) -> dict:
    if row["kind"] == "seckill":
        return {"type": "fixed_price", "price": Decimal(row["price"])}
    if row["kind"] == "ladder":
        return {"type": "tiered", "tiers": json.loads(row["tiers"], parse_float=Decimal)}
    return {"type": "threshold_off", "threshold": Decimal(row["threshold"]),
            "amount": Decimal(row["amount"])}


def promotion_rows(table: str, row: dict) -> list[PromotionRow]:
    promotion = {
        "apiVersion": "promolint/v1", "kind": "Promotion", "id": f"promo-{row['id']}",
        "name": row["title"], "currency": "CNY",
        "window": {"start": _time(row["start_ms"]), "end": _time(row["end_ms"])},
        "benefit": _benefit(row), "limits": {"total": row["total"], "per_user": 1}}
    if row["sku"]:
        promotion["scope"] = {"skus": [row["sku"]]}
    notes = (("example-slot", {"start": str(row["daily_start"])}),) if row["daily_start"] else ()
    tenant = str(row["shop_id"]) if row["shop_id"] else ""
    return [PromotionRow(tenant, f"{table}#{row['id']}", promotion, notes)]


def price_rows(row: dict) -> list[PriceRow]:
    tenant = str(row["shop_id"]) if row["shop_id"] else ""
    return [PriceRow(tenant, row["sku"], "CNY", Decimal(row["price"]), row["category"])]
