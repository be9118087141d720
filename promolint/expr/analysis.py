"""Static analysis of audience expressions: can they be true, and for whom?

Approach
--------
1. **Normalise** the expression to negation normal form: `not` is pushed down to
   the comparisons and absorbed by flipping their operator (`not x < 5` is
   `x >= 5`, `not tags contains 'a'` is "does not contain"). Each comparison
   becomes an `Atom` (field, operator, literal value), a `Rel` (field, operator,
   field), a constant, or an `Opaque` condition the analysis does not model
   (unknown fields, relations between lists, ordering of sub-conditions).
   Comparisons that the concrete evaluator (`promolint.expr.audience`) decides
   regardless of the facts become constants, exactly as it decides them:
   `user.order_count == "0"` is always false, `user.blocked != "yes"` always true,
   a bare non-bool field used as a condition is false, a field compared with
   itself is decided (`x == x` true, `x < x` false).
2. **Decide** with `promolint.expr.decide.Search`: a DPLL-style search over the and/or
   tree with per-field interval and set constraints (`promolint.expr.constraints`),
   independent groups of fields solved apart, no DNF expansion: an audience of
   hundreds of atoms is decided in milliseconds. Exact for the atoms and relations
   above; bounded by `decide.MAX_STEPS`, past which the answer is "unknown".
3. **Concrete facts**: a value for every field the expression names, **verified**
   with the concrete evaluator. Only verified facts are returned, so a witness is
   never wrong, whatever the analysis could not model. Facts the caller already
   knows (`fixed`, e.g. the witness cart's cart.subtotal) are substituted as
   literals before step 1, so the comparisons reading them are decided exactly as
   the evaluator decides them; this is also how promolint.engine.basket finds the
   user facts for its witness baskets (there is no second search).

Answers: `decide` says "yes" (with verified facts), "no" (a proof: no facts can
satisfy it, under the vocabulary's natural domains: counts and money are never
negative and a group has at least one member, `vocabulary.DOMAIN_MIN`, for the
default fields with their default types) or "unknown" (opaque conditions, the step
bound). Callers fail closed on "unknown": money rules assume the audience can be
met, eligibility rules report that the guard cannot be shown.

The evaluator treats a missing fact as making the comparison false; the analysis
assumes every field of the vocabulary the expression names is supplied.
"""
from __future__ import annotations

import math
from decimal import Decimal

from promolint.core.frozen import frozen
from promolint.expr import audience
from promolint.expr.constraints import BoolC, ListC, NumberC, StringC
from promolint.expr.decide import Atom, Opaque, Rel, Search, Solution, Unknown
from promolint.expr.memo import Unkeyable, expr_key, facts_key, memoised
from promolint.expr.syntax import BoolOp, Compare, Expr, Field, ListLit, Literal, Not, parse, walk
from promolint.expr.vocabulary import DOMAIN_MIN, default_fields, kind_of_type, kind_of_value

__all__ = ["Atom", "Opaque", "Range", "Rel", "admits", "admits_status", "decide",
           "field_range", "satisfiable", "satisfying_facts"]

FRESH = {"user.id": "u-1", "user.tier": "regular", "user.region": "other",
         "cart.channel": "web"}
YES, NO, UNKNOWN = "yes", "no", "unknown"
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_SELF = {"==": True, "!=": False, "<": False, "<=": True, ">": False, ">=": True}
MAX_RANGE_CELLS = 200  # field_range asks one question per cell of the named constants

# Per process: answers by (expression, field types[, fixed facts]) key
# (tests/expr/test_analysis_memo.py).
_FACTS: dict = {}
_STORES: dict = {}  # kept for callers that clear it (tests); field_range answers


@frozen
class Range:
    """The values a numeric field can take across the audience (None = unbounded)."""

    lo: Decimal | None
    hi: Decimal | None


def decide(expr: Expr | str | None, fields: dict | None = None,
           fixed: dict | None = None) -> tuple[str, dict | None]:
    """(YES, verified facts) | (NO, None) | (UNKNOWN, None) for `expr`, with `fixed`
    facts given (see satisfying_facts). Memoised per structure, types and facts."""
    expr, fields, fixed = _as_expr(expr), fields or default_fields(), fixed or {}
    status, found = memoised(
        _FACTS, lambda: (expr_key(expr), tuple(fields.items()), facts_key(fixed)),
        lambda: _decide(expr, fields, fixed))
    if found is None:
        return status, None
    return status, {k: list(v) if isinstance(v, list) else v for k, v in found.items()}


def satisfiable(expr: Expr | str | None, fields: dict | None = None) -> bool | None:
    """False when the audience can never be true, True when some facts satisfy it
    (verified), None when the analysis cannot tell."""
    status, _ = decide(_keep(_as_expr(expr)), fields)
    return {YES: True, NO: False}.get(status)


def satisfying_facts(expr: Expr | str | None, fields: dict | None = None,
                     fixed: dict | None = None) -> dict | None:
    """Concrete facts ({field: value}, smallest values) on which `expr` is true, checked
    with `promolint.expr.audience.evaluate`; None when none was found. int fields get ints,
    money fields Decimals, lists lists of strings.

    `fixed` facts are given, not chosen (e.g. cart.subtotal of a witness cart): they are
    included unchanged in the result, and the expression is decided with their values."""
    return decide(expr, fields, fixed)[1]


def admits(expr: Expr | str | None, condition: Expr | str,
           fields: dict | None = None, fixed: dict | None = None) -> dict | None:
    """Facts satisfying the audience AND `condition` (e.g. "user.order_count >= 1"): the
    user the audience lets in although the campaign must exclude them. None if not found.
    `fixed` as for `satisfying_facts`."""
    return admits_status(expr, condition, fields, fixed)[1]


def admits_status(expr, condition, fields: dict | None = None,
                  fixed: dict | None = None) -> tuple[str, dict | None]:
    """`decide` of the audience AND `condition`."""
    combined = BoolOp("and", (_keep(_as_expr(expr)) or Literal(True), _as_expr(condition)))
    return decide(combined, fields, fixed)


def field_range(expr: Expr | str | None, name: str, fields: dict | None = None) -> Range | None:
    """The smallest interval holding `name`'s value over every user the audience admits;
    None when the audience is unsatisfiable, unknown, or `name` is not numeric. Ends the
    analysis cannot place are left open (None): a wider range, never a narrower one."""
    fields = fields or default_fields()
    expr = _keep(_as_expr(expr))
    if kind_of_type(fields.get(name, "")) != "number" or decide(expr, fields)[0] != YES:
        return None
    return memoised(_STORES, lambda: ("range", expr_key(expr), tuple(fields.items()), name),
                    lambda: _range(expr, name, fields))


def _range(expr, name: str, fields: dict) -> Range:
    points = sorted({n.value for n in walk(expr) if isinstance(n, Literal)
                     and isinstance(n.value, Decimal)} | _domain(name, fields))
    if len(points) > MAX_RANGE_CELLS:
        return Range(None, None)
    field = Field(name)
    integral = fields[name] == "int"

    def can(*conds) -> bool | None:
        status = decide(BoolOp("and", (expr or Literal(True),) + conds), fields)[0]
        return None if status == UNKNOWN else status == YES

    def cmp(op, value):
        return Compare(op, field, Literal(value))
    cells = [(cmp("<", points[0]),)] if points else [()]
    for a, b in zip(points, points[1:]):
        cells += [(cmp("==", a),), (cmp(">", a), cmp("<", b))]
    if points:
        cells += [(cmp("==", points[-1]),), (cmp(">", points[-1]),)]
    lo = hi = None
    for i, cell in enumerate(cells):
        answer = can(*cell)
        if answer is None:
            break
        if answer:
            lo = _low_end(cell, can, cmp, integral) if i else None
            break
    last = cells[-1]
    if can(*last) is False:
        for cell in reversed(cells):
            answer = can(*cell)
            if answer is None:
                break
            if answer:
                hi = cell[-1].right.value
                break
    return Range(lo, hi)


def _low_end(cell, can, cmp, integral: bool) -> Decimal | None:
    """The least value in the first satisfiable cell (an int's first whole number)."""
    first = cell[0]
    if first.op == "==" or not integral:
        return first.right.value
    start = Decimal(math.floor(first.right.value) + 1)
    for k in range(8):
        if can(cmp("==", start + k)):
            return start + k
    return start


def _domain(name: str, fields: dict) -> set:
    if name in DOMAIN_MIN and default_fields().get(name) == fields.get(name):
        return {Decimal(DOMAIN_MIN[name])}
    return set()


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


def _decide(expr: Expr | None, fields: dict, fixed: dict) -> tuple[str, dict | None]:
    try:
        reduced = _substitute(expr, fixed) if fixed and expr is not None else expr
        tree = _nnf(reduced if reduced is not None else Literal(True), True, fields)
        names = _mentioned(reduced, fields)
        new = _factory(fields)
        chosen: dict = {}

        def accept(solution: Solution) -> bool:
            facts = _facts(solution, names, fields, new)
            if facts is None:
                return False
            facts.update(fixed)
            if audience.evaluate(expr, facts):
                chosen["facts"] = facts
                return True
            return False
        found = Search(new).run(tree, accept)
    except (Unknown, RecursionError):
        return UNKNOWN, None
    if found is None:
        return NO, None
    return YES, chosen["facts"]


def _factory(fields: dict):
    def new(name: str):
        return _new(name, fields)
    return new


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


def _facts(solution: Solution, names: list[str], fields: dict, new) -> dict | None:
    facts = {}
    for name in names:
        value = solution.value(name, new)
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
    """Negation normal form: ("and"|"or", [items]) | Atom | Rel | Opaque | bool."""
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


def _opaque(node) -> Opaque:
    return Opaque(node, True, frozenset(n.name for n in walk(node) if isinstance(n, Field)))


def _bare(node, fields: dict):
    """A field or literal used as a condition: evaluate() requires the value True."""
    if isinstance(node, Field):
        kind = fields.get(node.name)
        if kind is None:
            return _opaque(node)
        return Atom(node.name, "==", True) if kind == "bool" else False
    return isinstance(node, Literal) and node.value is True


def _condition(node) -> bool:
    return isinstance(node, (BoolOp, Not, Compare))


def _compare(node: Compare, positive: bool, fields: dict):
    """A comparison as an Atom, a Rel, a constant, an Opaque, or (for `a == b` between
    sub-conditions) an and/or tree; polarity is applied by the caller except for trees."""
    left, right = node.left, node.right
    if node.op in ("==", "!=") and (_condition(left) or _condition(right)):
        return _bool_equality(node, positive, fields)
    if not isinstance(left, Field) and not isinstance(right, Field):
        if _condition(left) or _condition(right):
            return _opaque(node)
        return audience.evaluate(node, {})
    if any(isinstance(s, Field) and s.name not in fields for s in (left, right)):
        return _opaque(node)
    if isinstance(left, Field) and isinstance(right, Field):
        return _relation(node, fields)
    if _condition(left) or _condition(right):
        return _opaque(node)
    field = left if isinstance(left, Field) else right
    if fields[field.name] == "bool":
        return _bool_atom(node, field.name)
    oriented = _orient(node)
    if oriented is None:
        return _opaque(node)
    name, op, value = oriented
    return _typed(name, fields[name], op, value, node)


def _bool_atom(node: Compare, name: str):
    """A bool field against a literal: the values for which evaluate() says true."""
    values = frozenset(v for v in (False, True)
                       if audience.evaluate(node, {name: v}))
    if len(values) == 2 or not values:
        return bool(values)
    return Atom(name, "in", values)


_TYPE_ERROR_ORDER = {("number", "string"), ("string", "number"), ("string", "bool"),
                     ("bool", "string"), ("list", "number"), ("number", "list"),
                     ("list", "string"), ("string", "list"), ("list", "bool"), ("bool", "list")}


def _relation(node: Compare, fields: dict):
    """`field op field`, decided as evaluate() decides it for every pair of values of
    the two fields' types, or a Rel for two fields of one scalar kind."""
    a, b, op = node.left.name, node.right.name, node.op
    ka, kb = kind_of_type(fields[a]), kind_of_type(fields[b])
    if op in ("in", "not in"):
        if kb != "list" or ka == "list":  # `x in y` needs y a list of x's kind (strings)
            return op == "not in"
        return _opaque(node) if ka == "string" else op == "not in"
    if op == "contains":
        if ka != "list" or kb == "list":
            return False
        return _opaque(node) if kb == "string" else False
    if a == b:
        return _SELF[op]
    if op in ("==", "!="):
        if ka != kb:
            return op == "!="
        return Rel(a, op, b) if ka != "list" else _opaque(node)
    if (ka, kb) in _TYPE_ERROR_ORDER:
        return False  # evaluate(): ordering values that cannot be ordered is false
    if ka == kb and ka in ("number", "string", "bool") or {ka, kb} == {"number", "bool"}:
        return Rel(a, op, b)  # Python orders a bool as 0 or 1 against a number
    return _opaque(node)  # a list against a list


def _bool_equality(node: Compare, positive: bool, fields: dict):
    sides = []
    for side in (node.left, node.right):
        if isinstance(side, Literal) and isinstance(side.value, bool):
            sides.append(side)
        elif _condition(side) or (isinstance(side, Field) and fields.get(side.name) == "bool"):
            sides.append(side)
        else:
            return _opaque(node)
    a, b = sides
    equal = (node.op == "==") == positive
    both = ("and", [_nnf(a, True, fields), _nnf(b, True, fields)])
    neither = ("and", [_nnf(a, False, fields), _nnf(b, False, fields)])
    cross = [("and", [_nnf(a, True, fields), _nnf(b, False, fields)]),
             ("and", [_nnf(a, False, fields), _nnf(b, True, fields)])]
    return ("or", [both, neither]) if equal else ("or", cross)


def _orient(node: Compare) -> tuple | None:
    """(field name, operator, literal node) with the field first, or None."""
    left, right, op = node.left, node.right, node.op
    if isinstance(left, Field) and isinstance(right, (Literal, ListLit)):
        return left.name, op, right
    if isinstance(right, Field) and isinstance(left, (Literal, ListLit)):
        if op in _MIRROR:
            return right.name, _MIRROR[op], left
        if op in ("in", "not in"):
            return right.name, "contains" if op == "in" else "not contains", left
        if op == "contains":  # `literal contains field`: a literal is never a list here
            return right.name, "reversed contains", left
    return None


def _typed(name: str, field_type: str, op: str, lit, node: Compare):
    """The atom for `name op lit` given the field's type, mirroring evaluate()."""
    kind = kind_of_type(field_type)
    if op == "reversed contains":  # [..] contains field: evaluate() looks for the value
        if not isinstance(lit, ListLit):
            return False
        op, lit = "in", lit
    if isinstance(lit, ListLit):
        values = [item.value for item in lit.items]
        if op in ("==", "!="):
            if kind != "list":
                return op == "!="
            if all(isinstance(v, str) for v in values):
                return Atom(name, op, tuple(values))
            return op == "!="  # a list of strings never equals a list holding other values
        if op in ("in", "not in"):
            if kind == "list":
                return op == "not in"  # a list is never an item of a list of scalars
            return Atom(name, op, frozenset(_matching(values, kind)))
        if op in ("contains", "not contains"):
            return op == "not contains"  # a list value is never an element of a list
        if kind == "list":
            return _opaque(node)  # ordering two lists
        return False  # ordering a scalar against a list: a type error, false
    value = lit.value
    vkind = kind_of_value(value)
    if op in ("==", "!="):
        if vkind != kind:
            return op == "!="  # evaluate(): values of different types are never equal
        return Atom(name, op, value)
    if op in ("in", "not in"):
        return op == "not in"  # `field in <scalar>`: not a list, never found
    if op in ("contains", "not contains"):
        if kind != "list":
            return op == "not contains"  # contains on a non-list is false
        if isinstance(value, str):
            return Atom(name, op, value)
        return op == "not contains"  # a list of strings never holds a number or bool
    # ordering
    if kind == "number" and vkind == "number":
        return Atom(name, op, value)
    if kind == "number" and vkind == "bool":
        return Atom(name, op, Decimal(int(value)))  # Python orders bools as 0 and 1
    if kind == "string" and vkind == "string":
        return Atom(name, op, value)
    if kind == "list":
        return False  # ordering a list against a scalar: a type error, false
    return False  # a string against a number or bool: a type error, false


def _matching(values: list, kind: str) -> set:
    """The list items a field of `kind` can equal under evaluate() (bools are 0 and 1
    to a number, as in Python; nothing else crosses kinds)."""
    if kind == "number":
        return {Decimal(int(v)) if isinstance(v, bool) else v for v in values
                if isinstance(v, (bool, int, Decimal))}
    if kind == "string":
        return {v for v in values if isinstance(v, str)}
    return set()
