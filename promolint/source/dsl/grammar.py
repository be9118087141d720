"""The DSL's Lark parser (grammar/promo.lark), built once per process."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def parser():
    """The DSL parser, built once per process (and cached on disk by Lark)."""
    from lark import Lark
    return Lark.open_from_package("promolint.grammar", "promo.lark", parser="lalr",
                                  propagate_positions=True, cache=True)
