"""@frozen behaves as @dataclass(frozen=True): ==, hash, repr, immutability, fields, replace, pickle."""
from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from promolint.core.frozen import frozen
from promolint.model import promotion as model


def _twins(body):
    """The same class defined with @dataclass(frozen=True) and with @frozen."""
    return dataclass(frozen=True)(body()), frozen(body())


def _point():
    class Point:
        x: int
        y: Decimal = Decimal(0)
        note: str = field(default="", compare=False)
        secret: str = field(default="", repr=False)
        weight: int = field(default=0, hash=False)
    return Point


def _one():
    class One:
        value: object
    return One


def _empty():
    class Empty:
        pass
    return Empty


ARGS = {_point: [(1,), (1, Decimal("2.50"), "n", "s", 3), (1, Decimal("2.5"), "other", "", 4)],
        _one: [(1,), (Decimal("NaN"),), ((1, 2),), ("x",)], _empty: [()]}


@pytest.mark.parametrize("body", list(ARGS), ids=lambda b: b.__name__)
def test_same_equality_hash_and_repr_as_dataclass(body):
    real, ours = _twins(body)
    pairs = [(real(*a), ours(*a)) for a in ARGS[body]]
    for r1, o1 in pairs:
        assert repr(r1).split("(", 1)[1] == repr(o1).split("(", 1)[1]
        assert hash(r1) == hash(o1)
        for r2, o2 in pairs:
            assert (r1 == r2) == (o1 == o2)
            assert (r1 != r2) == (o1 != o2)
    assert (ours(*ARGS[body][0]) == real(*ARGS[body][0])) is False  # other class: not equal
    assert ours(*ARGS[body][0]).__eq__(object()) is NotImplemented


def test_frozen_fields_replace_and_pickle():
    _, Point = _twins(_point)
    p = Point(1, Decimal(2), "n", "s", 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.x
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "note", "secret", "weight"]
    assert dataclasses.replace(p, x=5).x == 5
    span = model.Suppression("below-market", "approved", None, 2)
    assert pickle.loads(pickle.dumps(span)) == span


def test_own_methods_are_kept():
    @frozen
    class Custom:
        a: int

        def __repr__(self):
            return "custom"
    assert repr(Custom(1)) == "custom"


def test_model_classes_compare_and_hash_by_value():
    one = model.Tiered((model.Tier(Decimal(100), Decimal(10)),))
    two = model.Tiered((model.Tier(Decimal(100), Decimal(10)),))
    assert one == two and hash(one) == hash(two)
    assert repr(one) == ("Tiered(tiers=(Tier(threshold=Decimal('100'), amount=Decimal('10'), "
                         "percent=None),), unplaced=())")
