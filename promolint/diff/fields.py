"""Per field that matters, what changed between two versions of a promotion, in words.

Each change says whether it widens the promotion (more money, more people, longer,
more stacking: `wider`), narrows it, or neither. A field compared by meaning, not by
spelling: scope lists and stacking partners as sets, audiences as conditions (two
audiences true of exactly the same users are equal), suppressions by rule and reason.
When promolint cannot tell whether an audience widened, it assumes it did.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from promolint.model import promotion as m
from promolint.expr.analysis import satisfiable, satisfying_facts
from promolint.diff import phrases
from promolint.diff.words import num, say
from promolint.engine.skus import scoped_prices
from promolint.expr.syntax import BoolOp, Compare, Field, Literal, Not
from promolint.core.frozen import frozen

WIDER, NARROWER, NEUTRAL = "wider", "narrower", "neutral"

_GUARDS = {  # spec 2.1: what the audience may be required to check
    "guard_first_order": BoolOp("or", (Field("user.is_first_order"),
                                       Compare("==", Field("user.order_count"), Literal(Decimal(0))))),
    "guard_not_blocked": Not(Field("user.blocked")),
    "guard_verified": BoolOp("or", (Field("user.phone_verified"), Field("user.device_verified"))),
}


@frozen
class Change:
    """One field's change: which field, in words, and its direction."""

    field: str
    text: str
    direction: str = NEUTRAL


def normal(promo: m.Promotion) -> m.Promotion:
    """The promotion with order that carries no meaning taken out (lists as sorted sets)."""
    scope = m.Scope(*(tuple(sorted(set(v))) for v in
                      (promo.scope.skus, promo.scope.categories, promo.scope.exclude_skus)))
    stacking = m.Stacking(promo.stacking.mode, tuple(sorted(set(promo.stacking.with_ids))))
    suppress = tuple(sorted((replace(s, index=0) for s in promo.suppress),
                            key=lambda s: (s.rule, s.reason, str(s.until))))
    return replace(promo, scope=scope, stacking=stacking, suppress=suppress, source=None)


def same(a: m.Promotion, b: m.Promotion, fields: dict) -> bool:
    """Equal in meaning: normal forms equal, audiences true of the same users."""
    if normal(a) == normal(b):
        return True
    return replace(normal(a), audience=None) == replace(normal(b), audience=None) \
        and _equivalent(a.audience, b.audience, fields)


def changes(before: m.Promotion, after: m.Promotion, prices, fields: dict,
            lang: str) -> list[Change]:
    """Every change that matters, benefit first."""
    out: list[Change] = []
    for part in (_broken, _benefit, _scope, _audience, _window, _stacking, _limits, _rollout,
                 _coupon, _campaign, _plain, _suppress):
        out += part(before, after, prices, fields, lang)
    return out


def _broken(a, b, prices, fields, lang) -> list[Change]:
    """Fields that break the schema: built with neutral defaults (model.build), so the
    changes below may read "removed" where the truth is "unreadable"; said first."""
    out = [Change(p.split(".")[0], say("broken_field", lang, field=p), WIDER)
           for p in sorted(b.broken - a.broken)]
    out += [Change(p.split(".")[0], say("broken_fixed", lang, field=p), NEUTRAL)
            for p in sorted(a.broken - b.broken)]
    return out


def _benefit(a, b, prices, fields, lang) -> list[Change]:
    if a.benefit == b.benefit:
        return []
    direction = _benefit_direction(a.benefit, b.benefit)
    if isinstance(a.benefit, m.PercentOff) and isinstance(b.benefit, m.PercentOff) \
            and a.benefit.max_amount == b.benefit.max_amount:
        text = say("percent", lang, before=num(a.benefit.percent), after=num(b.benefit.percent),
                   scope=phrases.scope(b.scope, lang))
    else:
        text = say("benefit", lang, before=phrases.benefit(a.benefit, lang),
                   after=phrases.benefit(b.benefit, lang))
    return [Change("benefit", text, direction)]


def _benefit_direction(a: m.Benefit, b: m.Benefit) -> str:
    """Narrower only when plainly smaller (same type, no field more generous)."""
    if type(a) is not type(b):
        return WIDER
    if isinstance(a, m.PercentOff):
        smaller = b.percent <= a.percent and (a.max_amount is None or b.max_amount is not None
                                              and b.max_amount <= a.max_amount)
    elif isinstance(a, m.AmountOff):
        smaller = b.amount <= a.amount
    elif isinstance(a, m.ThresholdOff):
        smaller = b.amount <= a.amount and b.threshold >= a.threshold and (
            not b.repeat or a.repeat and a.max_repeats is None
            or b.max_repeats is not None and a.max_repeats is not None and b.max_repeats <= a.max_repeats)
    elif isinstance(a, (m.FixedPrice, m.GroupPrice)):
        smaller = b.price >= a.price and getattr(b, "min_group_size", 0) >= getattr(a, "min_group_size", 0)
    else:
        return WIDER
    return NARROWER if smaller else WIDER


def _scope(a, b, prices, fields, lang) -> list[Change]:
    if normal(a).scope == normal(b).scope:
        return []
    before_skus = {p.sku for p in scoped_prices(a, prices)}
    after_skus = {p.sku for p in scoped_prices(b, prices)}
    key = _scope_key(a.scope, b.scope, before_skus, after_skus, bool(len(prices)))
    text = say(key, lang, before=phrases.scope(a.scope, lang, len(before_skus) if len(prices) else None),
               after=phrases.scope(b.scope, lang, len(after_skus) if len(prices) else None))
    return [Change("scope", text, NARROWER if key == "scope_narrowed" else WIDER)]


def _scope_key(a: m.Scope, b: m.Scope, before: set, after: set, priced: bool) -> str:
    """Widened / narrowed by the priced SKUs reached, or by the scope's own lists."""
    if priced and before != after:  # reaching SKUs it did not reach is a widening
        if after < before:
            return "scope_narrowed"
        return "scope_widened" if len(after) >= len(before) else "scope_changed"
    if _covers(b, a):
        return "scope_widened"
    return "scope_narrowed" if _covers(a, b) else "scope_changed"


def _covers(wide: m.Scope, narrow: m.Scope) -> bool:
    if not set(wide.exclude_skus) <= set(narrow.exclude_skus):
        return False
    return wide.whole_order or not narrow.whole_order and set(narrow.skus) <= set(wide.skus) \
        and set(narrow.categories) <= set(wide.categories)


def _audience(a, b, prices, fields, lang) -> list[Change]:
    if a.audience == b.audience or _equivalent(a.audience, b.audience, fields):
        return []
    out = [Change("audience", say("audience", lang, before=phrases.audience(a.audience, lang),
                                  after=phrases.audience(b.audience, lang)), NEUTRAL)]
    for guard, condition in _GUARDS.items():
        had, has = _requires(a.audience, condition, fields), _requires(b.audience, condition, fields)
        if had and not has:
            out.append(Change("audience", say("guard_lost", lang, guard=say(guard, lang)), WIDER))
        elif has and not had:
            out.append(Change("audience", say("guard_gained", lang, guard=say(guard, lang)), NARROWER))
    out += _reach(a.audience, b.audience, fields, lang)
    return out


def _reach(before, after, fields, lang) -> list[Change]:
    """Who the new audience lets in (or keeps out) that the old one did not."""
    let_in = _both(after, _negated(before), fields)
    keep_out = _both(before, _negated(after), fields)
    out = []
    if let_in is not False:
        facts = satisfying_facts(_and(after, _negated(before)), fields) if let_in else None
        out.append(Change("audience", say("audience_widened", lang, user=_facts_text(facts))
                          if facts else say("audience_unknown", lang), WIDER))
    if keep_out:
        facts = satisfying_facts(_and(before, _negated(after)), fields)
        if facts:
            out.append(Change("audience", say("audience_narrowed", lang, user=_facts_text(facts)),
                              NARROWER))
    return out


def _facts_text(facts: dict) -> str:
    return ", ".join(f"{k}={_value(v)}" for k, v in sorted(facts.items()))


def _value(v) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    return num(v) if not isinstance(v, (str, list)) else repr(v) if isinstance(v, list) else v


def _and(x, y):
    return BoolOp("and", (x if x is not None else Literal(True), y))


def _negated(expr):
    return Not(expr) if expr is not None else Literal(False)


def _both(x, y, fields) -> bool | None:
    return satisfiable(_and(x, y), fields)


def _equivalent(x, y, fields) -> bool:
    return _both(x, _negated(y), fields) is False and _both(y, _negated(x), fields) is False


def _requires(expr, condition, fields) -> bool:
    """True only when shown: no user outside `condition` satisfies the audience."""
    return _both(expr, Not(condition), fields) is False


def _window(a, b, prices, fields, lang) -> list[Change]:
    wa, wb = a.window, b.window
    if wa == wb:
        return []
    start, end = wb.start.isoformat(), wb.end.isoformat()
    if wa.end - wa.start != wb.end - wb.start:
        text = say("window", lang, before=phrases.window(wa, lang), after=phrases.window(wb, lang),
                   start=start, end=end)
        return [Change("window", text, WIDER if wb.end - wb.start > wa.end - wa.start else NARROWER)]
    return [Change("window", say("window_moved", lang, before_start=wa.start.isoformat(),
                                 before_end=wa.end.isoformat(), start=start, end=end), NEUTRAL)]


def _stacking(a, b, prices, fields, lang) -> list[Change]:
    sa, sb = normal(a).stacking, normal(b).stacking
    if sa == sb:
        return []
    narrower = sb.mode == "exclusive" or sa.mode == "stackable" or (
        sa.mode == sb.mode == "with" and set(sb.with_ids) <= set(sa.with_ids))
    return [Change("stacking", say("stacking", lang, before=phrases.stacking(sa, lang),
                                   after=phrases.stacking(sb, lang)),
                   NARROWER if narrower else WIDER)]


def _limits(a, b, prices, fields, lang) -> list[Change]:
    out = []
    for name in ("budget", "total", "per_user"):
        before, after = getattr(a.limits, name), getattr(b.limits, name)
        if before == after:
            continue
        limit = say(f"limit_{name}", lang)
        if after is None:
            out.append(Change("limits", say("limit_removed", lang, limit=limit, before=num(before)), WIDER))
        elif before is None:
            out.append(Change("limits", say("limit_added", lang, limit=limit, after=num(after)), NARROWER))
        else:
            out.append(Change("limits", say("limit_changed", lang, limit=limit, before=num(before),
                                            after=num(after)), WIDER if after > before else NARROWER))
    return out


def _rollout(a, b, prices, fields, lang) -> list[Change]:
    if a.rollout == b.rollout:
        return []
    return [Change("rollout", say("rollout", lang, before=num(a.rollout), after=num(b.rollout)),
                   WIDER if b.rollout > a.rollout else NARROWER)]


def _coupon(a, b, prices, fields, lang) -> list[Change]:
    before, after = phrases.coupon(a.coupon, lang), phrases.coupon(b.coupon, lang)
    if before == after:
        return []
    guarded = lambda c: (c is not None and c.required, c is not None and c.signed)  # noqa: E731
    weaker = any(x and not y for x, y in zip(guarded(a.coupon), guarded(b.coupon)))
    return [Change("coupon", say("coupon", lang, before=before, after=after),
                   WIDER if weaker else NEUTRAL)]


def _campaign(a, b, prices, fields, lang) -> list[Change]:
    if a.campaign == b.campaign:
        return []
    return [Change("campaign", say("campaign", lang, before=a.campaign, after=b.campaign), NEUTRAL)]


def _plain(a, b, prices, fields, lang) -> list[Change]:
    """Fields that move no money by themselves."""
    out = []
    for name in ("currency", "priority", "name", "owner"):
        before, after = getattr(a, name), getattr(b, name)
        if before != after:
            none = say("none", lang)
            out.append(Change(name, say(name, lang, before=none if before is None else before,
                                        after=none if after is None else after),
                              NEUTRAL))
    return out


def _suppress(a, b, prices, fields, lang) -> list[Change]:
    before = {(s.rule, s.reason) for s in a.suppress}
    after = {(s.rule, s.reason) for s in b.suppress}
    out = [Change("suppress", say("suppress_added", lang, rule=r, reason=why), WIDER)
           for r, why in sorted(after - before)]
    out += [Change("suppress", say("suppress_removed", lang, rule=r), NARROWER)
            for r, why in sorted(before - after) if r not in {x for x, _ in after}]
    return out
