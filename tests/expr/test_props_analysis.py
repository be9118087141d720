"""Properties of the audience analysis over random expressions of the default vocabulary:
facts it returns satisfy the audience, and "never true" is never contradicted by a sample."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.expr.analysis import admits, satisfiable, satisfying_facts
from promolint.expr.audience import evaluate
from promolint.expr.syntax import (
    BoolOp,
    Compare,
    Field,
    ListLit,
    Literal,
    Not,
    parse,
    to_text,
)
from promolint.expr.vocabulary import DOMAIN_MIN

NUMBERS = {"user.order_count": "int", "user.account_age_days": "int", "cart.item_count": "int",
           "group.size": "int", "cart.subtotal": "money"}
STRINGS = {"user.tier": ["gold", "vip", "regular"], "user.region": ["north", "south"],
           "user.id": ["u-1", "u-2"], "cart.channel": ["app", "web"]}
BOOLS = ["user.is_first_order", "user.phone_verified", "user.device_verified", "user.blocked"]
TAGS = ["new", "vip", "outage"]
SMALL = [Decimal(v) for v in ("-1", "0", "0.5", "1", "2", "3", "99.99", "100", "100.01")]

numbers = st.sampled_from(SMALL)
lit = st.builds(Literal, numbers) | st.builds(Literal, st.sampled_from(["gold", "0", "app"])) \
    | st.builds(Literal, st.booleans())


def _numeric():
    return st.builds(lambda f, op, v: Compare(op, Field(f), Literal(v)),
                     st.sampled_from(sorted(NUMBERS)),
                     st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), numbers)


def _string():
    def build(f, op, values):
        if op in ("in", "not in"):
            return Compare(op, Field(f), ListLit(tuple(Literal(v) for v in values)))
        return Compare(op, Field(f), Literal(values[0]))
    return st.sampled_from(sorted(STRINGS)).flatmap(lambda f: st.builds(
        build, st.just(f), st.sampled_from(["==", "!=", "in", "not in"]),
        st.lists(st.sampled_from(STRINGS[f] + ["zzz"]), min_size=1, max_size=3)))


def _boolean():
    bare = st.builds(Field, st.sampled_from(BOOLS))
    compared = st.builds(lambda f, op, v: Compare(op, Field(f), Literal(v)),
                         st.sampled_from(BOOLS), st.sampled_from(["==", "!="]), st.booleans())
    return bare | compared


def _tags():
    return st.builds(lambda t, flip: Compare("in", Literal(t), Field("user.tags")) if flip
                     else Compare("contains", Field("user.tags"), Literal(t)),
                     st.sampled_from(TAGS), st.booleans())


def _odd():
    """Ill-typed or constant atoms: the evaluator decides them; the analysis must agree."""
    return st.builds(lambda f, op, v: Compare(op, Field(f), v),
                     st.sampled_from(sorted(NUMBERS) + BOOLS + sorted(STRINGS)),
                     st.sampled_from(["==", "!="]), lit) | st.builds(Literal, st.booleans())


atoms = _numeric() | _string() | _boolean() | _tags() | _odd()
exprs = st.recursive(atoms, lambda inner: (
    st.builds(Not, inner)
    | st.builds(lambda op, items: BoolOp(op, tuple(items)), st.sampled_from(["and", "or"]),
                st.lists(inner, min_size=2, max_size=3))), max_leaves=8)


def _fact_values(name: str):
    if name in NUMBERS:
        low = DOMAIN_MIN[name]
        values = [Decimal(v) for v in ("0", "0.5", "1", "2", "3", "99.99", "100", "100.01", "150")
                  if Decimal(v) >= low]
        if NUMBERS[name] == "int":
            return st.sampled_from([int(v) for v in values if v == v.to_integral_value()])
        return st.sampled_from(values)
    if name in STRINGS:
        return st.sampled_from(STRINGS[name] + ["zzz", "other"])
    if name in BOOLS:
        return st.booleans()
    return st.lists(st.sampled_from(TAGS + ["x"]), unique=True, max_size=3)


ALL_FIELDS = sorted(NUMBERS) + sorted(STRINGS) + BOOLS + ["user.tags"]
facts_strategy = st.fixed_dictionaries({name: _fact_values(name) for name in ALL_FIELDS})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exprs)
def test_returned_facts_satisfy_the_audience(expr):
    facts = satisfying_facts(expr)
    if facts is not None:
        assert evaluate(expr, facts), (to_text(expr), facts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exprs, st.lists(facts_strategy, min_size=20, max_size=20))
def test_never_true_is_never_contradicted(expr, samples):
    if satisfiable(expr) is False:
        for facts in samples:
            assert not evaluate(expr, facts), (to_text(expr), facts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exprs, facts_strategy)
def test_a_satisfied_sample_means_not_unsatisfiable(expr, facts):
    if evaluate(expr, facts):
        assert satisfiable(expr) is not False, (to_text(expr), facts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exprs, exprs)
def test_admits_satisfies_both(audience, condition):
    facts = admits(audience, condition)
    if facts is not None:
        assert evaluate(audience, facts) and evaluate(condition, facts)


@settings(max_examples=200, deadline=None)
@given(exprs)
def test_text_round_trip_gives_the_same_answer(expr):
    assert satisfiable(parse(to_text(expr))) == satisfiable(expr)
