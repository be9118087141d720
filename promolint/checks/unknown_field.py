"""unknown-field: an audience expression names a field outside the vocabulary.

The concrete evaluator treats a missing field as making its comparison false, so a
typo (`user.teir == 'gold'`) silently turns a condition off, or, under `not`, on.
The vocabulary is the default fields of spec section 4 plus config `fields`.
"""
from __future__ import annotations

from promolint.core.diagnostics import make
from promolint.expr.syntax import Field, walk
from promolint.expr.vocabulary import suggest

RULES = ("unknown-field",)
NEEDS = ("audience",)


def check(promo, ctx):
    if promo.audience is None:
        return
    fields = ctx.settings.fields
    for node in walk(promo.audience):
        if isinstance(node, Field) and node.name not in fields:
            guess = suggest(node.name, fields)
            if guess:
                yield make(promo.path, node.span, "unknown-field", promotion=promo.id,
                           field=node.name, suggestion=guess)
            else:
                yield make(promo.path, node.span, "unknown-field", "unknown-field-no-guess",
                           promotion=promo.id, field=node.name,
                           known=", ".join(sorted(fields)))
