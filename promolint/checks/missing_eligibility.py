"""missing-eligibility: the audience does not guard the campaign's intent (spec 2.1).

Each campaign names the users it must exclude as a condition (first_order: a user
with earlier orders; member: a user of a tier the audience should not serve; ...).
The finding is reported when `promolint.expr.analysis.admits` finds a concrete user
satisfying both the audience and that condition (verified by the evaluator): that
user is the witness. Tautologies (`user.order_count >= 0`), `or` bypasses and `not`
in the wrong place all show up this way. A few structural requirements
(group size agreeing with the benefit) are reported without a witness. When the
analysis cannot decide whether such a user exists, the rule says that the guard
cannot be shown (`guard-unproven`): doubt is a finding, never silence.
"""
from __future__ import annotations

from dataclasses import field
from decimal import Decimal

from promolint.engine import audience_witness as ew
from promolint.core.diagnostics import make
from promolint.core.frozen import frozen
from promolint.expr.analysis import NO, UNKNOWN, admits_status, decide, field_range
from promolint.expr.syntax import BoolOp, Compare, Expr, Field, ListLit, Literal, Not, walk
from promolint.model import promotion as m

RULES = ("missing-eligibility",)
NEEDS = ("campaign", "audience", "benefit", "scope")
OLD_ACCOUNT_DAYS = 365


@frozen
class Gap:
    """Users the campaign must exclude (`condition`), and how to report letting them in."""

    message_id: str
    condition: Expr | None
    show: tuple[str, ...] = ()
    args: dict = field(default_factory=dict)
    certain: bool = False  # report even without a witness
    path: tuple | None = None  # where to point; default the audience (or `campaign`)


def check(promo, ctx):
    guard = GUARDS.get(promo.campaign)
    if guard is None:
        return
    for gap in guard(promo, ctx.settings.fields):
        found = ew.find(promo, ctx, gap.condition) if gap.condition is not None else None
        if found is UNKNOWN:
            yield _unproven(promo, gap)
            continue
        if found is None and not gap.certain:
            continue
        yield _finding(promo, gap, found)


def _unproven(promo, gap: Gap):
    return make(promo.path, _where(promo, gap), "missing-eligibility", "guard-unproven",
                promotion=promo.id, campaign=promo.campaign)


def _finding(promo, gap: Gap, found):
    facts, witness = found if found else ({}, None)
    args = {"campaign": promo.campaign, "currency": promo.currency,
            "who": ew.describe_user(facts, gap.show),
            "saving": ew.saving(witness, promo) if witness else "?", **gap.args}
    for name in gap.show:
        args.setdefault(name.split(".")[-1], ew.show(facts.get(name, "?")))
    return make(promo.path, _where(promo, gap), "missing-eligibility", gap.message_id,
                witness=witness, promotion=promo.id, **args)


def _where(promo, gap: Gap):
    if gap.path is not None:
        return promo.source.span(gap.path)
    if promo.audience is not None:
        return promo.audience.span
    return promo.source.key_span(("campaign",))


def _cmp(name: str, op: str, value) -> Compare:
    if isinstance(value, (list, tuple)):
        return Compare(op, Field(name), ListLit(tuple(Literal(v) for v in value)))
    return Compare(op, Field(name), Literal(value))


def _strings(expr) -> list[str]:
    """Every string literal in the audience (a superset of the values compared)."""
    if expr is None:
        return []
    return sorted({n.value for n in walk(expr) if isinstance(n, Literal) and isinstance(n.value, str)})


def _member(promo, fields):
    tiers = _strings(promo.audience)
    if any(admits_status(promo.audience, _cmp("user.tier", "==", t), fields)[0] == NO
           for t in tiers):
        return  # some named tier is kept out
    yield Gap("member-all-tiers", _cmp("user.tier", "not in", tiers), ("user.tier",))


def _first_order(promo, fields):
    returning = BoolOp("and", (_cmp("user.order_count", ">=", Decimal(1)),
                               _cmp("user.is_first_order", "==", False)))
    yield Gap("first-order-returning", returning, ("user.order_count", "user.is_first_order"))


def _new_user(promo, fields):
    ages = field_range(promo.audience, "user.account_age_days", fields)
    if (ages is not None and ages.hi is None) or decide(promo.audience, fields)[0] == UNKNOWN:
        old = _cmp("user.account_age_days", ">=", Decimal(OLD_ACCOUNT_DAYS))
        yield Gap("new-user-no-age-bound", old, ("user.account_age_days",))
    unverified = BoolOp("and", (_cmp("user.phone_verified", "==", False),
                                _cmp("user.device_verified", "==", False)))
    yield Gap("new-user-unverified", unverified, ("user.phone_verified", "user.device_verified"))


def _group_buy(promo, fields):
    declared = promo.benefit.min_group_size if isinstance(promo.benefit, m.GroupPrice) else None
    need = max(declared or 2, 2)
    if declared is not None and declared < 2:
        yield Gap("group-buy-too-small", None, args={"min": declared}, certain=True,
                  path=("benefit", "min_group_size"))
    yield Gap("group-buy-no-size", _cmp("group.size", "<", Decimal(need)), ("group.size",),
              args={"min": need})
    sizes = field_range(promo.audience, "group.size", fields)
    if declared is not None and declared >= 2 and sizes is not None and sizes.lo is not None \
            and sizes.lo > declared:
        yield Gap("group-buy-size-differs", None, args={"min": declared, "size": int(sizes.lo)},
                  certain=True)


def _compensation(promo, fields):
    named = _strings(promo.audience)
    untagged = tuple(Not(_cmp("user.tags", "contains", s)) for s in named)
    outsider = BoolOp("and", (_cmp("user.id", "not in", named), *untagged))
    yield Gap("compensation-untargeted", outsider, ("user.id", "user.tags"))


GUARDS = {"member": _member, "first_order": _first_order, "new_user": _new_user,
          "group_buy": _group_buy, "compensation": _compensation}
