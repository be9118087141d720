"""Find concrete facts that make an audience expression true (for witnesses).

A small search, not a decision procedure: each field the expression reads gets
candidate values drawn from the literals it is compared with (each literal, one
above and one below for numbers, a fresh string, the empty list and each element
for lists, both booleans); fields are assigned one at a time, and a branch is
abandoned as soon as a three-valued evaluation (unassigned fields are unknown)
says the expression is false. Fixed facts (e.g. cart.subtotal derived from the
witness cart) are never changed. The search is bounded; None means "not found".
"""
from __future__ import annotations

from decimal import Decimal

from promolint.audience import evaluate
from promolint.expr import BoolOp, Compare, Expr, Field, ListLit, Literal, Not, walk

MAX_STEPS = 5000
FRESH = "other"


def satisfying_facts(expr: Expr | None, fixed: dict, types: dict[str, str] | None = None,
                     allowed: dict | None = None) -> dict | None:
    """Facts (including `fixed`) under which `expr` is true, or None if none was found.

    `allowed` may restrict a field to given candidate values (e.g. group.size >= 3).
    """
    if expr is None:
        return dict(fixed)
    names = sorted({n.name for n in walk(expr) if isinstance(n, Field)} - set(fixed))
    choices = {name: candidates(expr, name, (types or {}).get(name)) for name in names}
    for name, values in (allowed or {}).items():
        if name in choices:
            choices[name] = [v for v in values]
    budget = [MAX_STEPS]
    found = _search(expr, dict(fixed), names, choices, budget)
    if found is not None and evaluate(expr, found):
        return found
    return None


def _search(expr, facts: dict, names: list[str], choices: dict, budget: list[int]):
    verdict = _eval3(expr, facts)
    if verdict is False or budget[0] <= 0:
        return None
    if not names:
        return facts if verdict else None
    budget[0] -= 1
    name, rest = names[0], names[1:]
    for value in choices[name]:
        facts[name] = value
        found = _search(expr, facts, rest, choices, budget)
        if found is not None:
            return found
    del facts[name]
    return None


def _eval3(expr, facts: dict):
    """True, False, or None (depends on an unassigned field)."""
    if isinstance(expr, BoolOp):
        values = [_eval3(item, facts) for item in expr.items]
        if expr.op == "and":
            return False if False in values else (None if None in values else True)
        return True if True in values else (None if None in values else False)
    if isinstance(expr, Not):
        value = _eval3(expr.operand, facts)
        return None if value is None else not value
    if any(isinstance(n, Field) and n.name not in facts for n in walk(expr)):
        return None
    return evaluate(expr, facts)


def candidates(expr: Expr, name: str, kind: str | None) -> list:
    """Values worth trying for `name`: drawn from the literals it is compared with."""
    literals = _literals_for(expr, name)
    if kind is None:
        kind = _guess(literals)
    if kind == "bool":
        return [True, False]
    if kind in ("int", "money"):
        return _numbers(literals, kind)
    if kind == "list":
        items = sorted({v for v in literals if isinstance(v, str)})
        return [[]] + [[v] for v in items] + ([items] if len(items) > 1 else [])
    strings = sorted({v for v in literals if isinstance(v, str)})
    return strings + [_fresh(strings)]


def _literals_for(expr: Expr, name: str) -> list:
    out = []
    for node in walk(expr):
        if isinstance(node, Compare) and name in _field_names(node):
            for side in (node.left, node.right):
                if isinstance(side, Literal):
                    out.append(side.value)
                elif isinstance(side, ListLit):
                    out.extend(item.value for item in side.items)
    return out


def _field_names(node: Compare) -> set[str]:
    return {side.name for side in (node.left, node.right) if isinstance(side, Field)}


def _guess(literals: list) -> str:
    if any(isinstance(v, bool) for v in literals) or not literals:
        return "bool"
    if any(isinstance(v, Decimal) for v in literals):
        return "money"
    return "string"


def _numbers(literals: list, kind: str) -> list:
    step = Decimal(1) if kind == "int" else Decimal("0.01")
    values = {Decimal(0)}
    for value in literals:
        if isinstance(value, Decimal) and not isinstance(value, bool):
            values.update({value, value + step, value - step})
    ordered = sorted(v for v in values if v >= 0) + sorted(v for v in values if v < 0)
    if kind == "int":
        return [int(v) for v in ordered if v == v.to_integral_value()]
    return ordered


def _fresh(strings: list[str]) -> str:
    value = FRESH
    while value in strings:
        value += "-x"
    return value
