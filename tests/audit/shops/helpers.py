"""What the shop tests share: map one dict row, get the promotion back parsed."""
from __future__ import annotations

import json
from decimal import Decimal

from promolint.audit import shops
from promolint.schema.validate import validator


def mapped(shop: str, table: str, row: dict):
    """The promotion rows a shop makes of one row: [(source, promotion dict, note ids)]."""
    module = shops.load(shop)
    out = []
    for item in module.promotion_rows(table, row):
        doc = json.loads(item.promotion, parse_float=Decimal, parse_int=Decimal)
        assert not list(validator().iter_errors(json.loads(item.promotion))), item.promotion
        out.append((item.source, doc, [note for note, _ in item.notes]))
    return out


def one(shop: str, table: str, row: dict):
    rows = mapped(shop, table, row)
    assert len(rows) == 1
    return rows[0]
