"""The check registry and the context every check receives.

A check module exports RULES (the rule names it may report), NEEDS (the fields it
reads, as dotted paths: a promotion with one of them broken is not given to it, see
promolint.model.promotion.usable) and either
`check(promo, ctx)` (one promotion at a time) or `check_all(promos, ctx)`
(across every promotion linted together). Both yield Diagnostics with no
severity: the engine decides severity from the catalog and config.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import import_module

from promolint.core.config import Settings
from promolint.source.files import path_key
from promolint.source.prices import PriceList

# Explicit, ordered registry: a test checks every module is here and names are unique.
MODULES = (
    "duplicate_id",
    "inverted_threshold",
    "non_monotonic_tiers",
    "currency_mismatch",
    "unknown_reference",
    "unknown_field",
    "type_mismatch",
    "missing_eligibility",
    "unsatisfiable_audience",
    "below_market",
    "stacking_below_market",
    "overlapping_exclusive",
    "unbounded_cost",
    "missing_per_user_limit",
    "unsigned_coupon",
    "unpriced_sku",
    "long_window",
    "cash_equivalent_scope",
    "unbounded_repeat",
    "suspicious_percent",
    "price_increase",
    "coupon_without_threshold",
    "uncapped_deep_discount",
    "stackable_percent_without_cap",
)


@dataclass
class Context:
    settings: Settings
    prices: PriceList = field(default_factory=PriceList)
    today: date = field(default_factory=date.today)
    # Context mode (pre-commit, --changed-since, the editor): only findings about the
    # named files are kept, so cross-file checks may skip whatever cannot involve one of
    # their promotions. None: every promotion is in focus.
    focus: frozenset[str] | None = None      # path_key() of each named file
    known_ids: frozenset[str] | None = None  # every id of the repository, loaded or not

    def in_focus(self, promo) -> bool:
        return self.focus is None or path_key(promo.path) in self.focus


def load_checks() -> list:
    """The check modules in registry order (imported once: this is asked for per file)."""
    return list(_modules())


@lru_cache(maxsize=1)
def _modules() -> tuple:
    return tuple(import_module(f"promolint.checks.{name}") for name in MODULES)
