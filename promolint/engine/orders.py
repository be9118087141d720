"""The orders a shop may apply stacked promotions in (spec section 5).

Unless the config declares the shop's order (`stack_order`), every order counts and
the worst is judged: each sequence of the promotions, with thresholds and tiers
measured on the running (already discounted) subtotal or on the list subtotal.
Orders that cannot price differently are tried once: promotions of a kind that
commutes (uncapped percents; amount_off) are not reordered among themselves, and the
list basis is tried only when a stack has a threshold or tier. A stack of order-level
promotions only is priced in the orders no other order undercuts (`_dominant`).

`stack_order` values (promolint.core.config):
- "any" (default): every order, both bases;
- "priority": the evaluator's order (priority, then id), thresholds on the running subtotal;
- "priority-list": the same order, thresholds on the list subtotal.
"""
from __future__ import annotations

from itertools import permutations

from promolint.engine.evaluator import ordered
from promolint.model import promotion as m

from promolint.core.config import STACK_ORDERS  # noqa: F401 (the values, said in one place)
MAX_ORDERS = 48  # sequences tried per set; past it only the canonical ones (a bound)

Variant = tuple[tuple[m.Promotion, ...], str]  # (sequence, basis)


def variants(group, stack_order: str = "any") -> tuple[list[Variant], bool]:
    """(sequence, basis) pairs to price `group` in, the evaluator's own first, and
    whether they are every order that can differ (False: a bound was hit)."""
    own = tuple(ordered(group))
    if stack_order == "priority" or len(group) < 2:
        return [(own, "running")], True
    if stack_order == "priority-list":
        return [(own, "list")], True
    worst = _dominant(own)
    if worst is not None:
        return worst, True
    bases = ("running", "list") if any(_measured(p) for p in group) else ("running",)
    seqs, complete = _sequences(own)
    out = [(own, "running")]
    out += [(s, b) for s in seqs for b in bases if (s, b) != (own, "running")]
    return out, complete


def _dominant(own: tuple) -> list[Variant] | None:
    """For a stack of order-level promotions only (percent_off, amount_off,
    threshold_off, tiered with rising tiers of one kind), the orders that price worst,
    which no other order undercuts: percents first (a percent of the larger running
    total; uncapped ones commute), capped percents after them in each sequence (a cap
    reached later takes as much, an uncapped percent before it takes more), fixed
    amounts last (subtracted whole, not scaled down by a later percent), and thresholds
    measured on the list subtotal (never below the running one, so every threshold and
    tier the running one reaches, and as many repeats). None: another kind is in it."""
    percents, capped, amounts = [], [], []
    for promo in own:
        b = promo.benefit
        if isinstance(b, m.PercentOff):
            (percents if b.max_amount is None else capped).append(promo)
        elif isinstance(b, (m.AmountOff, m.ThresholdOff)):
            amounts.append(promo)
        elif isinstance(b, m.Tiered) and _rising(b) and all(t.amount is None for t in b.tiers):
            percents.append(promo)
        elif isinstance(b, m.Tiered) and _rising(b) and all(t.amount is not None for t in b.tiers):
            amounts.append(promo)
        elif isinstance(b, m.FreeShipping):
            amounts.append(promo)
        else:
            return None
    kinds: dict = {}  # capped percents with the same percent and cap are interchangeable
    for promo in capped:
        kinds.setdefault((promo.benefit.percent, promo.benefit.max_amount), []).append(promo)
    if len(kinds) > 4:
        return None
    basis = "list" if any(_measured(p) for p in own) else "running"
    out = []
    for seq in permutations(kinds):
        middle = tuple(p for key in seq for p in kinds[key])
        out.append((tuple(percents) + middle + tuple(amounts), basis))
    return out


def _rising(benefit: m.Tiered) -> bool:
    """A higher tier gives more (so reaching more never gives less)."""
    tiers = sorted(benefit.tiers, key=lambda t: t.threshold)
    values = [t.amount if t.amount is not None else t.percent for t in tiers]
    return all(v is not None for v in values) and all(a <= b for a, b in zip(values, values[1:]))


def _measured(promo: m.Promotion) -> bool:
    return isinstance(promo.benefit, (m.ThresholdOff, m.Tiered))


def _kind(promo: m.Promotion):
    """Promotions of one kind price the same in either order among themselves."""
    b = promo.benefit
    if isinstance(b, m.PercentOff) and b.max_amount is None:
        return "percent"
    if isinstance(b, m.AmountOff):
        return "amount"
    return id(promo)


def _sequences(own: tuple) -> tuple[list[tuple], bool]:
    kinds = [_kind(p) for p in own]
    if len(own) <= 6:
        seen, out = set(), []
        for perm in permutations(range(len(own))):
            key = tuple(kinds[i] for i in perm)
            if key in seen:
                continue
            seen.add(key)
            out.append(tuple(own[i] for i in perm))
            if len(out) > MAX_ORDERS:
                break
        if len(out) <= MAX_ORDERS:
            return out, True
    return _canonical(own), False


def _canonical(own: tuple) -> list[tuple]:
    """For a stack with too many orders: the evaluator's, its reverse, and the orders
    that price worst in most shops (per-unit prices, then percents, then amounts; and
    thresholds first, where they are reached on the larger running subtotal)."""
    def rank(promo, thresholds_first):
        b = promo.benefit
        if isinstance(b, (m.FixedPrice, m.GroupPrice)):
            return 0
        if _measured(promo):
            return 1 if thresholds_first else 5
        if isinstance(b, (m.PercentOff, m.BuyXGetY)):
            return 2 if getattr(b, "max_amount", None) is None else 3
        return 4
    out = [own, tuple(reversed(own))]
    for first in (False, True):
        out.append(tuple(sorted(own, key=lambda p: rank(p, first))))
    unique = []
    for seq in out:
        if seq not in unique:
            unique.append(seq)
    return unique
