"""The rules engine: price carts under promotions, search baskets, build witnesses.

- cart: Cart, CartLine, facts_for, loading cart and user files
- benefits: what each benefit type takes off (spec section 2.2)
- evaluator: which promotions apply and how they combine (the stacking rule)
- basket: the cheapest basket past the below-market line (audience facts from
  promolint.analysis, with the cart's own facts fixed)
- witness: witnesses from baskets, and replaying them
- exposure: the most money a promotion can give away
"""
from promolint.engine.cart import Cart, CartError, CartLine, facts_for
from promolint.engine.evaluator import Result, evaluate
from promolint.engine.exposure import exposure

__all__ = ["Cart", "CartError", "CartLine", "Result", "evaluate", "exposure", "facts_for"]
