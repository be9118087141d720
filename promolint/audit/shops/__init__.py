"""The built-in shop adapters: one module per shop, each data plus a small mapping.

A shop module promolint/audit/shops/<name>.py defines:
    NAME: str
    GUESS_TABLES: frozenset[str]   # tables whose presence picks this shop
    NOTES: dict[note_id, {"en": ..., "zh": ...}]   # optional: its own note sentences
    PROMOTION_QUERIES: dict[table, "SELECT ..."]
    PRICE_QUERY: "SELECT ..."
    def promotion_rows(table: str, row: dict) -> list[PromotionRow]
    def price_rows(row: dict) -> list[PriceRow]
Add its name to SHOPS below (docs/audit.md: writing an adapter).
"""
from __future__ import annotations

from importlib import import_module
from types import ModuleType

SHOPS: tuple[str, ...] = ()  # mall, crmeb, yshop, newbee, litemall as each lands


def load(name: str) -> ModuleType:
    """The shop module called `name` (one of SHOPS); KeyError for another name."""
    if name not in SHOPS:
        raise KeyError(name)
    return import_module(f"{__name__}.{name}")


def guess(table_names) -> str | None:
    """The shop whose GUESS_TABLES are all among `table_names` (the one matching most
    tables when several do), or None."""
    tables = {str(t).lower() for t in table_names}
    best, best_count = None, 0
    for name in SHOPS:
        wanted = load(name).GUESS_TABLES
        if wanted and wanted <= tables and len(wanted) > best_count:
            best, best_count = name, len(wanted)
    return best
