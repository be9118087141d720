"""coupon-without-threshold: a coupon code takes a fixed amount off with no minimum
spend and no per-user limit (Banana Republic: a "$50 off $150" code that took $50
off $50 orders, again and again).

A minimum spend counts when the audience requires, in every case (a top-level `and`
conjunct), `cart.subtotal >= X` or `> X` with X above the amount.
"""
from decimal import Decimal

from promolint.core.diagnostics import make, money
from promolint.expr import syntax as e
from promolint.model import promotion as m

RULES = ("coupon-without-threshold",)
NEEDS = ("benefit", "coupon", "audience", "limits.per_user")


def check(promo, ctx):
    benefit, coupon = promo.benefit, promo.coupon
    if not isinstance(benefit, m.AmountOff) or coupon is None or not coupon.required:
        return
    if promo.limits.per_user is not None or _min_spend(promo.audience) > benefit.amount:
        return
    yield make(promo.path, promo.source.span(("benefit", "amount")), "coupon-without-threshold",
               promotion=promo.id, amount=money(benefit.amount), currency=promo.currency)


def _min_spend(audience) -> Decimal:
    """The smallest subtotal the audience admits for certain (0 when it sets none)."""
    if audience is None:
        return Decimal(0)
    conjuncts = audience.items if isinstance(audience, e.BoolOp) and audience.op == "and" else (audience,)
    return max((_bound(c) for c in conjuncts), default=Decimal(0))


_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}
_NEGATE = {"<": ">=", "<=": ">"}


def _bound(node) -> Decimal:
    negated = isinstance(node, e.Not) and isinstance(node.operand, e.Compare)
    if negated:  # not (cart.subtotal < 150) is cart.subtotal >= 150
        node = node.operand
    if not isinstance(node, e.Compare):
        return Decimal(0)
    left, op, right = node.left, node.op, node.right
    if negated:
        if op not in _NEGATE or not isinstance(left, e.Field):
            return Decimal(0)
        op = _NEGATE[op]
    if isinstance(right, e.Field) and op in _FLIP:
        left, op, right = right, _FLIP[op], left
    is_subtotal = isinstance(left, e.Field) and left.name == "cart.subtotal"
    if is_subtotal and op in (">=", ">") and isinstance(right, e.Literal) \
            and isinstance(right.value, Decimal):
        return right.value + (Decimal("0.01") if op == ">" else 0)
    return Decimal(0)
