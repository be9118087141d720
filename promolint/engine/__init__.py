"""The rules engine: price carts under promotions, search baskets, build witnesses.

- cart: Cart, CartLine, facts_for, the one validator of cart and user data (every
  problem at its key path) and building them
- benefits: what each benefit type takes off (spec section 2.2)
- evaluator: which promotions apply and how they combine (the stacking rule)
- basket: the cheapest basket past the below-market line (audience facts from
  promolint.expr.analysis, with the cart's own facts fixed)
- witness: witnesses from baskets, and replaying them
- exposure: the most money a promotion can give away
"""
from __future__ import annotations

from importlib import import_module

# Imported on first use: a check that needs only engine.skus must not pay for the rest.
_HOME = {"Cart": "cart", "CartError": "cart", "CartLine": "cart", "facts_for": "cart",
         "Result": "evaluator", "evaluate": "evaluator", "exposure": "exposure"}

__all__ = ["Cart", "CartError", "CartLine", "Result", "evaluate", "exposure", "facts_for"]


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
