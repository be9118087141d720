"""The compiled fast path agrees with jsonschema: it never passes an invalid document."""
from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.schema import schema, validator
from promolint.schema_fast import compile_schema
from tests.strategies import promotion

FAST = compile_schema(schema())

# Values that break some keyword: wrong types, bounds, enums, patterns, extra keys.
ODD = [None, True, False, Decimal(0), Decimal("-1"), Decimal("0.5"), Decimal("1.5"),
       Decimal(101), Decimal(3), "", "x", "CNY", "cny", "percent_off", "exclusive",
       [], ["a"], [""], {}, {"with": []}, {"with": ["a"]}, {"extra": 1}, 1, 2.5]


def test_the_shipped_schema_compiles():
    assert FAST is not None


def test_unknown_keywords_are_refused():
    assert compile_schema({"type": "object", "propertyNames": {"pattern": "a"}}) is None
    assert compile_schema({"$ref": "https://example.com/other.json"}) is None


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


def _replace(data, path, new):
    out = copy.deepcopy(data)
    if not path:
        return new
    node = out
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = new
    return out


@settings(max_examples=60, deadline=None)
@given(promotion(), st.data())
def test_agrees_with_jsonschema_on_valid_and_mutated_documents(promo, data):
    assert FAST(promo) == validator().is_valid(promo)
    paths = list(_paths(promo))
    for _ in range(8):
        path = data.draw(st.sampled_from(paths))
        mutated = _replace(promo, path, data.draw(st.sampled_from(ODD)))
        assert FAST(mutated) == validator().is_valid(mutated), path


@settings(max_examples=40, deadline=None)
@given(promotion(), st.sampled_from(["benefit", "window", "scope", "limits", "coupon", ""]),
       st.sampled_from(["extra", "type", "start", "skus", "per_user", "id"]))
def test_agrees_when_keys_are_added_or_dropped(promo, where, key):
    target = promo.get(where, promo) if where else promo
    if isinstance(target, dict):
        if key in target:
            del target[key]
        else:
            target[key] = "x"
    assert FAST(promo) == validator().is_valid(promo)
