"""type-mismatch: an audience expression compares values of different types.

`user.order_count == "0"` is never true (a number never equals a text), so the
`!=` form is always true; `user.tier > 3` orders a text against a number (ordering
two texts is fine: `user.signup_date < "2026-11-11"`); `contains` on a text is
always false; a bare number or text used as a condition is always false. Each of
these silently lets everyone in or nobody. Unknown fields are left to unknown-field.
"""
from __future__ import annotations

from typing import Iterator

from promolint.core.diagnostics import make
from promolint.core.phrases import phrase
from promolint.expr.memo import expr_key, memoised
from promolint.expr.syntax import BoolOp, Compare, Field, ListLit, Literal, Not, to_text
from promolint.expr.vocabulary import kind_of_value, operand_kind

RULES = ("type-mismatch",)
NEEDS = ("audience",)
_ORDER = ("<", "<=", ">", ">=")


def check(promo, ctx):
    if promo.audience is None or not has_problems(promo.audience, ctx.settings.fields):
        return
    for node, message_id, args in problems(promo.audience, ctx.settings.fields):
        yield make(promo.path, node.span, "type-mismatch", message_id, promotion=promo.id,
                   **_said(args))


def _said(args: dict) -> dict:
    """Kinds (number, string, ...) as phrases: a Chinese message names them in Chinese."""
    return {k: phrase(f"kind-{v}") if k.endswith("kind") else v for k, v in args.items()}


def has_problems(expr, fields: dict) -> bool:
    """Whether `problems` finds any; memoised per expression structure and field types
    (audiences repeat; the positions `problems` reports are not needed for yes or no)."""
    return memoised(_HAS_PROBLEMS, lambda: (expr_key(expr, keep=True), tuple(fields.items())),
                    lambda: next(iter(problems(expr, fields)), None) is not None)


_HAS_PROBLEMS: dict = {}


def problems(expr, fields: dict) -> Iterator[tuple]:
    """(node to point at, message id, args) for every type error in `expr`."""
    if isinstance(expr, BoolOp):
        for item in expr.items:
            yield from problems(item, fields)
    elif isinstance(expr, Not):
        yield from problems(expr.operand, fields)
    elif isinstance(expr, Compare):
        yield from _compare(expr, fields)
    else:
        kind = operand_kind(expr, fields)
        if kind is not None and kind != "bool":
            yield expr, "type-mismatch-condition", {"text": to_text(expr), "kind": kind,
                                                    "example": _example_condition(expr, fields)}


def _compare(node: Compare, fields: dict) -> Iterator[tuple]:
    for side in (node.left, node.right):
        if isinstance(side, (BoolOp, Not, Compare)):
            yield from problems(side, fields)
    lk, rk = operand_kind(node.left, fields), operand_kind(node.right, fields)
    if lk is None or rk is None:
        return
    if node.op in ("in", "not in"):
        yield from _membership(node, node.left, lk, node.right, rk)
    elif node.op == "contains":
        yield from _membership(node, node.right, rk, node.left, lk)
    elif node.op in _ORDER and not (lk == rk and lk in ("number", "string")):
        # two strings order fine (an ISO date kept in a string field): the same type
        bad = node.right if lk == "number" else node.left
        kind = lk if lk != "number" else rk
        yield bad, "type-mismatch-order", {"text": to_text(node), "kind": kind,
                                           "example": _example_order(node, lk, rk)}
    elif lk != rk:
        always = "false" if node.op == "==" else "true"
        value = node.right if isinstance(node.left, Field) else node.left
        yield value, "type-mismatch-compare", {"text": to_text(node), "left_kind": lk,
                                               "right_kind": rk, "always": always,
                                               "example": _example_compare(node, lk, rk)}


def _membership(node: Compare, item, item_kind: str, holder, holder_kind: str) -> Iterator[tuple]:
    """`item in holder` / `holder contains item`: holder must be a list of item's kind."""
    text = to_text(node)
    if holder_kind != "list":
        yield holder, "type-mismatch-not-list", {"text": text, "kind": holder_kind,
                                                      "example": _example_list(node, item)}
    elif isinstance(holder, ListLit):
        for lit in holder.items:
            lit_kind = kind_of_value(lit.value)
            if lit_kind != item_kind:
                yield lit, "type-mismatch-in", {"text": text, "value": to_text(lit),
                                                "value_kind": lit_kind, "kind": item_kind,
                                                "example": _converted(lit.value, item_kind)}
    elif item_kind != "string":  # a list field holds strings
        yield item, "type-mismatch-in", {"text": text, "value": to_text(item),
                                              "value_kind": item_kind, "kind": "string",
                                              "example": _converted(getattr(item, "value", ""), "string")}


def _converted(value, kind: str) -> str:
    """`value` written as a `kind` literal, when it reads as one; else a placeholder."""
    text = str(value).strip().lower() if not isinstance(value, bool) else str(value).lower()
    if kind == "number":
        try:
            from decimal import Decimal
            return f"{Decimal(text):f}"
        except ArithmeticError:
            return "0"
    if kind == "bool":
        return {"yes": "true", "1": "true", "y": "true", "no": "false", "0": "false",
                "n": "false"}.get(text, "true" if text == "true" else "false")
    if kind == "string":
        return '"' + str(value if not isinstance(value, bool) else text) + '"'
    return "[...]"


def _example_compare(node: Compare, lk: str, rk: str) -> str:
    if isinstance(node.left, Field) and isinstance(node.right, Literal):
        return f"{node.left.name} {node.op} {_converted(node.right.value, lk)}"
    if isinstance(node.right, Field) and isinstance(node.left, Literal):
        return f"{node.right.name} {node.op} {_converted(node.left.value, rk)}"
    if lk == "list" or rk == "list":
        return 'user.tags contains "tag"'
    return to_text(node.left) + f" {node.op} <a {lk} value>"


def _example_order(node: Compare, lk: str, rk: str) -> str:
    field = node.left if isinstance(node.left, Field) else node.right
    name = field.name if isinstance(field, Field) else to_text(field)
    kind = lk if lk != "number" else rk
    if kind == "string":
        return f'{name} in ["gold", "vip"]'
    if kind == "bool":
        return f"{name} == true"
    return f'{name} contains "tag"'


def _example_list(node: Compare, item) -> str:
    if node.op == "contains":
        holder = node.left.name if isinstance(node.left, Field) else to_text(node.left)
        return f"{holder} == {to_text(item)}"
    return f"{to_text(item)} {node.op} [{to_text(node.right)}]"


def _example_condition(node, fields: dict) -> str:
    if isinstance(node, Field):
        kind = fields.get(node.name)
        return {"int": f"{node.name} > 0", "money": f"{node.name} >= 100",
                "list": f'{node.name} contains "tag"'}.get(kind, f'{node.name} == "value"')
    return "true"
