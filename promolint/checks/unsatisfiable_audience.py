"""unsatisfiable-audience: the audience can never be true, so the promotion never applies.

Decided by `promolint.expr.analysis.satisfiable` (a proof, see its docstring). Audiences
with unknown fields or type errors are left to unknown-field and type-mismatch,
whose fix changes the audience anyway.
"""
from __future__ import annotations

from promolint.checks.type_mismatch import has_problems
from promolint.core.diagnostics import make
from promolint.expr.analysis import satisfiable
from promolint.expr.memo import expr_key, memoised
from promolint.expr.syntax import Field, to_text, walk

RULES = ("unsatisfiable-audience",)
NEEDS = ("audience",)


def check(promo, ctx):
    expr, fields = promo.audience, ctx.settings.fields
    if expr is None:
        return
    if never_true(expr, fields):
        yield make(promo.path, expr.span, "unsatisfiable-audience", promotion=promo.id,
                   audience=to_text(expr))


def never_true(expr, fields: dict) -> bool:
    """The rule's decision, memoised per expression structure and field types."""
    return memoised(_DECIDED, lambda: (expr_key(expr, keep=True), tuple(fields.items())),
                    lambda: _decide(expr, fields))


_DECIDED: dict = {}


def _decide(expr, fields: dict) -> bool:
    if any(isinstance(n, Field) and n.name not in fields for n in walk(expr)):
        return False
    if has_problems(expr, fields):
        return False
    return satisfiable(expr, fields) is False
