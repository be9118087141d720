"""Per-field constraints for the audience analysis (see promolint.expr.analysis).

One conjunct of an audience in disjunctive normal form is a set of atomic
conditions; grouped by field, each group is one of these small domains:

- `NumberC`: an interval (bounds open or closed) plus an optional finite set of
  allowed values (`in [...]`) and a finite set of excluded values (`!=`,
  `not in`). `integral` fields (type int) hold whole numbers only, so strict
  bounds are rounded to closed integer bounds as they are added.
- `StringC`: an optional finite allowed set, a finite forbidden set and bounds in
  code-point (Python) order. The successor of a string s is s + "\0", so the members
  just above a bound are a chain the search walks exactly.
- `BoolC`: the subset of {False, True} still possible.
- `ListC`: elements the list must contain and elements it must not contain, and
  optionally the exact list it must equal (`==` a list literal) or must not.

Each class answers `empty()` exactly for its domain and `pick()` returns the
smallest member (None when empty), used to build concrete witnesses; `holds(v)`
tells whether a value meets it and `copy()` gives an independent one (the search
in promolint.expr.decide changes copies, never a constraint another branch holds).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

CENT = Decimal("0.01")
_FLIP = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">",
         "in": "not in", "not in": "in", "contains": "not contains", "not contains": "contains"}


def _clone(obj, **sets):
    """A shallow copy with the given (mutable) attributes replaced: dataclasses.replace
    costs ~50 us, and the search copies a constraint per step."""
    out = object.__new__(type(obj))
    out.__dict__.update(obj.__dict__, **sets)
    return out


def negate(op: str) -> str:
    """The operator of the complementary condition (`<` -> `>=`)."""
    return _FLIP[op]


@dataclass
class NumberC:
    integral: bool
    lo: Decimal | None = None
    lo_strict: bool = False
    hi: Decimal | None = None
    hi_strict: bool = False
    allowed: frozenset | None = None
    excluded: set = field(default_factory=set)

    def copy(self) -> "NumberC":
        return _clone(self, excluded=set(self.excluded))

    def constants(self) -> set:
        """Every value a condition named (for the relations' candidate values)."""
        out = set(self.excluded) | set(self.allowed or ())
        return out | {v for v in (self.lo, self.hi) if v is not None}

    def add(self, op: str, value: Any) -> None:
        if op == "in":
            self.allowed = frozenset(value) if self.allowed is None else self.allowed & set(value)
        elif op == "not in":
            self.excluded |= set(value)
        elif op == "!=":
            self.excluded.add(value)
        elif op == "==":
            self._lower(value, False)
            self._upper(value, False)
        elif op in (">", ">="):
            self._lower(value, op == ">")
        else:
            self._upper(value, op == "<")

    def _lower(self, value: Decimal, strict: bool) -> None:
        if self.integral:
            value, strict = Decimal(math.floor(value) + 1 if strict else math.ceil(value)), False
        if self.lo is None or value > self.lo or (value == self.lo and strict):
            self.lo, self.lo_strict = value, strict

    def _upper(self, value: Decimal, strict: bool) -> None:
        if self.integral:
            value, strict = Decimal(math.ceil(value) - 1 if strict else math.floor(value)), False
        if self.hi is None or value < self.hi or (value == self.hi and strict):
            self.hi, self.hi_strict = value, strict

    def holds(self, value: Decimal) -> bool:
        """Whether `value` meets every constraint."""
        if self.integral and value != value.to_integral_value():
            return False
        if self.lo is not None and (value < self.lo or (self.lo_strict and value == self.lo)):
            return False
        if self.hi is not None and (value > self.hi or (self.hi_strict and value == self.hi)):
            return False
        if self.allowed is not None and value not in self.allowed:
            return False
        return value not in self.excluded

    def empty(self) -> bool:
        return self.pick() is None

    def pick(self) -> Decimal | None:
        """The smallest member near zero or the lower bound, or None when empty."""
        if self.allowed is not None:
            return next((v for v in sorted(self.allowed) if self.holds(v)), None)
        if self.lo is not None and self.hi is not None and (
                self.lo > self.hi or (self.lo == self.hi and (self.lo_strict or self.hi_strict))):
            return None
        for value in self._candidates():
            if self.holds(value):
                return value
        return None

    def _candidates(self):
        step = Decimal(1) if self.integral else CENT
        tries = len(self.excluded) + 2
        if self.lo is not None:
            start = self.lo if not self.lo_strict else (self.lo // step + 1) * step
            yield from (start + step * i for i in range(tries))
        elif self.hi is None:
            yield from (step * i for i in range(tries))
        else:
            start = self.hi if not self.hi_strict else (-((-self.hi) // step) - 1) * step
            start = min(start, Decimal(0))
            yield from (start - step * i for i in range(tries))
        if not self.integral and self.lo is not None and self.hi is not None:
            yield from self._midpoints(tries)

    def _midpoints(self, tries: int):
        """Points strictly inside a narrow money interval with no whole cent in it."""
        top = self.hi
        for _ in range(tries):
            top = (self.lo + top) / 2
            yield top


@dataclass
class StringC:
    fresh: str = "x"  # the base of a value no condition names
    allowed: frozenset | None = None
    forbidden: set = field(default_factory=set)
    lo: str | None = None
    lo_strict: bool = False
    hi: str | None = None
    hi_strict: bool = False

    def copy(self) -> "StringC":
        return _clone(self, forbidden=set(self.forbidden))

    def constants(self) -> set:
        out = set(self.forbidden) | set(self.allowed or ())
        return out | {v for v in (self.lo, self.hi) if v is not None}

    def add(self, op: str, value: Any) -> None:
        if op in ("==", "in"):
            values = {value} if op == "==" else set(value)
            self.allowed = frozenset(values) if self.allowed is None else self.allowed & values
        elif op in ("!=", "not in"):
            self.forbidden |= {value} if op == "!=" else set(value)
        elif op in (">", ">="):
            if self.lo is None or value > self.lo or (value == self.lo and op == ">"):
                self.lo, self.lo_strict = value, op == ">"
        elif self.hi is None or value < self.hi or (value == self.hi and op == "<"):
            self.hi, self.hi_strict = value, op == "<"

    def holds(self, value: str) -> bool:
        if self.allowed is not None and value not in self.allowed:
            return False
        if self.lo is not None and (value < self.lo or (self.lo_strict and value == self.lo)):
            return False
        if self.hi is not None and (value > self.hi or (self.hi_strict and value == self.hi)):
            return False
        return value not in self.forbidden

    def empty(self) -> bool:
        if self.allowed is not None:
            return not any(self.holds(v) for v in self.allowed)
        if self.lo is None and self.hi is None:
            return False  # infinitely many strings, finitely many forbidden
        return self.pick() is None

    def pick(self) -> str | None:
        if self.allowed is not None:
            return next((v for v in sorted(self.allowed) if self.holds(v)), None)
        tries = len(self.forbidden) + 2
        fresh = [self.fresh] + [f"{self.fresh}-{n}" for n in range(2, tries + 1)]
        found = next((v for v in fresh if self.holds(v)), None)
        if found is not None:
            return found
        # The smallest members above the lower bound (or above ""): s, s+"\0", s+"\0\0"...
        base = self.lo if self.lo is not None else ""
        return next((v for v in chain(base, tries) if self.holds(v)), None)


def chain(base: str, n: int) -> list[str]:
    """`base` and its next n successors in string order."""
    return [base + "\0" * k for k in range(n + 1)]


@dataclass
class BoolC:
    allowed: set = field(default_factory=lambda: {False, True})

    def copy(self) -> "BoolC":
        return BoolC(set(self.allowed))

    def constants(self) -> set:
        return set()

    def holds(self, value) -> bool:
        return value in self.allowed

    def add(self, op: str, value: Any) -> None:
        if op == "==":
            self.allowed &= {value}
        elif op == "!=":
            self.allowed -= {value}
        elif op == "in":
            self.allowed &= set(value)
        else:
            self.allowed -= set(value)

    def empty(self) -> bool:
        return not self.allowed

    def pick(self) -> bool | None:
        return False if False in self.allowed else (True if self.allowed else None)


@dataclass
class ListC:
    required: set = field(default_factory=set)
    forbidden: set = field(default_factory=set)
    exact: tuple | None = None       # `== [...]`: exactly this list, in this order
    not_exact: set = field(default_factory=set)
    conflict: bool = False           # two different exact lists

    def copy(self) -> "ListC":
        return _clone(self, required=set(self.required), forbidden=set(self.forbidden),
                      not_exact=set(self.not_exact))

    def constants(self) -> set:
        return set()

    def add(self, op: str, value: Any) -> None:
        if op == "==":
            value = tuple(value)
            self.conflict |= self.exact not in (None, value)
            self.exact = value
        elif op == "!=":
            self.not_exact.add(tuple(value))
        else:
            (self.required if op == "contains" else self.forbidden).add(value)

    def holds(self, value) -> bool:
        items = set(value)
        if self.conflict:
            return False
        if self.exact is not None and tuple(value) != self.exact:
            return False
        return self.required <= items and not (self.forbidden & items) \
            and tuple(value) not in self.not_exact

    def empty(self) -> bool:
        return self.pick() is None

    def pick(self) -> list | None:
        if self.exact is not None:
            return list(self.exact) if self.holds(self.exact) else None
        if self.required & self.forbidden:
            return None
        base = sorted(self.required)
        for n in range(len(self.not_exact) + 1):  # a few extra elements avoid each `!=`
            value = base + [f"x-{i}" for i in range(n) if f"x-{i}" not in self.forbidden]
            if self.holds(value):
                return value
        return None
