"""below-market: a scoped SKU sells more than max_below_market below its market price.

With a price list, each scoped priced SKU is priced by the evaluator in its cheapest
basket that earns the benefit (see promolint.engine.basket), caps applied; the
finding carries that basket as its witness.

With no priced SKU in scope, the rule fires when the discount is past the line in its
cheapest qualifying basket whatever the prices are, shown on a stand-in item:
- percent_off above the line with no max_amount (a capped percent is the usual
  "x% off up to y" coupon: it needs a price list to judge);
- threshold_off / tiered whose amount/threshold (or tier percent) is past the line,
  on an item priced at the threshold;
- buy_x_get_y whose free share get*percent/(buy+get) is past the line;
- amount_off with no minimum spend: a no-threshold coupon (无门槛券) takes the whole
  price of any item cheaper than it, so it fires unless the audience requires a
  cart.subtotal large enough to keep amount/subtotal within the line;
- fixed_price and group_price need a market price (unpriced-sku reports those).
"""
from __future__ import annotations

from decimal import Decimal

from promolint.core.diagnostics import make, money
from promolint.engine.basket import Probe, first_past_line
from promolint.engine.benefits import tier_reached
from promolint.engine.bounds import cannot_pass, cannot_pass_any
from promolint.engine.skus import scoped_price_range, scoped_prices, stand_in
from promolint.engine.witness import from_probe
from promolint.model import promotion as m

RULES = ("below-market",)


def check(promo: m.Promotion, ctx):
    if not promo.gives_money or inverted(promo.benefit):
        return  # an inverted 满减 is reported once, by inverted-threshold, with its witness
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    priced = scoped_prices(promo, ctx.prices)
    if priced:
        if cannot_pass_any(promo.benefit, list(scoped_price_range(promo, ctx.prices)), line):
            return  # no price in scope can go past the line: no probe needed
        by_price: dict[Decimal, Probe | None] = {}
        for price in priced:
            if price.market_price not in by_price:
                by_price[price.market_price] = None if cannot_pass(  # skip the probes
                    promo.benefit, price.market_price, line) else first_past_line(
                    [promo], price.sku, price.market_price, price.category, line, types)
            found = by_price[price.market_price]
            if found is not None:
                yield finding(promo, _as_sku(found, price), line, "below-market")
        return
    for unit_price in unpriced_trials(promo.benefit):
        item = stand_in(promo, unit_price)
        found = first_past_line([promo], item.sku, unit_price, item.category, line, types)
        if found is not None:
            yield finding(promo, found, line, "below-market-unpriced")
            return


def inverted(benefit: m.Benefit) -> bool:
    """满50减200: the root cause is the swapped numbers, not a price."""
    return isinstance(benefit, m.ThresholdOff) and benefit.amount >= benefit.threshold


def unpriced_trials(benefit: m.Benefit) -> list[Decimal]:
    """Stand-in unit prices that show a discount past the line whatever the prices are."""
    if isinstance(benefit, m.PercentOff):
        return [Decimal(100)] if benefit.max_amount is None else []
    if isinstance(benefit, (m.AmountOff, m.ThresholdOff)):
        return [benefit.threshold if isinstance(benefit, m.ThresholdOff) else benefit.amount]
    if isinstance(benefit, m.Tiered):
        return sorted({tier.threshold for tier in benefit.tiers})
    if isinstance(benefit, m.BuyXGetY):
        return [Decimal(100)]
    return []


def _as_sku(found: Probe, price) -> Probe:
    """The probe found for a same-priced SKU, renamed to this SKU."""
    from dataclasses import replace

    from promolint.engine.cart import CartLine
    first = found.cart.lines[0]
    if first.sku == price.sku:
        return found
    line = CartLine(price.sku, first.quantity, first.unit_price, price.category)
    return replace(found, cart=replace(found.cart, lines=(line,)))


def finding(promo: m.Promotion, found: Probe, line: Decimal, message_id: str):
    """The finding for a basket past the line, at the benefit value that causes it."""
    item = found.cart.lines[0]
    unit = found.unit_pays
    below = (item.unit_price - unit) / item.unit_price * 100
    return make(promo.path, promo.source.span(benefit_path(promo, found)), "below-market",
                message_id, witness=from_probe(found), promotion=promo.id, sku=item.sku,
                market=money(item.unit_price), pays=money(unit.quantize(Decimal("0.01"))),
                quantity=item.quantity, percent=percent(below), limit=percent(line * 100),
                currency=promo.currency)


def benefit_path(promo: m.Promotion, found: Probe) -> tuple:
    benefit = promo.benefit
    if isinstance(benefit, m.Tiered):
        tier = tier_reached(benefit, found.cart.subtotal)
        index = max(i for i, t in enumerate(benefit.tiers) if t is tier) if tier else 0
        return ("benefit", "tiers", index)
    key = {m.PercentOff: "percent", m.AmountOff: "amount", m.ThresholdOff: "amount",
           m.FixedPrice: "price", m.GroupPrice: "price", m.BuyXGetY: "get"}.get(type(benefit))
    return ("benefit", key) if key else ("benefit",)


def percent(value: Decimal) -> str:
    """A percentage for a message: 90, 66.7."""
    text = f"{value.quantize(Decimal('0.1')):f}"
    return text[:-2] if text.endswith(".0") else text
