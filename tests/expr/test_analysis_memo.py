"""The analysis memo (promolint.expr.memo) never changes an answer: memoised answers
equal fresh ones, literals of other types or spellings are kept apart, callers get copies."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from promolint.expr import analysis
from promolint.expr.analysis import satisfiable, satisfying_facts
from promolint.expr.memo import expr_key
from promolint.expr.syntax import Compare, Field, Literal, parse
from promolint.expr.vocabulary import default_fields
from tests.expr.test_props_analysis import exprs


def _fresh(expr, fixed=None):
    analysis._FACTS.clear()
    analysis._STORES.clear()
    return satisfying_facts(expr, None, fixed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exprs, exprs)
def test_memoised_answers_equal_fresh_ones(first, second):
    expected = [_fresh(first), _fresh(second), _fresh(first, {"cart.subtotal": Decimal("5")})]
    analysis._FACTS.clear()
    analysis._STORES.clear()
    for _ in range(2):
        got = [satisfying_facts(first), satisfying_facts(second),
               satisfying_facts(first, fixed={"cart.subtotal": Decimal("5")})]
        assert got == expected
        assert [repr(g) for g in got] == [repr(e) for e in expected]


def test_literals_differing_in_type_or_spelling_have_different_keys():
    one, true, one_point_o = Literal(Decimal("1")), Literal(True), Literal(Decimal("1.0"))
    assert one == true and one == one_point_o  # why == cannot be the key
    keys = {expr_key(Compare("==", Field("user.is_first_order"), v)) for v in (one, true, one_point_o)}
    assert len(keys) == 3


def test_a_bool_compared_with_one_is_not_answered_as_with_true():
    assert satisfiable(parse("user.is_first_order == true")) is True
    assert satisfiable(parse("user.is_first_order == 1")) is False


def test_spelling_of_a_value_shows_in_the_facts_as_without_the_memo():
    assert str(satisfying_facts(parse("cart.subtotal in [1, 2]"))["cart.subtotal"]) == "1"
    assert str(satisfying_facts(parse("cart.subtotal in [1.0, 2]"))["cart.subtotal"]) == "1.0"


def test_callers_get_copies():
    expr = parse('user.tags contains "vip"')
    first = satisfying_facts(expr, default_fields())
    first["user.tags"].append("changed")
    first["extra"] = 1
    assert satisfying_facts(expr, default_fields()) == {"user.tags": ["vip"]}
