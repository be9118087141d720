"""Unit tests of the audience analysis: satisfiability, facts, admits, ranges, limits."""
from __future__ import annotations

from decimal import Decimal

import pytest

from promolint.expr import decide
from promolint.expr import analysis
from promolint.expr.analysis import admits, field_range, satisfiable, satisfying_facts
from promolint.expr.audience import evaluate
from promolint.expr.constraints import NumberC, StringC
from promolint.expr.syntax import parse


@pytest.mark.parametrize("text", [
    "cart.subtotal >= 200 and cart.subtotal < 100",
    'user.tier == "a" and user.tier == "b"',
    "user.order_count > 0 and user.order_count < 1",       # no whole number in between
    "user.order_count == 1.5",
    "user.order_count < 0",                                 # counts are never negative
    "group.size < 1",
    "cart.subtotal < 0",
    "user.tier in []",
    'user.tier in ["a", "b"] and user.tier not in ["a", "b"]',
    "user.blocked and not user.blocked",
    "user.blocked == true and user.blocked == false",
    'user.tags contains "x" and not user.tags contains "x"',
    'user.tags contains "x" and not "x" in user.tags',
    "false",
    "not true",
    "1 == 2",
    "(user.order_count == 0 or user.order_count == 1) and user.order_count >= 2",
    "not (user.order_count >= 0)",
    "user.order_count >= 3 and not (user.order_count > 2)",
    "user.order_count != 0 and user.order_count != 1 and user.order_count <= 1",
    "cart.subtotal >= 100 and cart.subtotal <= 100 and cart.subtotal != 100",
    'user.order_count == "0"',                              # never true in the evaluator
])
def test_unsatisfiable(text):
    assert satisfiable(text) is False
    assert satisfying_facts(text) is None


@pytest.mark.parametrize("text", [
    "cart.subtotal > 0 and cart.subtotal < 1",              # money is dense
    "cart.subtotal > 100 and cart.subtotal < 100.005",      # no whole cent inside
    "user.order_count >= 0",
    'user.tier != "gold"',
    'user.tier in ["a", "b"] and user.tier != "a"',
    "user.order_count != 0 and user.order_count != 1 and user.order_count <= 2",
    "(user.blocked or user.phone_verified) == false",
    "user.blocked == (user.order_count > 3)",
    'user.order_count != "0"',                              # always true in the evaluator
    'user.tags contains "a" and user.tags contains "b" and not user.tags contains "c"',
    "true",
    "group.size >= 3 and group.size <= 3",
    "user.order_count < 1 or user.is_first_order",
])
def test_satisfiable_with_verified_facts(text):
    assert satisfiable(text) is True
    facts = satisfying_facts(text)
    assert facts is not None and evaluate(parse(text), facts)


def test_smallest_values():
    assert satisfying_facts("user.order_count > 2") == {"user.order_count": 3}
    assert satisfying_facts("cart.subtotal > 99") == {"cart.subtotal": Decimal("99.01")}
    assert satisfying_facts("cart.subtotal >= 99.5") == {"cart.subtotal": Decimal("99.5")}
    assert satisfying_facts('user.tier in ["vip", "gold"]') == {"user.tier": "gold"}
    assert satisfying_facts("group.size > 0") == {"group.size": 1}


def test_int_facts_are_ints_and_money_decimals():
    facts = satisfying_facts("user.order_count == 2 and cart.subtotal == 10")
    assert facts == {"user.order_count": 2, "cart.subtotal": Decimal(10)}
    assert type(facts["user.order_count"]) is int


def test_fresh_strings_avoid_forbidden_values():
    facts = satisfying_facts('user.tier != "regular" and user.tier != "regular-2"')
    assert facts["user.tier"] not in ("regular", "regular-2")


def test_lists_hold_required_elements_only():
    facts = satisfying_facts('user.tags contains "b" and user.tags contains "a"')
    assert facts == {"user.tags": ["a", "b"]}


def test_not_is_pushed_through_and_or():
    facts = satisfying_facts("not (user.order_count == 0 or user.is_first_order)")
    assert facts == {"user.order_count": 1, "user.is_first_order": False}


def test_none_audience_is_everyone():
    assert satisfiable(None) is True
    assert satisfying_facts(None) == {}
    assert admits(None, "user.order_count >= 1") == {"user.order_count": 1}


@pytest.mark.parametrize("audience,condition,expected", [
    ("user.order_count >= 0", "user.order_count >= 1", {"user.order_count": 1}),
    ('user.is_first_order or user.tier == "gold"', "not user.is_first_order",
     {"user.is_first_order": False, "user.tier": "gold"}),
    ("user.order_count == 0", "user.order_count >= 1", None),
    ("user.is_first_order", "not user.is_first_order", None),
    ("group.size >= 3", "group.size < 3", None),
    ("group.size >= 2", "group.size < 3", {"group.size": 2}),
])
def test_admits(audience, condition, expected):
    assert admits(audience, condition) == expected


def test_field_range():
    assert field_range("user.account_age_days <= 30", "user.account_age_days") == \
        analysis.Range(Decimal(0), Decimal(30))
    assert field_range("user.account_age_days < 30 or user.phone_verified",
                       "user.account_age_days").hi is None
    assert field_range("group.size > 2", "group.size") == analysis.Range(Decimal(3), None)
    assert field_range("false", "group.size") is None
    assert field_range("user.tier == 'a'", "user.tier") is None


def test_config_fields_have_no_domain():
    fields = {"user.score": "int", "user.city": "string"}
    assert satisfying_facts("user.score < 0", fields) == {"user.score": -1}
    assert satisfying_facts("user.score < -5 and user.score > -7", fields) == {"user.score": -6}
    assert satisfiable('user.city == "x" and user.city == "y"', fields) is False


def test_field_to_field_comparisons_are_decided():
    assert satisfiable("user.order_count > cart.item_count and user.order_count < 1") is False
    assert satisfying_facts("user.order_count > cart.item_count and user.order_count < 2") \
        == {"user.order_count": 1, "cart.item_count": 0}
    assert satisfiable("user.order_count > cart.item_count and user.order_count < 0") is False


def test_unknown_fields_are_opaque():
    assert satisfiable("user.teir == 'gold'") is None


def test_step_bound_answers_unknown(monkeypatch):
    monkeypatch.setattr(decide, "MAX_STEPS", 1)
    text = " and ".join(f"(user.order_count == {i} or user.tier == 't{i}')" for i in range(4))
    assert satisfiable(text) is None
    assert satisfying_facts(text) is None
    assert field_range(text, "user.order_count") is None


def test_big_flat_or_is_within_the_limit():
    text = " or ".join(f"user.tier == 't{i}'" for i in range(200))
    assert satisfiable(text) is True


def test_deep_nesting_is_unknown_not_a_crash():
    text = "not " * 300 + "user.blocked"
    assert satisfiable(text) in (True, None)


def test_number_constraint_exactness():
    c = NumberC(integral=True)
    c.add(">", Decimal("0.5"))
    c.add("<", Decimal("1.5"))
    assert c.pick() == 1
    c.add("!=", Decimal(1))
    assert c.empty()
    money = NumberC(integral=False)
    money.add(">=", Decimal(5))
    money.add("<=", Decimal(5))
    assert money.pick() == 5


def test_string_constraint():
    c = StringC(fresh="x")
    c.add("not in", ["x", "x-2"])
    assert c.pick() == "x-3"
    c.add("in", ["x"])
    assert c.empty()


# Fixed facts (the witness cart's own cart.subtotal / cart.item_count) are decided, not chosen.

CART = {"cart.subtotal": Decimal("297.00"), "cart.item_count": 3}


def test_fixed_facts_are_kept_and_decide_the_audience():
    text = 'cart.subtotal >= 200 and user.tier == "vip"'
    assert satisfying_facts(text, fixed=CART) == {**CART, "user.tier": "vip"}
    assert satisfying_facts("cart.subtotal >= 300", fixed=CART) is None
    assert satisfying_facts("cart.item_count > 3 or user.order_count == 2",
                            fixed=CART) == {**CART, "user.order_count": 2}


def test_fixed_facts_with_no_audience_and_with_a_condition():
    assert satisfying_facts(None, fixed=CART) == CART
    facts = admits("group.size <= 5", "group.size >= 3", fixed=CART)
    assert facts == {**CART, "group.size": 3}
    assert admits("group.size < 3", "group.size >= 3", fixed=CART) is None


def test_fixed_facts_follow_the_evaluator_whatever_their_declared_type():
    fields = {"cart.subtotal": "string", "user.tier": "string"}
    assert satisfying_facts("cart.subtotal >= 100", fields, fixed=CART) == CART


def test_fields_outside_the_vocabulary_are_never_invented():
    """evaluate() treats a missing fact as false, as the platform does (unknown-field)."""
    assert satisfying_facts('user.teir == "vip"', fixed=CART) is None
    assert satisfying_facts('not user.teir == "vip"', fixed=CART) == CART
