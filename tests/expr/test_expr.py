"""The audience expression language: parse, positions, errors, round trip."""
from __future__ import annotations

from decimal import Decimal

import pytest

from promolint.expr import syntax as expr
from promolint.expr.audience import evaluate
from promolint.core.document import Span
from promolint.core.phrases import english


def test_precedence_not_binds_tighter_than_and_than_or():
    tree = expr.parse("not user.blocked and user.tier == 'gold' or user.is_first_order")
    assert isinstance(tree, expr.BoolOp) and tree.op == "or"
    left = tree.items[0]
    assert left.op == "and" and isinstance(left.items[0], expr.Not)


@pytest.mark.parametrize("text,op", [
    ("user.tier in ['a', 'b']", "in"), ("user.tier not in ['a']", "not in"),
    ("user.tags contains 'vip'", "contains"), ("cart.subtotal >= 99.5", ">="),
    ("user.order_count != 0", "!="),
])
def test_operators(text, op):
    assert expr.parse(text).op == op


def test_numbers_are_exact_decimals():
    tree = expr.parse("cart.subtotal >= 0.1")
    assert tree.right.value == Decimal("0.1")


def test_spans_point_at_fields():
    tree = expr.parse("user.tier == 'gold' and\n  user.blocked == false")
    assert tree.items[1].left.span == Span(2, 3, 2, 15)


@pytest.mark.parametrize("text,column", [("user.tier ==", 13), ("user.tier = 'a'", 11),
                                         ("(user.blocked", 14), ("user.tier in ['a',", 19)])
def test_errors_have_positions_and_expected_tokens(text, column):
    with pytest.raises(expr.ExprSyntaxError) as info:
        expr.parse(text)
    assert info.value.span.column == column
    assert info.value.found


def test_too_long_is_refused_without_parsing():
    with pytest.raises(expr.ExprSyntaxError):
        expr.parse("user.blocked or " * 5000 + "true")


@pytest.mark.parametrize("text", [
    "user.tier in [\"gold\", \"vip\"] and not user.blocked",
    "not (user.order_count > 0 or user.blocked)",
    'user.tags contains "a\\"b"',
])
def test_to_text_round_trips(text):
    tree = expr.parse(text)
    assert expr.parse(expr.to_text(tree)) == tree


@pytest.mark.parametrize("text,facts,expected", [
    ("user.order_count == 0", {"user.order_count": 0}, True),
    ("user.order_count == 0", {"user.order_count": 3}, False),
    ("user.tier in ['gold']", {"user.tier": "gold"}, True),
    ("user.tags contains 'x'", {"user.tags": ["x", "y"]}, True),
    ("not user.blocked", {"user.blocked": False}, True),
    ("user.tier == 'gold'", {}, False),
])
def test_evaluate(text, facts, expected):
    assert evaluate(expr.parse(text), facts) is expected


@pytest.mark.parametrize("text,column", [("a andd b", 3), ("user.x == 1 andnot b", 13)])
def test_keywords_end_at_a_word_boundary(text, column):
    with pytest.raises(expr.ExprSyntaxError) as info:
        expr.parse(text)
    assert info.value.span.column == column


def test_fields_may_start_with_a_keyword():
    assert expr.parse("notify.x == true and android.y").items[0].left.name == "notify.x"


@pytest.mark.parametrize("depth", [600, 2000])
def test_nesting_too_deep_for_the_ast_pass_is_a_syntax_error(depth):
    with pytest.raises(expr.ExprSyntaxError) as err:
        expr.parse("not " * depth + "user.blocked")
    assert english(err.value.found) == "nesting too deep"
