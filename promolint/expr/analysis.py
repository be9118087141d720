"""Static analysis of audience expressions: can they be true, and for whom?

Approach
--------
1. **Normalise** the expression to negation normal form: `not` is pushed down to
   the comparisons and absorbed by flipping their operator (`not x < 5` is
   `x >= 5`, `not tags contains 'a'` is "does not contain"). Each comparison
   becomes an `Atom` (field, operator, literal value), a constant, or an
   `Opaque` condition the analysis does not model (field compared with field,
   ordering on strings, unknown fields, mixed-type `in` lists).
   Ill-typed comparisons that the concrete evaluator (`promolint.expr.audience`)
   decides regardless of the facts become constants, exactly as it decides them:
   `user.order_count == "0"` is always false, `user.blocked != "yes"` always true,
   a bare non-bool field used as a condition is false.
2. **Disjunctive normal form**: an `or` of conjuncts, each an `and` of atoms.
   DNF can grow exponentially, so it is bounded by `MAX_CONJUNCTS`; past that the
   analysis answers "unknown" (None) and no rule reports anything.
3. **Per conjunct, per field constraints** (`promolint.expr.constraints`): intervals
   for int and money fields (int fields hold whole numbers, so `x > 0 and x < 1`
   is empty; money is treated as dense), allowed / forbidden sets for strings,
   the possible values of bools, required / forbidden elements of lists. Each
   domain decides emptiness exactly and picks its smallest member.
4. **Concrete facts**: from the first non-empty conjunct that works, pick a value
   for every field the expression names, then **verify** the facts with the
   concrete evaluator. Only verified facts are returned, so a witness is never
   wrong, whatever the analysis could not model. Facts the caller already knows
   (`fixed`, e.g. the witness cart's cart.subtotal) are substituted as literals
   before step 1, so the comparisons reading them are decided exactly as the
   evaluator decides them; this is also how promolint.engine.basket finds the
   user facts for its witness baskets (there is no second search).

Soundness and limits
--------------------
- `satisfiable` returns False only when every conjunct is empty while ignoring
  opaque atoms (an over-approximation of the audience), so "never true" is a
  proof, under the vocabulary's natural domains: counts and money are never
  negative and a group has at least one member (`vocabulary.DOMAIN_MIN`, only for
  the default fields with their default types). It returns True only with
  verified facts, and None (unknown) otherwise.
- Every fact set returned is verified, so `satisfying_facts` / `admits` may miss
  a witness (opaque atoms, DNF limit) but never return a wrong one.
- The evaluator treats a missing fact as making the comparison false; the
  analysis assumes every field the expression names is supplied.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from promolint.core.frozen import frozen
from promolint.expr import audience
from promolint.expr.constraints import BoolC, ListC, NumberC, StringC, negate
from promolint.expr.memo import Unkeyable, expr_key, facts_key, memoised
from promolint.expr.syntax import (
    BoolOp,
    Compare,
    Expr,
    Field,
    ListLit,
    Literal,
    Not,
    parse,
    walk,
)
from promolint.expr.vocabulary import (
    DOMAIN_MIN,
    default_fields,
    kind_of_type,
    kind_of_value,
)

MAX_CONJUNCTS = 512
FRESH = {"user.id": "u-1", "user.tier": "regular", "user.region": "other",
         "cart.channel": "web"}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


# Per process: answers by (expression, field types[, fixed facts]) key (analysis_memo).
_FACTS: dict = {}
_STORES: dict = {}


class TooComplex(Exception):
    """The DNF would exceed MAX_CONJUNCTS (or the expression nests too deeply)."""


@frozen
class Atom:
    """One comparison of a field with a value."""

    field: str
    op: str  # == != < <= > >= in "not in" contains "not contains"
    value: Any  # Decimal | str | bool, or a frozenset for in / not in

    def negated(self) -> "Atom":
        return Atom(self.field, negate(self.op), self.value)


@frozen
class Opaque:
    """A condition the analysis cannot decide (`positive` False when negated)."""

    node: Any
    positive: bool = True

    def negated(self) -> "Opaque":
        return Opaque(self.node, not self.positive)


@frozen
class Range:
    """The values a numeric field can take across the audience (None = unbounded)."""

    lo: Decimal | None
    hi: Decimal | None


def satisfiable(expr: Expr | str | None, fields: dict | None = None) -> bool | None:
    """False when the audience can never be true, True when some facts satisfy it
    (verified), None when the analysis cannot tell."""
    expr = _keep(_as_expr(expr))
    stores = _stores(expr, fields or default_fields())
    if stores is None:
        return None
    if not stores:
        return False
    return True if satisfying_facts(expr, fields) is not None else None


def satisfying_facts(expr: Expr | str | None, fields: dict | None = None,
                     fixed: dict | None = None) -> dict | None:
    """Concrete facts ({field: value}, smallest values) on which `expr` is true, checked
    with `promolint.expr.audience.evaluate`; None when none was found. int fields get ints,
    money fields Decimals, lists sorted lists of strings.

    `fixed` facts are given, not chosen (e.g. cart.subtotal of a witness cart): they are
    included unchanged in the result, and the expression is decided with their values."""
    expr, fields, fixed = _as_expr(expr), fields or default_fields(), fixed or {}
    found = memoised(_FACTS, lambda: (expr_key(expr), tuple(fields.items()), facts_key(fixed)),
                     lambda: _satisfying_facts(expr, fields, fixed))
    return None if found is None else {k: list(v) if isinstance(v, list) else v
                                       for k, v in found.items()}  # callers may change it


def _satisfying_facts(expr: Expr | None, fields: dict, fixed: dict) -> dict | None:
    reduced = _substitute(expr, fixed) if fixed and expr is not None else expr
    stores = _stores(reduced, fields)
    if not stores:
        return None
    names = _mentioned(reduced, fields)
    for store in stores:
        facts = _facts(store, names, fields)
        if facts is not None:
            facts.update(fixed)
            if audience.evaluate(expr, facts):
                return facts
    return None


def admits(expr: Expr | str | None, condition: Expr | str,
           fields: dict | None = None, fixed: dict | None = None) -> dict | None:
    """Facts satisfying the audience AND `condition` (e.g. "user.order_count >= 1"): the
    user the audience lets in although the campaign must exclude them. None if not found.
    `fixed` as for `satisfying_facts`."""
    combined = BoolOp("and", (_keep(_as_expr(expr)) or Literal(True), _as_expr(condition)))
    return satisfying_facts(combined, fields, fixed)


def field_range(expr: Expr | str | None, name: str, fields: dict | None = None) -> Range | None:
    """The smallest interval holding `name`'s value in every satisfiable conjunct;
    None when unknown or the audience is unsatisfiable."""
    fields = fields or default_fields()
    stores = _stores(_keep(_as_expr(expr)), fields)
    if not stores or kind_of_type(fields.get(name, "")) != "number":
        return None
    parts = [store.get(name) or _new(name, fields) for store in stores]
    lo = None if any(p.lo is None for p in parts) else min(p.lo for p in parts)
    hi = None if any(p.hi is None for p in parts) else max(p.hi for p in parts)
    return Range(lo, hi)


def _keep(expr):
    """`expr` (an audience), its memo key remembered: it is asked about again."""
    try:
        expr_key(expr, keep=True)
    except (Unkeyable, RecursionError):
        pass
    return expr


def _as_expr(expr):
    return parse(expr) if isinstance(expr, str) else expr


def _substitute(node, fixed: dict):
    """`node` with every field named in `fixed` replaced by its value as a literal, so a
    comparison of a fixed field is decided as evaluate() decides it, whatever its type."""
    if isinstance(node, Field):
        return Literal(fixed[node.name], node.span) if node.name in fixed else node
    if isinstance(node, BoolOp):
        return BoolOp(node.op, tuple(_substitute(i, fixed) for i in node.items), node.span)
    if isinstance(node, Not):
        return Not(_substitute(node.operand, fixed), node.span)
    if isinstance(node, Compare):
        return Compare(node.op, _substitute(node.left, fixed), _substitute(node.right, fixed),
                       node.span)
    return node


def _stores(expr: Expr | None, fields: dict) -> list[dict] | None:
    """The non-empty conjuncts as {field: constraint}, or None when too complex.
    Memoised: the stores are only read (pick, lo, hi) once solved, so they are shared."""
    return memoised(_STORES, lambda: (expr_key(expr), tuple(fields.items())),
                    lambda: _solve_all(expr, fields))


def _solve_all(expr: Expr | None, fields: dict) -> list[dict] | None:
    try:
        conjuncts = _dnf(_nnf(expr if expr is not None else Literal(True), True, fields))
    except (TooComplex, RecursionError):
        return None
    return [s for s in (_solve(c, fields) for c in conjuncts) if s is not None]


def _solve(conjunct: list, fields: dict) -> dict | None:
    store: dict = {}
    for atom in conjunct:
        if isinstance(atom, Atom):
            if atom.field not in store:
                store[atom.field] = _new(atom.field, fields)
            store[atom.field].add(atom.op, atom.value)
    return None if any(c.empty() for c in store.values()) else store


def _new(name: str, fields: dict):
    kind = fields.get(name)
    if kind in ("int", "money"):
        c = NumberC(integral=kind == "int")
        if name in DOMAIN_MIN and default_fields().get(name) == kind:
            c.add(">=", Decimal(DOMAIN_MIN[name]))
        return c
    if kind == "bool":
        return BoolC()
    if kind == "list":
        return ListC()
    return StringC(fresh=FRESH.get(name, "x"))


def _facts(store: dict, names: list[str], fields: dict) -> dict | None:
    facts = {}
    for name in names:
        value = (store.get(name) or _new(name, fields)).pick()
        if value is None:
            return None
        facts[name] = int(value) if fields[name] == "int" else value
    return facts


def _mentioned(expr: Expr | None, fields: dict) -> list[str]:
    if expr is None:
        return []
    names = {n.name for n in walk(expr) if isinstance(n, Field) and n.name in fields}
    return sorted(names)


def _nnf(node, positive: bool, fields: dict):
    """Negation normal form: ("and"|"or", [items]) | Atom | Opaque | bool."""
    if isinstance(node, BoolOp):
        op = node.op if positive else ("or" if node.op == "and" else "and")
        return (op, [_nnf(item, positive, fields) for item in node.items])
    if isinstance(node, Not):
        return _nnf(node.operand, not positive, fields)
    if isinstance(node, Compare):
        result = _compare(node, positive, fields)
    else:
        result = _bare(node, fields)
    if isinstance(result, bool):
        return result == positive
    return result if positive or isinstance(result, tuple) else result.negated()


def _bare(node, fields: dict):
    """A field or literal used as a condition: evaluate() requires the value True."""
    if isinstance(node, Field):
        kind = fields.get(node.name)
        if kind is None:
            return Opaque(node)
        return Atom(node.name, "==", True) if kind == "bool" else False
    return isinstance(node, Literal) and node.value is True


def _condition(node) -> bool:
    return isinstance(node, (BoolOp, Not, Compare))


def _compare(node: Compare, positive: bool, fields: dict):
    """A comparison as an Atom, a constant, an Opaque, or (for `a == b` between
    sub-conditions) an and/or tree; polarity is applied by the caller except for trees."""
    left, right = node.left, node.right
    if node.op in ("==", "!=") and (_condition(left) or _condition(right)):
        return _bool_equality(node, positive, fields)
    if not isinstance(left, Field) and not isinstance(right, Field):
        if _condition(left) or _condition(right):
            return Opaque(node)
        return audience.evaluate(node, {})
    oriented = _orient(node)
    if oriented is None or oriented[0] not in fields:
        return Opaque(node)
    name, op, value = oriented
    return _typed(name, fields[name], op, value, node)


def _bool_equality(node: Compare, positive: bool, fields: dict):
    sides = []
    for side in (node.left, node.right):
        if isinstance(side, Literal) and isinstance(side.value, bool):
            sides.append(side)
        elif _condition(side) or (isinstance(side, Field) and fields.get(side.name) == "bool"):
            sides.append(side)
        else:
            return Opaque(node)
    a, b = sides
    equal = (node.op == "==") == positive
    both = ("and", [_nnf(a, True, fields), _nnf(b, True, fields)])
    neither = ("and", [_nnf(a, False, fields), _nnf(b, False, fields)])
    cross = [("and", [_nnf(a, True, fields), _nnf(b, False, fields)]),
             ("and", [_nnf(a, False, fields), _nnf(b, True, fields)])]
    return ("or", [both, neither]) if equal else ("or", cross)


def _orient(node: Compare) -> tuple[str, str, Any] | None:
    """(field name, operator, literal node) with the field first, or None."""
    left, right, op = node.left, node.right, node.op
    if isinstance(left, Field) and isinstance(right, (Literal, ListLit)):
        return left.name, op, right
    if isinstance(right, Field) and isinstance(left, Literal):
        if op in _MIRROR:
            return right.name, _MIRROR[op], left
        if op in ("in", "not in"):
            return right.name, "contains" if op == "in" else "not contains", left
    return None


def _typed(name: str, field_type: str, op: str, lit, node: Compare):
    """The atom for `name op lit` given the field's type, mirroring evaluate()."""
    kind = kind_of_type(field_type)
    if op in ("==", "!=") and isinstance(lit, Literal) and kind_of_value(lit.value) != kind:
        return op == "!="  # evaluate(): values of different types are never equal
    if op == "contains" and kind != "list" and isinstance(lit, Literal):
        return False  # evaluate(): contains on a non-list is false
    if op in ("==", "!=") and isinstance(lit, Literal) and kind != "list":
        return Atom(name, op, lit.value)
    if op in ("in", "not in") and isinstance(lit, ListLit) and kind != "list":
        values = [item.value for item in lit.items]
        if all(kind_of_value(v) == kind for v in values):
            return Atom(name, op, frozenset(values))
    if op in ("<", "<=", ">", ">=") and kind == "number" and isinstance(lit, Literal) \
            and kind_of_value(lit.value) == "number":
        return Atom(name, op, lit.value)
    if op in ("contains", "not contains") and kind == "list" \
            and isinstance(lit, Literal) and isinstance(lit.value, str):
        return Atom(name, op, lit.value)
    return Opaque(node)


def _dnf(tree) -> list[list]:
    """The conjuncts of an NNF tree; raises TooComplex past MAX_CONJUNCTS."""
    if tree is True:
        return [[]]
    if tree is False:
        return []
    if isinstance(tree, (Atom, Opaque)):
        return [[tree]]
    op, items = tree
    parts = [_dnf(item) for item in items]
    if op == "or":
        out = [c for part in parts for c in part]
        if len(out) > MAX_CONJUNCTS:
            raise TooComplex()
        return out
    out = [[]]
    for part in parts:
        if len(out) * len(part) > MAX_CONJUNCTS:
            raise TooComplex()
        out = [a + b for a in out for b in part]
    return out
