"""Promotions for the diff tests: a base Double 11 promotion, changed field by field."""
from __future__ import annotations

import copy
from decimal import Decimal

from promolint.checks import Context
from promolint.core.config import Settings
from promolint.run.load import load_file
from promolint.source.prices import Price, PriceList
from tests.strategies import dsl_text, yaml_text

BASE = {
    "apiVersion": "promolint/v1", "kind": "Promotion", "id": "d11", "name": "Double 11",
    "currency": "CNY",
    "window": {"start": "2026-11-11T00:00:00+08:00", "end": "2026-11-12T00:00:00+08:00"},
    "scope": {"skus": ["TEE-001", "TEE-002"]},
    "benefit": {"type": "threshold_off", "threshold": Decimal(200), "amount": Decimal(50)},
    "limits": {"per_user": Decimal(1), "budget": Decimal(50000)},
    "stacking": "exclusive",
}

PRICES = PriceList({
    "TEE-001": Price("TEE-001", "CNY", Decimal("99.00"), "apparel"),
    "TEE-002": Price("TEE-002", "CNY", Decimal("129.00"), "apparel"),
    **{f"PH-{i:03}": Price(f"PH-{i:03}", "CNY", Decimal(1000 + i), "phones") for i in range(412)},
})


def data(**changes) -> dict:
    """BASE with top-level keys replaced (None removes one)."""
    out = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def build(doc: dict, syntax: str = "yaml"):
    """The promotion model of one document, through the real loaders."""
    name = "p.promo" if syntax == "dsl" else "p.promo.yaml"
    text = dsl_text([doc]) if syntax == "dsl" else yaml_text([doc])
    promos, findings = load_file(name, Settings(), text)
    assert promos, findings
    return promos[0]


def context(prices: PriceList = PRICES) -> Context:
    return Context(settings=Settings(), prices=prices)
