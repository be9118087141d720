"""A fast yes/no JSON Schema check for the common case: a valid document.

jsonschema's iter_errors costs about as much as loading the YAML. Most files are
valid, so promolint first asks this compiled predicate; only when it says "not
valid" does jsonschema run to produce the located findings. The predicate is
compiled from the same schema file into Python source (one function per
subschema, straight-line tests that return False at the first failure), covering
exactly the keywords that schema uses with jsonschema's (Draft 2020-12)
semantics and promolint's integer rule (an integral Decimal is an integer). Any
keyword it does not know makes `compile_schema` return None, and jsonschema is
used alone, so it can never pass a document jsonschema would reject.
The linter runs that source as a module written ahead (promolint.schema.gen ->
promolint/schema/_check.py), so a cold start does not compile it.
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


def _is_number(value) -> bool:
    if type(value) is Decimal:  # what every loader gives: skip the ABC check (audit rows)
        return True
    return isinstance(value, Number) and not isinstance(value, bool)


# The test for each JSON type, as source over `v`.
TYPES = {"object": "isinstance(v, dict)", "array": "isinstance(v, list)",
         "string": "isinstance(v, str)", "boolean": "isinstance(v, bool)",
         "null": "v is None", "number": "_is_number(v)", "integer": "_is_integer(v)"}


def _same(a, b) -> bool:
    """jsonschema's equality for enum/const: booleans never equal numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def compile_schema(schema: dict) -> Check | None:
    """The predicate for `schema`, or None when it uses an unsupported keyword."""
    try:
        return _Compiler(schema).build()
    except (Unsupported, KeyError, TypeError, re.error):
        return None


class _Compiler:
    """Emits `def f<N>(v)` per subschema; constants live in the namespace as c<N>."""

    def __init__(self, root: dict):
        self.root, self.refs, self.lines, self.count = root, {}, [], 0
        self.names: dict = {"_is_integer": _is_integer, "_is_number": _is_number,
                            "_same": _same}

    def build(self) -> Check:
        entry = self.function(self.root)
        exec(compile("\n".join(self.lines), "<promolint schema>", "exec"), self.names)
        return self.names[entry]

    def const(self, value) -> str:
        name = f"c{len(self.names)}"  # names only grow: unique
        self.names[name] = value
        return name

    def fresh(self) -> str:
        self.count += 1
        return f"f{self.count}"

    def function(self, schema, name: str | None = None) -> str:
        """The name of a new function checking `schema`."""
        name = name or self.fresh()
        if schema is True:
            self.lines += [f"def {name}(v):", "    return True"]
            return name
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        body = []
        # `type` first: the keywords after it then need no type guard (see guarded).
        for key, value in sorted(schema.items(), key=lambda item: item[0] != "type"):
            if key in ANNOTATIONS or key in ("then", "else"):
                continue
            method = getattr(self, "k_" + key.lstrip("$"), None)
            if method is None:
                raise Unsupported(key)
            body += method(value, schema)
        self.lines += [f"def {name}(v):"] + ["    " + line for line in body] + ["    return True"]
        return name

    def inline(self, schema, arg: str) -> str | None:
        """`schema` as one expression over `arg` when it is just a type (the common
        leaf: no call), else None."""
        if not isinstance(schema, dict) or not isinstance(schema.get("type"), str) \
                or set(schema) - ANNOTATIONS != {"type"} or schema["type"] not in TYPES:
            return None
        return "(" + TYPES[schema["type"]].replace("(v", f"({arg}").replace("v is", f"{arg} is") + ")"

    def guarded(self, kind: str, test: str, schema: dict) -> list[str]:
        """`test` (true = invalid) applied only to values of `kind`, as the keyword asks;
        no guard when the schema's own `type` (tested first) is that kind."""
        if schema.get("type") == kind:
            return [f"if {test}: return False"]
        return [f"if {TYPES[kind]} and ({test}): return False"]

    def k_type(self, value, schema) -> list[str]:
        kinds = [value] if isinstance(value, str) else list(value)
        return [f"if not ({' or '.join(TYPES[k] for k in kinds)}): return False"]

    def k_enum(self, value, schema) -> list[str]:
        if value and all(isinstance(item, str) for item in value):  # str == str only
            return [f"if not (isinstance(v, str) and v in {self.const(frozenset(value))}): return False"]
        return [f"if not any(_same(v, i) for i in {self.const(list(value))}): return False"]

    def k_const(self, value, schema) -> list[str]:
        if isinstance(value, str):  # nothing but an equal str equals a str
            return [f"if not (isinstance(v, str) and v == {self.const(value)}): return False"]
        return [f"if not _same(v, {self.const(value)}): return False"]

    def k_properties(self, value, schema) -> list[str]:
        known = schema.get("type") == "object"
        out = [] if known else ["if isinstance(v, dict):"]
        for prop, sub in value.items():
            key = self.const(prop)
            test = self.inline(sub, f"v[{key}]") or f"{self.function(sub)}(v[{key}])"
            out += [("" if known else "    ") + f"if {key} in v and not {test}: return False"]
        return out if len(out) > (0 if known else 1) else []

    def k_additionalProperties(self, value, schema) -> list[str]:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = self.const(frozenset(schema.get("properties", ())))
        if value is False:
            return self.guarded("object", f"not {known}.issuperset(v)", schema)
        check = self.function(value)
        return self.guarded("object", f"not all({check}(x) for k, x in v.items() if k not in {known})", schema)

    def k_required(self, value, schema) -> list[str]:
        if not value:
            return []
        return self.guarded("object", " or ".join(f"{self.const(n)} not in v" for n in value), schema)

    def k_items(self, value, schema) -> list[str]:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        check = self.function(value)
        loop = ["for x in v:", f"    if not {check}(x): return False"]
        if schema.get("type") == "array":
            return loop
        return ["if isinstance(v, list):"] + ["    " + line for line in loop]

    def k_minItems(self, value, schema) -> list[str]:
        return self.guarded("array", f"len(v) < {self.const(value)}", schema)

    def k_minLength(self, value, schema) -> list[str]:
        return self.guarded("string", f"len(v) < {self.const(value)}", schema)

    def k_pattern(self, value, schema) -> list[str]:
        return self.guarded("string", f"{self.const(re.compile(value).search)}(v) is None", schema)

    def _bound(self, op: str, value, schema: dict) -> list[str]:
        return self.guarded("number", f"not (v {op} {self.const(value)})", schema)

    def k_minimum(self, value, schema) -> list[str]:
        return self._bound(">=", value, schema)

    def k_maximum(self, value, schema) -> list[str]:
        return self._bound("<=", value, schema)

    def k_exclusiveMinimum(self, value, schema) -> list[str]:
        return self._bound(">", value, schema)

    def k_exclusiveMaximum(self, value, schema) -> list[str]:
        return self._bound("<", value, schema)

    def k_allOf(self, value, schema) -> list[str]:
        return [f"if not {self.function(s)}(v): return False" for s in value]

    def k_oneOf(self, value, schema) -> list[str]:
        calls = " + ".join(f"bool({self.function(s)}(v))" for s in value) or "0"
        return [f"if ({calls}) != 1: return False"]

    def k_if(self, value, schema) -> list[str]:
        test = self.function(value)
        then = self.function(schema.get("then", True))
        other = self.function(schema.get("else", True))
        return [f"if not ({then}(v) if {test}(v) else {other}(v)): return False"]

    def k_ref(self, value, schema) -> list[str]:
        if not value.startswith("#/"):
            raise Unsupported(value)
        if value not in self.refs:  # named before compiling: a recursive $ref calls it
            target = self.root
            for part in value[2:].split("/"):
                target = target[part]
            self.refs[value] = self.fresh()
            self.function(target, self.refs[value])
        return [f"if not {self.refs[value]}(v): return False"]
