"""A fast yes/no JSON Schema check for the common case: a valid document.

jsonschema's iter_errors costs about as much as loading the YAML. Most files are
valid, so promolint first asks this compiled predicate; only when it says "not
valid" does jsonschema run to produce the located findings. The predicate is
compiled from the same schema file into nested closures, covering exactly the
keywords that schema uses with jsonschema's (Draft 2020-12) semantics and
promolint's integer rule (an integral Decimal is an integer). Any keyword it
does not know makes `compile_schema` return None, and jsonschema is used alone,
so it can never pass a document jsonschema would reject.
"""
from __future__ import annotations

import re
from decimal import Decimal
from numbers import Number
from typing import Any, Callable

Check = Callable[[Any], bool]

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples",
               "$defs", "deprecated", "readOnly", "writeOnly"}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not implement."""


def _is_integer(value) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, Decimal) and value.is_finite()
                                      and value == value.to_integral_value())


TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, Number) and not isinstance(v, bool),
    "integer": _is_integer,
}


def _same(a, b) -> bool:
    """jsonschema's equality for enum/const: booleans never equal numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def compile_schema(schema: dict) -> Check | None:
    """The predicate for `schema`, or None when it uses an unsupported keyword."""
    try:
        return _Compiler(schema).compile(schema)
    except (Unsupported, KeyError, TypeError, re.error):
        return None


class _Compiler:
    def __init__(self, root: dict):
        self.root, self.refs = root, {}

    def compile(self, schema) -> Check:
        if schema is True:
            return lambda v: True
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        checks = [self.keyword(key, value, schema) for key, value in schema.items()
                  if key not in ANNOTATIONS and key not in ("then", "else")]
        checks = [c for c in checks if c is not None]
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    def keyword(self, key: str, value, schema: dict) -> Check | None:
        method = getattr(self, "k_" + key.lstrip("$"), None)
        if method is None:
            raise Unsupported(key)
        return method(value, schema)

    def k_type(self, value, schema) -> Check:
        tests = [TYPES[value]] if isinstance(value, str) else [TYPES[t] for t in value]
        return tests[0] if len(tests) == 1 else (lambda v: any(t(v) for t in tests))

    def k_enum(self, value, schema) -> Check:
        return lambda v: any(_same(v, item) for item in value)

    def k_const(self, value, schema) -> Check:
        return lambda v: _same(v, value)

    def k_properties(self, value, schema) -> Check:
        subs = {name: self.compile(sub) for name, sub in value.items()}

        def check(v) -> bool:
            if not isinstance(v, dict):
                return True
            return all(sub(v[name]) for name, sub in subs.items() if name in v)
        return check

    def k_additionalProperties(self, value, schema) -> Check:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = frozenset(schema.get("properties", ()))
        sub = self.compile(value) if value is not False else None
        if sub is None:
            return lambda v: not isinstance(v, dict) or known.issuperset(v)
        return lambda v: not isinstance(v, dict) or all(sub(x) for k, x in v.items()
                                                        if k not in known)

    def k_required(self, value, schema) -> Check:
        return lambda v: not isinstance(v, dict) or all(name in v for name in value)

    def k_items(self, value, schema) -> Check:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        sub = self.compile(value)
        return lambda v: not isinstance(v, list) or all(sub(x) for x in v)

    def k_minItems(self, value, schema) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= value

    def k_minLength(self, value, schema) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= value

    def k_pattern(self, value, schema) -> Check:
        search = re.compile(value).search
        return lambda v: not isinstance(v, str) or search(v) is not None

    def k_minimum(self, value, schema) -> Check:
        return _number(lambda v: v >= value)

    def k_maximum(self, value, schema) -> Check:
        return _number(lambda v: v <= value)

    def k_exclusiveMinimum(self, value, schema) -> Check:
        return _number(lambda v: v > value)

    def k_exclusiveMaximum(self, value, schema) -> Check:
        return _number(lambda v: v < value)

    def k_allOf(self, value, schema) -> Check:
        subs = [self.compile(s) for s in value]
        return lambda v: all(sub(v) for sub in subs)

    def k_oneOf(self, value, schema) -> Check:
        subs = [self.compile(s) for s in value]
        return lambda v: sum(1 for sub in subs if sub(v)) == 1

    def k_if(self, value, schema) -> Check:
        test = self.compile(value)
        then = self.compile(schema.get("then", True))
        other = self.compile(schema.get("else", True))
        return lambda v: then(v) if test(v) else other(v)

    def k_ref(self, value, schema) -> Check:
        if not value.startswith("#/"):
            raise Unsupported(value)
        if value not in self.refs:
            self.refs[value] = None  # a recursive $ref resolves through the table
            target = self.root
            for part in value[2:].split("/"):
                target = target[part]
            self.refs[value] = self.compile(target)
        refs = self.refs
        return lambda v: refs[value](v)


def _number(test: Check) -> Check:
    number = TYPES["number"]
    return lambda v: not number(v) or test(v)
