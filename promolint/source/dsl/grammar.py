"""The DSL's parser (grammar/promo.lark), built once per process."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def parser():
    """The DSL parser, from tables generated ahead (promolint.expr.gen): no grammar
    analysis at start-up, and no Lark cache pickled into /tmp (whoever writes that file
    first on a shared host runs code as the next user to lint a .promo file)."""
    from promolint.source.dsl._parser import Lark_StandAlone
    return Lark_StandAlone()
