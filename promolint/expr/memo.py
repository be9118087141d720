"""Memo keys for promolint.expr.analysis: its answers are pure functions of the expression's
structure, the field types and the fixed facts, and repositories repeat audiences.

Expression nodes compare without their spans, but `==` is too loose for a key:
Literal(True) == Literal(Decimal(1)) and Decimal("1") == Decimal("1.0"), which the
evaluator and the facts tell apart. The key spells each literal with its type and repr.
"""
from __future__ import annotations

from promolint.expr.syntax import BoolOp, Compare, Field, ListLit, Literal, Not

MAX_ENTRIES = 10_000  # a bound on memory; the memo starts over past it
# Keys of kept nodes by id: audiences are shared between promotions (build places each
# once), and nodes are immutable. The entry holds the node, so its id stays its own.
_KEYS: dict = {}


class Unkeyable(TypeError):
    """Not an expression node: the caller computes without the memo."""


def expr_key(node, keep: bool = False) -> tuple:
    """A hashable key equal for two expressions exactly when they are the same
    expression, literal types and spellings included (spans aside). `keep`: remember
    the key of this node (an audience, asked about again and again; not the
    conditions built per question, which would only fill the memo)."""
    kind = type(node)
    if kind is BoolOp or kind is Not or kind is Compare:
        held = _KEYS.get(id(node))
        if held is not None and held[0] is node:
            return held[1]
        key = _composite_key(node, kind)
        if keep:
            remember(_KEYS, id(node), (node, key))
        return key
    if kind is Field:
        return ("f", node.name)
    if kind is Literal:
        return ("l", type(node.value), repr(node.value))
    if kind is ListLit:
        return ("[", *map(expr_key, node.items))
    if node is None:
        return ("none",)
    raise Unkeyable(type(node).__name__)


def _composite_key(node, kind) -> tuple:
    if kind is Compare:
        return ("c", node.op, expr_key(node.left), expr_key(node.right))
    if kind is BoolOp:
        return (node.op, *map(expr_key, node.items))
    return ("not", expr_key(node.operand))


def facts_key(facts: dict) -> tuple:
    """A key for given facts ({field: value}), value types included."""
    return tuple((name, type(value), repr(value)) for name, value in facts.items())


def remember(memo: dict, key, value):
    """Store `value` under `key` (bounded) and return it."""
    if len(memo) >= MAX_ENTRIES:
        memo.clear()
    memo[key] = value
    return value


def memoised(memo: dict, make_key, compute):
    """compute(), remembered in `memo` under make_key(); computed afresh, unremembered,
    when the inputs have no key (not expression nodes, or nested too deeply to key)."""
    try:
        key = make_key()
    except (Unkeyable, RecursionError):
        return compute()
    if key not in memo:
        remember(memo, key, compute())
    return memo[key]
