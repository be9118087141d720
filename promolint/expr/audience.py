"""Evaluate an audience expression against concrete facts (user, cart, group).

`facts` maps field names ("user.tier") to values: str, bool, Decimal/int, or a
list of str for list fields. A field missing from `facts` makes the comparison
that reads it false (the engine supplies every field it knows).
"""
from __future__ import annotations

from decimal import Decimal

from promolint.expr.syntax import BoolOp, Compare, Expr, Field, ListLit, Literal, Not

_MISSING = object()


def evaluate(expr: Expr | None, facts: dict) -> bool:
    """True when `facts` satisfy `expr` (None = everyone)."""
    if expr is None:
        return True
    if isinstance(expr, BoolOp):
        results = (evaluate(item, facts) for item in expr.items)
        return all(results) if expr.op == "and" else any(results)
    if isinstance(expr, Not):
        return not evaluate(expr.operand, facts)
    if isinstance(expr, Compare):
        return _compare(expr.op, _value(expr.left, facts), _value(expr.right, facts))
    return _value(expr, facts) is True


def _value(node, facts: dict):
    if isinstance(node, Field):
        return facts.get(node.name, _MISSING)
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, ListLit):
        return [item.value for item in node.items]
    return evaluate(node, facts)


def _num(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    return value


def _compare(op: str, left, right) -> bool:
    if left is _MISSING or right is _MISSING:
        return False
    left, right = _num(left), _num(right)
    try:
        if op in ("in", "not in"):
            found = isinstance(right, list) and any(_num(v) == left for v in right)
            return found if op == "in" else not found
        if op == "contains":
            return isinstance(left, list) and any(_num(v) == right for v in left)
        if op == "==":
            return left == right and type(left) is type(right)
        if op == "!=":
            return not (left == right and type(left) is type(right))
        return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]
    except TypeError:
        return False
