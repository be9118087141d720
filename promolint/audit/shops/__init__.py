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

SHOPS: tuple[str, ...] = ("mall", "crmeb", "yshop", "newbee", "litemall")


def load(name: str) -> ModuleType:
    """The shop module called `name` (one of SHOPS; KeyError for another name), its
    NOTES registered as sentences."""
    if name not in SHOPS:
        raise KeyError(name)
    module = import_module(f"{__name__}.{name}")
    register(module)
    return module


def register(module: ModuleType) -> None:
    """The shop's NOTES as phrases (note ids are one namespace across shops)."""
    from promolint.core.phrases import PHRASES
    for note_id, sentences in getattr(module, "NOTES", {}).items():
        PHRASES[f"note:{note_id}"] = sentences


def load_all() -> list[ModuleType]:
    return [load(name) for name in SHOPS]


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


def pick(name: str | None, tables, where: str) -> ModuleType:
    """The adapter --shop names (a built-in name, or a path to a .py file defining the
    same names), else the one guessed from `tables`; ConfigError when none fits."""
    from promolint.core.config import ConfigError
    if name and name.endswith(".py"):
        return _from_file(name)
    if name:
        if name not in SHOPS:
            raise ConfigError(f"--shop {name}: no such shop adapter; use one of {_names()}",
                              "audit-shop-unknown", name=name, shops=_names())
        return load(name)
    found = guess(tables)
    if found is None:
        raise ConfigError(f"{where}: no shop adapter recognises these tables; name one with "
                          f"--shop ({_names()})", "audit-shop-unguessed", where=where,
                          shops=_names())
    return load(found)


def _names() -> str:
    return ", ".join(SHOPS) or "a .py file"


def _from_file(path: str) -> ModuleType:
    """An adapter of the user's own, from its file (docs/audit.md)."""
    import importlib.util
    from promolint.core.config import ConfigError
    spec = importlib.util.spec_from_file_location(f"promolint_shop_{abs(hash(path))}", path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"--shop {path}: no such shop adapter", "audit-shop-unknown",
                          name=path, shops=_names())
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except OSError:
        raise ConfigError(f"--shop {path}: no such shop adapter", "audit-shop-unknown",
                          name=path, shops=_names()) from None
    register(module)
    return module
