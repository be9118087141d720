"""promolint/expr/_parser.py is generated from grammar/expr.lark: it must be up to date.

Lark numbers parser states differently from run to run, so the check is the grammar's
digest (recorded in the module) plus behaviour: the generated parser and Lark built
from the grammar give the same trees and the same errors.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.expr import _parser as _expr_parser
from promolint.expr import gen as expr_gen
from tests.strategies import audiences
from tests.source.test_props_parsers import mutated, noise

STALE = "promolint/expr/_parser.py is stale: run `python -m promolint.expr.gen`"


@pytest.fixture(scope="module")
def lark_parser():
    from lark import Lark
    return Lark(expr_gen.grammar_text(), **expr_gen.OPTIONS)


def test_generated_from_the_current_grammar():
    assert _expr_parser.GRAMMAR_SHA256 == expr_gen.grammar_digest(), STALE


def _outcome(parser, text: str):
    """The tree with every node's position, or the error's kind, place and expectations."""
    try:
        tree = parser.parse(text)
    except Exception as err:  # noqa: BLE001 - both parsers' errors, compared by shape
        expected = getattr(err, "expected", None) or getattr(err, "allowed", None) or ()
        return (type(err).__name__, getattr(err, "line", None), getattr(err, "column", None),
                str(getattr(err, "token", "")), sorted(expected))
    return _shape(tree)


def _shape(node):
    if hasattr(node, "children"):
        meta = node.meta
        where = (meta.line, meta.column, meta.end_line, meta.end_column) if not meta.empty else ()
        return (str(node.data), where, [_shape(c) for c in node.children])
    if node is None:
        return None
    return (node.type, str(node), node.line, node.column, node.end_line, node.end_column)


CASES = ["user.id in ['u-01', 'u-02']", "not (a == 1 or b != 'x') and c contains 2",
         "user.tier not in [\"gold\", \"silver\",]", "x >= -1.5 and y < 3", "true", "[]",
         "a ==", "a in [1,", "(a", "a b", "'unterminated", "a && b", "", "andd or notx.y"]


@pytest.mark.parametrize("text", CASES)
def test_same_trees_and_errors_as_lark(lark_parser, text):
    assert _outcome(_expr_parser.Lark_StandAlone(), text) == _outcome(lark_parser, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(audiences, mutated(audiences), noise))
def test_same_on_generated_expressions(lark_parser, text):
    assert _outcome(_expr_parser.Lark_StandAlone(), text) == _outcome(lark_parser, text)
