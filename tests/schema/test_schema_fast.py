"""The compiled fast path agrees with jsonschema: it never passes an invalid document."""
from __future__ import annotations

import copy
import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.schema import gen as schema_gen
from promolint.schema._check import check as GENERATED
from promolint.schema.fast import compile_schema
from promolint.schema.validate import schema, validator
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
    assert FAST(promo) == GENERATED(promo) == validator().is_valid(promo)
    paths = list(_paths(promo))
    for _ in range(8):
        path = data.draw(st.sampled_from(paths))
        mutated = _replace(promo, path, data.draw(st.sampled_from(ODD)))
        assert FAST(mutated) == GENERATED(mutated) == validator().is_valid(mutated), path


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
    assert FAST(promo) == GENERATED(promo) == validator().is_valid(promo)


TREE = {"$defs": {"node": {"type": "object", "required": ["name"], "additionalProperties": False,
                           "properties": {"name": {"type": "string", "minLength": 1},
                                          "kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
        "$ref": "#/$defs/node"}
CHOICE = {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "number", "maximum": 5}],
          "if": {"const": 3}, "then": {"enum": [3, True]}, "else": {"not_a_keyword_here": 1}}
LOOSE = {"properties": {"n": {"exclusiveMinimum": 0}, "s": {"pattern": "^a", "minLength": 2},
                        "l": {"minItems": 1}, "b": {"const": True}, "e": {"enum": ["x", 1]}},
         "additionalProperties": {"type": "string"}}
TREE_CASES = [{"name": "a"}, {"name": ""}, {"name": "a", "kids": [{"name": "b", "kids": []}]},
              {"name": "a", "kids": [{"kids": []}]}, {"name": "a", "x": 1}, [], "a", None]
LOOSE_CASES = [{}, {"n": Decimal(0)}, {"n": Decimal("0.1")}, {"n": True}, {"n": "x"},
               {"s": "ab"}, {"s": "b"}, {"s": "a"}, {"s": 1}, {"l": []}, {"l": "x"},
               {"b": True}, {"b": 1}, {"b": Decimal(1)}, {"e": "x"}, {"e": Decimal(1)},
               {"e": True}, {"z": "t"}, {"z": 1}, [], 3]


def _agrees(schema, cases):
    from jsonschema import Draft202012Validator
    fast = compile_schema(schema)
    assert fast is not None
    generated: dict = {}  # the same schema through promolint.schema.gen's module text
    exec(schema_gen.generate(json.dumps(schema)), generated)  # noqa: S102 - our own output
    for case in cases:
        expected = Draft202012Validator(schema).is_valid(case)
        assert fast(case) == generated["check"](case) == expected, case


def test_recursive_refs_and_nested_items_agree_with_jsonschema():
    _agrees(TREE, TREE_CASES)


def test_keywords_without_a_type_apply_only_to_their_own_kind():
    _agrees(LOOSE, LOOSE_CASES)


def test_one_of_and_if_then():
    assert compile_schema(CHOICE) is None  # an unknown keyword anywhere: no fast path
    del CHOICE["else"]
    _agrees(CHOICE, [3, 1, 4.5, 7, -1, True, "x"])  # ints: plain jsonschema has no Decimal integers
