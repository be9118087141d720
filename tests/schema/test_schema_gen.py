"""promolint/schema/_check.py is generated from promotion.schema.json: it must be current."""
from __future__ import annotations

from pathlib import Path

import pytest

from promolint.schema import _check as _schema_check
from promolint.schema import gen as schema_gen
from promolint.schema.fast import Unsupported

STALE = "promolint/schema/_check.py is stale: run `python -m promolint.schema.gen`"


def test_generated_module_is_a_fresh_generation():
    assert Path(schema_gen.TARGET).read_text(encoding="utf-8") == schema_gen.generate(), STALE


def test_generation_is_deterministic():
    assert schema_gen.generate() == schema_gen.generate()


def test_the_linter_uses_the_generated_test():
    from promolint.schema.validate import _fast_check
    assert _fast_check() is _schema_check.check


def test_constants_round_trip_through_their_source():
    import re
    values = [frozenset({"b", "a"}), frozenset(), "x'\"", 1, 2.5, True, None, [1, "a", None],
              {"k": [False]}, re.compile(r"^[A-Z]{3}$").search]
    for value in values:
        again = eval(schema_gen.literal(value), {"re": re})  # noqa: S307 - our own output
        if callable(value):
            assert again.__self__.pattern == value.__self__.pattern
        else:
            assert again == value and type(again) is type(value)


def test_a_schema_it_cannot_compile_is_refused():
    with pytest.raises(Unsupported):
        schema_gen.generate('{"type": "object", "propertyNames": {"pattern": "a"}}')
