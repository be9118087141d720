"""The audience decision procedure (promolint.decide via promolint.expr.analysis) against brute
force: over small random audiences (field vs literal, field vs field, a field vs itself,
string ordering, lists, mixed-type lists, config fields), every assignment of the named
fields over a small domain is evaluated with the concrete evaluator.

- "no" (never true) is never contradicted by an assignment;
- when some assignment satisfies the audience, the answer is "yes" (exact: no "unknown"
  for an expression the analysis models), with facts that the evaluator accepts.
"""
from __future__ import annotations

import itertools
import time
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.expr.analysis import NO, UNKNOWN, YES, decide, field_range
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
    walk,
)

FIELDS = {"n.a": "int", "n.b": "int", "m.x": "money", "s.p": "string", "s.q": "string",
          "b.f": "bool", "b.g": "bool", "l.t": "list"}
DOMAIN = {
    "int": [-1, 0, 1, 2, 3, 4],
    "money": [Decimal(v) for v in ("-1", "0", "0.5", "1", "1.5", "2", "3")],
    "string": ["", "a", "ab", "b", "c"],
    "bool": [False, True],
    "list": [[], ["a"], ["b"], ["a", "b"], ["b", "a"]],
}
NUMBERS = [Decimal(v) for v in ("-1", "0", "1", "1.5", "2", "3")]
STRINGS = ["", "a", "ab", "b"]
OPS = ["==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains"]

scalar = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(STRINGS), st.booleans())
literal = st.builds(Literal, scalar)
list_lit = st.lists(literal, max_size=3).map(lambda items: ListLit(tuple(items)))
field = st.sampled_from(sorted(FIELDS)).map(Field)
operand = st.one_of(field, field, literal, list_lit)


def _compare(op, left, right):
    return Compare(op, left, right)


atoms = st.one_of(
    st.builds(_compare, st.sampled_from(OPS), field, st.one_of(literal, list_lit)),
    st.builds(_compare, st.sampled_from(OPS), st.one_of(literal, list_lit), field),
    st.builds(_compare, st.sampled_from(OPS), field, field),
    st.builds(_compare, st.sampled_from(OPS), operand, operand),
    st.sampled_from(["b.f", "b.g", "n.a"]).map(Field),
)
exprs = st.recursive(atoms, lambda inner: (
    st.builds(Not, inner)
    | st.builds(lambda op, items: BoolOp(op, tuple(items)), st.sampled_from(["and", "or"]),
                st.lists(inner, min_size=2, max_size=4))), max_leaves=7)


def _assignments(expr):
    names = sorted({n.name for n in walk(expr) if isinstance(n, Field)})
    domains = [DOMAIN[FIELDS[n]] for n in names]
    size = 1
    for d in domains:
        size *= len(d)
    if size > 3000:  # keep each example fast: every field, fewer values
        domains = [d[:3] for d in domains]
    for values in itertools.product(*domains):
        yield dict(zip(names, values))


def _modelled(expr) -> bool:
    """No comparison the analysis leaves opaque by design (relations between lists or
    between a string and a list, ordering two lists or a sub-condition)."""
    for node in walk(expr):
        if not isinstance(node, Compare):
            continue
        kinds = [FIELDS[s.name] if isinstance(s, Field) else
                 "list" if isinstance(s, ListLit) else
                 "cond" if isinstance(s, (BoolOp, Not, Compare)) else "lit"
                 for s in (node.left, node.right)]
        both_fields = all(isinstance(s, Field) for s in (node.left, node.right))
        if both_fields and "list" in kinds and node.left.name != node.right.name:
            return False
        if "list" in kinds and node.op in ("<", "<=", ">", ">=") and kinds.count("list") == 2:
            return False
        if "cond" in kinds:
            return False
    return True


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exprs)
def test_the_answer_agrees_with_brute_force(expr):
    status, facts = decide(expr, FIELDS)
    satisfied = next((a for a in _assignments(expr) if evaluate(expr, a)), None)
    text = to_text(expr)
    if status == YES:
        assert evaluate(expr, facts), (text, facts)
    if status == NO:
        assert satisfied is None, (text, satisfied)
    if satisfied is not None and _modelled(expr):
        assert status == YES, (text, status, satisfied)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exprs, st.sampled_from(["n.a", "n.b", "m.x"]))
def test_field_range_holds_every_admitted_value(expr, name):
    found = field_range(expr, name, FIELDS)
    if found is None:
        return
    for facts in _assignments(BoolOp("and", (expr, Compare("==", Field(name), Field(name))))):
        if evaluate(expr, facts):
            value = Decimal(facts[name])
            assert found.lo is None or value >= found.lo, (to_text(expr), facts, found)
            assert found.hi is None or value <= found.hi, (to_text(expr), facts, found)


# Scale: the shapes that made the DNF expansion give up ("unknown", then silence).

def _timed(text: str, fields=None):
    expr = parse(text)
    start = time.perf_counter()
    answer = decide(expr, fields)
    return answer, time.perf_counter() - start


def test_a_whitelist_of_hundreds_of_ids_is_decided():
    ids = " or ".join(f'user.id == "u{i}"' for i in range(400))
    (status, facts), took = _timed(ids)
    assert status == YES and facts["user.id"].startswith("u") and took < 1
    (status, _), took = _timed(f'({ids}) and user.id not in [{", ".join(f"{chr(34)}u{i}{chr(34)}" for i in range(400))}]')
    assert status == NO and took < 2


def test_several_lists_combined_are_decided_without_a_product():
    regions = " or ".join(f'user.region == "r{i}"' for i in range(60))
    channels = " or ".join(f'cart.channel == "c{i}"' for i in range(60))
    tiers = " or ".join(f'user.tier == "t{i}"' for i in range(60))
    text = f"({regions}) and ({channels}) and ({tiers}) and user.order_count >= 1"
    (status, facts), took = _timed(text)
    assert status == YES and facts["user.order_count"] == 1 and took < 1
    (status, _), took = _timed(text + " and user.order_count < 1")
    assert status == NO and took < 1
    (status, _), took = _timed(f"({regions}) and ({channels}) and ({tiers}) and "
                               'user.region == "nowhere"')
    assert status == NO and took < 1


def test_a_search_past_the_bound_is_unknown_not_no(monkeypatch):
    from promolint.expr import decide as d
    from promolint.expr import analysis
    text = " and ".join(f"(user.order_count == {i} or user.account_age_days == {i} "
                        f"or group.size == {i + 1})" for i in range(3))
    assert decide(parse(text))[0] == YES
    analysis._FACTS.clear()
    monkeypatch.setattr(d, "MAX_STEPS", 2)
    assert decide(parse(text))[0] == UNKNOWN
    analysis._FACTS.clear()


def test_a_field_compared_with_itself():
    assert decide(parse("user.order_count == user.order_count"))[0] == YES
    assert decide(parse("user.order_count < user.order_count"))[0] == NO
    assert decide(parse("user.tier != user.tier"))[0] == NO
    assert decide(parse("user.tags == user.tags"))[0] == YES


def test_config_fields_against_each_other():
    fields = {"user.signup": "string", "cart.promo_start": "string", "user.score": "int",
              "user.limit": "int"}
    status, facts = decide(parse('user.signup < cart.promo_start and cart.promo_start == "2026-11-11"'),
                           fields)
    assert status == YES and facts["user.signup"] < "2026-11-11"
    assert decide(parse("user.score > user.limit and user.limit > user.score"), fields)[0] == NO
    status, facts = decide(parse("user.score > user.limit and user.limit >= 10"), fields)
    assert status == YES and facts == {"user.score": 11, "user.limit": 10}


def test_strings_are_ordered_exactly():
    assert decide(parse('user.region > "b" and user.region < "b\\u0000"'))[0] in (NO, YES)
    status, facts = decide(parse('user.region >= "m" and user.region < "n" and user.region != "m"'))
    assert status == YES and "m" < facts["user.region"] < "n"
    assert decide(parse('user.region > "b" and user.region < "a"'))[0] == NO
