"""Decide an audience: a satisfying assignment, found without expanding to DNF.

promolint.expr.analysis turns an expression into a tree of ("and"|"or", [items]) over
`Atom`s (field op value), `Rel`s (field op field) and `Opaque` conditions. `Search`
looks for an assignment the way a DPLL solver does:
- unit goals (atoms outside any `or`) go into per-field constraints
  (promolint.expr.constraints) first; an empty domain fails at once;
- each `or` is filtered against them: alternatives that cannot hold are dropped, an
  `or` the constraints already imply is dropped, one alternative left is a unit;
- goals that share no field are independent and are solved one group at a time (a
  list of regions AND a list of channels AND a list of tiers is linear, not a product);
- otherwise the `or` with the fewest alternatives is split, depth first.
At a leaf the relations between fields are solved over a finite set of candidate
values per field, complete for order and equality over the constants named: each
constant, and enough values beside and between them (`candidates`).

An `Opaque` condition is assumed to be satisfiable either way; a leaf that relies on
one is only accepted when the caller's `accept` (the concrete evaluator) agrees, and
a search that rejected such a leaf and found nothing else is `Unknown`, never "no".
The search is bounded by MAX_STEPS; past it, `Unknown` too.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from promolint.core.frozen import frozen
from promolint.expr.constraints import CENT, BoolC, ListC, NumberC, StringC, chain, negate

MAX_STEPS = 200_000
_ORDER = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
          ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}


class Unknown(Exception):
    """The search could not decide (step bound, or only opaque leaves were found)."""


@frozen
class Atom:
    """One comparison of a field with a value."""

    field: str
    op: str  # == != < <= > >= in "not in" contains "not contains"
    value: Any  # Decimal | str | bool | tuple (list ==), or a frozenset for in / not in

    def negated(self) -> "Atom":
        return Atom(self.field, negate(self.op), self.value)


@frozen
class Rel:
    """A comparison of two different fields of one kind (number, string, bool; a bool
    ordered against a number)."""

    left: str
    op: str  # == != < <= > >=
    right: str

    def negated(self) -> "Rel":
        return Rel(self.left, negate(self.op), self.right)

    def holds(self, values: dict) -> bool:
        return _ORDER[self.op](values[self.left], values[self.right])


@frozen
class Opaque:
    """A condition the analysis cannot decide (`positive` False when negated)."""

    node: Any
    positive: bool = True
    names: frozenset = frozenset()  # the fields it reads

    def negated(self) -> "Opaque":
        return Opaque(self.node, not self.positive, self.names)


@frozen
class Solution:
    """Per-field constraints of a satisfying branch, and values chosen for relations."""

    store: dict
    values: dict

    def value(self, name: str, new: Callable):
        if name in self.values:
            return self.values[name]
        return (self.store.get(name) or new(name)).pick()


def flatten(tree):
    """The tree with nested and-in-and / or-in-or merged, constants folded."""
    if not isinstance(tree, tuple):
        return tree
    op, items = tree
    out = []
    for item in items:
        item = flatten(item)
        if isinstance(item, tuple) and item[0] == op:
            out.extend(item[1])
        elif item is (op == "and"):
            continue  # True in an and, False in an or
        elif item is (op == "or"):
            return op == "or"  # True in an or, False in an and
        else:
            out.append(item)
    if not out:
        return op == "and"
    return out[0] if len(out) == 1 else (op, out)


class Search:
    """One decision: `run(tree, accept)` -> Solution, None (no assignment), or Unknown."""

    def __init__(self, new: Callable[[str], Any], max_steps: int | None = None):
        self.new, self.steps = new, 0
        self.max_steps = MAX_STEPS if max_steps is None else max_steps
        self.doubt = False
        self._names: dict = {}

    def run(self, tree, accept: Callable[[Solution], bool] | None = None) -> Solution | None:
        found = self._solve([flatten(tree)], {}, (), False, accept)
        if found is None and self.doubt:
            raise Unknown()
        return found

    # -- the search -----------------------------------------------------------------

    def _tick(self) -> None:
        self.steps += 1
        if self.steps > self.max_steps:
            raise Unknown()

    def _solve(self, goals: list, store: dict, rels: tuple, opaque: bool, accept):
        self._tick()
        ors: list = []
        stack = list(goals)
        while stack:  # units into the constraints, then the ors filtered, until stable
            while stack:
                goal = stack.pop()
                if goal is True:
                    continue
                if goal is False:
                    return None
                if isinstance(goal, Atom):
                    store = self._add(store, goal)
                    if store is None:
                        return None
                elif isinstance(goal, Rel):
                    rels += (goal,)
                elif isinstance(goal, Opaque):
                    opaque = True
                elif goal[0] == "and":
                    stack.extend(goal[1])
                else:
                    ors.append(goal)
            kept = []
            for goal in ors:
                items = self._viable(goal[1], store)
                if items is None:
                    continue  # implied by the constraints
                if not items:
                    return None
                if len(items) == 1:
                    stack.append(items[0])
                else:
                    kept.append(("or", items) if len(items) < len(goal[1]) else goal)
            ors = kept
        if not ors:
            return self._leaf(store, rels, opaque, accept)
        if accept is None or not opaque:
            groups = self._groups(ors, rels)
            if len(groups) > 1:
                return self._independent(groups, store, rels, opaque, accept)
        goal = min(ors, key=lambda g: len(g[1]))
        rest = [g for g in ors if g is not goal]
        for item in goal[1]:
            found = self._solve([item] + rest, store, rels, opaque, accept)
            if found is not None:
                return found
        return None

    def _independent(self, groups, store, rels, opaque, accept):
        """Solve groups sharing no field one after another; the last one (holding the
        opaque conditions, if any) is checked with `accept` on the merged solution."""
        merged = Solution(dict(store), {})
        for i, (ors, group_rels) in enumerate(groups):
            names = frozenset().union(*(self._fields(g) for g in ors + list(group_rels)))
            last = i == len(groups) - 1
            check = None
            if last and accept is not None:
                def check(s, done=merged, names=names):
                    mine = {k: v for k, v in s.store.items() if k in names}
                    return accept(Solution({**done.store, **mine}, {**done.values, **s.values}))
            found = self._solve(ors, store, group_rels, opaque and last, check)
            if found is None:
                return None
            mine = {k: v for k, v in found.store.items() if k in names}
            merged = Solution({**merged.store, **mine}, {**merged.values, **found.values})
        return merged

    def _groups(self, ors: list, rels: tuple) -> list:
        """(ors, rels) per group of goals connected by shared fields; the group with
        opaque conditions (they read fields the search does not model) goes last."""
        parent: dict = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        goals = list(ors) + list(rels)
        for goal in goals:
            names = self._fields(goal)
            first = next(iter(names), None)
            for name in names:
                parent[find(name)] = find(first)
        by_root: dict = {}
        for goal in goals:
            names = self._fields(goal)
            root = find(next(iter(names))) if names else ("none",)
            by_root.setdefault(root, []).append(goal)
        out = []
        for members in by_root.values():
            out.append(([g for g in members if not isinstance(g, Rel)],
                        tuple(g for g in members if isinstance(g, Rel))))
        out.sort(key=lambda group: any(self._has_opaque(g) for g in group[0]))
        return out

    def _fields(self, goal) -> frozenset:
        key = id(goal)
        held = self._names.get(key)
        if held is not None and held[0] is goal:
            return held[1]
        if isinstance(goal, Atom):
            names = frozenset((goal.field,))
        elif isinstance(goal, Rel):
            names = frozenset((goal.left, goal.right))
        elif isinstance(goal, Opaque):
            names = goal.names | {"\0opaque"}  # opaque conditions stay together
        elif isinstance(goal, tuple):
            names = frozenset().union(*(self._fields(i) for i in goal[1]))
        else:
            names = frozenset()
        self._names[key] = (goal, names)
        return names

    def _has_opaque(self, goal) -> bool:
        return "\0opaque" in self._fields(goal)

    def _viable(self, items: list, store: dict) -> list | None:
        """The alternatives of an `or` that may still hold; None when one surely holds."""
        out = []
        for item in items:
            if item is True:
                return None
            if item is False:
                continue
            if isinstance(item, Atom):
                current = store.get(item.field)
                if self._implied(current, item):
                    return None
                if self._add(store, item) is None:
                    continue
            elif isinstance(item, tuple):  # an `and`: drop it when one of its atoms fails
                if any(isinstance(a, Atom) and self._add(store, a) is None for a in item[1]):
                    continue
            out.append(item)
        return out

    def _implied(self, current, atom: Atom) -> bool:
        c = (current or self.new(atom.field)).copy()
        c.add(negate(atom.op), atom.value)
        return c.empty()

    def _add(self, store: dict, atom: Atom) -> dict | None:
        c = (store.get(atom.field) or self.new(atom.field)).copy()
        c.add(atom.op, atom.value)
        if c.empty():
            return None
        out = dict(store)
        out[atom.field] = c
        return out

    def _leaf(self, store: dict, rels: tuple, opaque: bool, accept):
        values = {}
        if rels:
            values = self._relations(rels, store)
            if values is None:
                return None
        found = Solution(store, values)
        if accept is None or accept(found):
            return found
        if opaque:
            self.doubt = True  # another choice for the opaque condition might do
        else:
            self.doubt = True  # the model and the evaluator disagree: say so, not "no"
        return None

    # -- relations between fields ---------------------------------------------------

    def _relations(self, rels: tuple, store: dict) -> dict | None:
        names = sorted({r.left for r in rels} | {r.right for r in rels})
        cons = {n: store.get(n) or self.new(n) for n in names}
        consts = set().union(*(c.constants() for c in cons.values()))
        spread = len(names) + sum(len(c.constants()) for c in cons.values()) + 1
        options = {n: candidates(cons[n], consts, spread) for n in names}
        order = sorted(names, key=lambda n: len(options[n]))
        values: dict = {}

        def assign(i: int) -> bool:
            if i == len(order):
                return True
            name = order[i]
            for value in options[name]:
                self._tick()
                values[name] = value
                if all(r.holds(values) for r in rels
                       if r.left in values and r.right in values) and assign(i + 1):
                    return True
            del values[name]
            return False

        return dict(values) if assign(0) else None


def candidates(c, consts: set, spread: int) -> list:
    """Values for a field in relations: enough around and between `consts` that any
    order of the related fields (avoiding the excluded values) can be realised."""
    if isinstance(c, BoolC):
        return [v for v in (False, True) if c.holds(v)]
    if isinstance(c, NumberC):
        points = sorted({v for v in consts if isinstance(v, Decimal) and not isinstance(v, bool)}
                        | {Decimal(0), Decimal(1)})  # 1: a bool's value when ordered
        out = set()
        step = Decimal(1) if c.integral else CENT
        for p in points:
            base = Decimal(int(p)) if c.integral else p
            out |= {base + step * k for k in range(-spread - 1, spread + 2)}
        if not c.integral:
            for a, b in zip(points, points[1:]):
                out |= {a + (b - a) * k / (spread + 1) for k in range(1, spread + 1)}
        return sorted(v for v in out if c.holds(v))
    if isinstance(c, StringC):
        strings = {v for v in consts if isinstance(v, str)} | {""}
        out = {c.fresh} | {v for s in strings for v in chain(s, spread)}
        if c.allowed is not None:
            out |= set(c.allowed)
        return sorted(v for v in out if c.holds(v))
    if isinstance(c, ListC):
        found = c.pick()
        return [found] if found is not None else []
    return []
