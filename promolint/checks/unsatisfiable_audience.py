"""unsatisfiable-audience: the audience can never be true, so the promotion never applies.

Decided by `promolint.analysis.satisfiable` (a proof, see its docstring). Audiences
with unknown fields or type errors are left to unknown-field and type-mismatch,
whose fix changes the audience anyway.
"""
from __future__ import annotations

from promolint.analysis import satisfiable
from promolint.checks.type_mismatch import problems
from promolint.diagnostics import make
from promolint.expr import Field, to_text, walk

RULES = ("unsatisfiable-audience",)


def check(promo, ctx):
    expr, fields = promo.audience, ctx.settings.fields
    if expr is None:
        return
    if any(isinstance(n, Field) and n.name not in fields for n in walk(expr)):
        return
    if next(iter(problems(expr, fields)), None) is not None:
        return
    if satisfiable(expr, fields) is False:
        yield make(promo.path, expr.span, "unsatisfiable-audience", promotion=promo.id,
                   audience=to_text(expr))
