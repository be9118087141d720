"""`@frozen`: `@dataclass(frozen=True)` with the same behaviour, cheaper to define.

Before Python 3.13, @dataclass compiles six methods per class with exec; a cold
start defines some fifty classes, so that alone costs tens of milliseconds. Here
`==`, `hash()` and `repr()` are written once (exactly what dataclass generates:
the compared fields' tuple, `Name(field=value, ...)`), so each class compiles only
its `__init__` and the frozen guards. tests/core/test_frozen.py compares both.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from reprlib import recursive_repr


def _values(names: tuple[str, ...]):
    if len(names) == 1:  # attrgetter of one name returns the value, not a 1-tuple
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    return attrgetter(*names) if names else (lambda obj: ())


def _eq(self, other):
    if other.__class__ is self.__class__:
        return self.__compared__(self) == other.__compared__(other)
    return NotImplemented


def _hash(self):
    return hash(self.__hashed__(self))


@recursive_repr()
def _repr(self):
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__shown__)
    return f"{self.__class__.__qualname__}({shown})"


def frozen(cls=None, /, **options):
    """Like @dataclass(frozen=True, **options) (eq and repr as dataclass writes them)."""
    if cls is None:
        return lambda c: frozen(c, **options)
    own = vars(cls)
    cls = dataclass(cls, frozen=True, eq=False, repr=False, **options)
    every = fields(cls)
    cls.__compared__ = staticmethod(_values(tuple(f.name for f in every if f.compare)))
    cls.__hashed__ = staticmethod(_values(tuple(
        f.name for f in every if (f.compare if f.hash is None else f.hash))))
    cls.__shown__ = tuple(f.name for f in every if f.repr)
    for name, method in (("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr)):
        if name not in own:
            setattr(cls, name, method)
    return cls
