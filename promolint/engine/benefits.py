"""What one benefit takes off the scoped lines (spec section 2.2): exactly, or as a
shop charges it.

Every function receives the scoped lines as (line_total, quantity) pairs at their
running prices (after any promotion applied before this one) and returns one
discount per line. A discount never exceeds its line: nothing goes below 0.

Order-level discounts (a capped percent, amount_off, threshold_off, tiered) are
allocated to lines in proportion to their totals, each share rounded down to the
cent (the minor unit, when rounding) and the remainder given to the last line
(spilling backwards if that line is too small), so the shares add up exactly to the
discount.

`unit` is the minor unit of the promotion's currency (promolint.core.currency), or
None for exact arithmetic (what the checks judge). With a unit, each line's discount
is rounded half-even to it, and an order-level amount is rounded before it is
allocated (docs/rounding.md).
"""
from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from promolint.core.currency import CENT, shop_round
from promolint.model import promotion as m

ZERO = Decimal(0)
Lines = list[tuple[Decimal, int]]


def line_discounts(benefit: m.Benefit, lines: Lines, facts: dict,
                   unit: Decimal | None = None, measured: Decimal | None = None) -> list[Decimal]:
    """The discount on each scoped line (free_shipping: none, see shipping_free);
    rounded to `unit` when one is given, else exact. `measured`: the subtotal a
    threshold or tier is measured on when it is not the running one (a shop that
    measures it on the list prices; engine.orders)."""
    subtotal = sum((total for total, _ in lines), ZERO)
    if isinstance(benefit, m.PercentOff):
        return _percent(benefit, lines, subtotal, unit)
    if isinstance(benefit, (m.FixedPrice, m.GroupPrice)):
        # a group price applies whenever the promotion does: the audience is the
        # platform's gate (spec 2.1: `group.size >= N` there), min_group_size only says
        # what the audience should require; missing-eligibility reports the gap
        return rounded([max(ZERO, total - benefit.price * qty) for total, qty in lines], unit)
    if isinstance(benefit, m.BuyXGetY):
        return rounded(_buy_x_get_y(benefit, lines), unit)
    amount = order_discount(benefit, subtotal if measured is None else measured)
    if isinstance(benefit, m.Tiered) and measured is not None:  # a tier's percent: of
        tier = tier_reached(benefit, measured)  # the running total it is taken from
        if tier is not None and tier.amount is None:
            amount = subtotal * tier.percent / 100
    if unit is not None:
        amount = shop_round(amount, unit)
    return allocate(min(amount, subtotal), [t for t, _ in lines], unit or CENT)


def rounded(discounts: list[Decimal], unit: Decimal | None) -> list[Decimal]:
    """Each line's discount rounded half-even to `unit` (None: as they are)."""
    return discounts if unit is None else [shop_round(d, unit) for d in discounts]


def order_discount(benefit: m.Benefit, subtotal: Decimal) -> Decimal:
    """The order-level amount for amount_off, threshold_off and tiered (0 if not reached)."""
    if isinstance(benefit, m.AmountOff):
        return benefit.amount
    if isinstance(benefit, m.ThresholdOff):
        return benefit.amount * times_reached(benefit, subtotal)
    if isinstance(benefit, m.Tiered):
        tier = tier_reached(benefit, subtotal)
        if tier is None:
            return ZERO
        return tier.amount if tier.amount is not None else subtotal * tier.percent / 100
    return ZERO


def times_reached(benefit: m.ThresholdOff, subtotal: Decimal) -> int:
    """How many times a 满减 applies: once, or once per full threshold (每满) up to max_repeats."""
    if subtotal < benefit.threshold:
        return 0
    if not benefit.repeat:
        return 1
    times = int(subtotal // benefit.threshold)
    return min(times, benefit.max_repeats) if benefit.max_repeats is not None else times


def tier_reached(benefit: m.Tiered, subtotal: Decimal) -> m.Tier | None:
    """The highest tier whose threshold the subtotal reaches (the later one on a tie)."""
    best = None
    for tier in benefit.tiers:
        if tier.threshold <= subtotal and (best is None or tier.threshold >= best.threshold):
            best = tier
    return best


def shipping_free(benefit: m.Benefit, lines: Lines) -> bool:
    """free_shipping applies when the scoped subtotal reaches min_subtotal (if any)."""
    if not isinstance(benefit, m.FreeShipping):
        return False
    subtotal = sum((total for total, _ in lines), ZERO)
    return bool(lines) and (benefit.min_subtotal is None or subtotal >= benefit.min_subtotal)


def _percent(benefit: m.PercentOff, lines: Lines, subtotal: Decimal,
             unit: Decimal | None) -> list[Decimal]:
    """Percent off each line; past max_amount, the cap shared over the lines. Rounded,
    the cap is compared with the rounded lines' sum, so it is never exceeded."""
    each = rounded([total * benefit.percent / 100 for total, _ in lines], unit)
    cap = benefit.max_amount
    if cap is None:
        return each
    if unit is None:
        if subtotal * benefit.percent / 100 <= cap:
            return each
    else:
        cap = shop_round(cap, unit)
        if sum(each, ZERO) <= cap:
            return each
    return allocate(min(cap, subtotal), [t for t, _ in lines], unit or CENT)


def _buy_x_get_y(benefit: m.BuyXGetY, lines: Lines) -> list[Decimal]:
    """Each full group of buy+get units: the cheapest `get` units of the cart at percent off."""
    units = sum(qty for _, qty in lines)
    free = units // (benefit.buy + benefit.get) * benefit.get
    out = [ZERO] * len(lines)
    order = sorted(range(len(lines)), key=lambda i: (lines[i][0] / lines[i][1], i))
    for i in order:
        if free <= 0:
            break
        total, qty = lines[i]
        take = min(free, qty)
        out[i] = total * take * benefit.percent / (qty * 100) if take < qty \
            else total * benefit.percent / 100
        free -= take
    return out


def allocate(amount: Decimal, totals: list[Decimal], unit: Decimal = CENT) -> list[Decimal]:
    """Split `amount` (<= sum of totals) over lines in proportion to their totals, each
    share a multiple of `unit` (a minor unit) but the last, which takes the remainder:
    the shares add up to `amount` exactly."""
    subtotal = sum(totals, ZERO)
    if amount <= 0 or subtotal <= 0:
        return [ZERO] * len(totals)
    shares = [min(t, (amount * t / subtotal).quantize(unit, ROUND_DOWN)) for t in totals]
    rest = amount - sum(shares, ZERO)
    for i in reversed(range(len(totals))):
        extra = min(rest, totals[i] - shares[i])
        shares[i] += extra
        rest -= extra
    return shares
