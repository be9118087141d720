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
- fixed_price and group_price of 0: 100% below any price; above 0 they need a
  market price (unpriced-sku reports those).

A basket may mix scoped SKUs: when no one-SKU basket is past the line, the deepest
basket of any mix is searched (promolint.engine.search: exact over the subtotals, unit
counts and mixes where a benefit or the audience changes; 满100减60 on items at 70 and
30, a fixed price whose audience band only a card and a tea meet). Where that search
bounds its work and finds nothing, the finding says the rest could not be ruled out.

The rule judges the exact price (the configured rate: probes are priced exactly); the
message and the witness say what the shop charges, each discount rounded to the
currency's minor unit (the witness keeps the exact total as `exact_pays` where it
differs; docs/rounding.md). The percentage below market is the exact one.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from promolint.checks._shown import percent
from promolint.core.currency import minor_unit, per_unit, shop_round
from promolint.core.diagnostics import make, money
from promolint.core.document import dotted
from promolint.engine.basket import Probe, first_past_line
from promolint.engine.benefits import ZERO, tier_reached
from promolint.engine.bounds import cannot_pass, cannot_pass_any
from promolint.engine.cart import CartLine
from promolint.engine.search import Item, deepest, padded
from promolint.engine.skus import scoped_price_range, scoped_prices, stand_in
from promolint.engine.witness import from_probe
from promolint.expr.analysis import satisfiable
from promolint.expr.syntax import Field, walk
from promolint.model import promotion as m

RULES = ("below-market",)
NEEDS = ("benefit", "scope", "currency")


def check(promo: m.Promotion, ctx):
    yield from _judged(promo, ctx)
    for unplaced in unplaced_tiers(promo):
        yield from _judged(unplaced, ctx)


def unplaced_tiers(promo: m.Promotion) -> list[m.Promotion]:
    """For each tier whose threshold is missing or malformed (a schema finding): the
    promotion with that tier's discount reached by any basket, the worst place it could
    have (for any basket, some threshold makes it the tier reached), at the tier."""
    out = []
    for index, tier in getattr(promo.benefit, "unplaced", ()):
        at = ("benefit", "tiers", index)
        if tier.amount is not None:
            benefit, key = m.AmountOff(tier.amount), "amount"
        else:
            benefit, key = m.PercentOff(tier.percent), "percent"
        source = promo.source.moving({("benefit", key): at + (key,)})
        out.append(replace(promo, benefit=benefit, source=source))
    return out


def _judged(promo: m.Promotion, ctx):
    if not promo.gives_money or inverted(promo.benefit):
        return  # an inverted 满减 is reported once, by inverted-threshold, with its witness
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    priced = scoped_prices(promo, ctx.prices)
    if priced:
        if cannot_pass_any(promo.benefit, list(scoped_price_range(promo, ctx.prices)), line):
            return  # no price in scope can go past the line: no probe needed
        found = past_line(promo, priced, line, types)
        yield from per_cause(promo, found, line)
        if not found:  # any mix of scoped SKUs (engine.search: exact over the baskets
            # that matter; where it bounds its work, that is a finding)
            items = [Item(p.sku, p.market_price, p.category) for p in priced]
            outcome = deepest([promo], items, line, types)
            if outcome.found is not None:
                yield basket_finding(promo, outcome.found, line)
            elif outcome.bounded:
                yield bounded_finding(promo, outcome.bounded, line)
            else:
                yield from _padded(promo, items, line, types)
        return
    for unit_price in unpriced_trials(promo.benefit):
        item = stand_in(promo, unit_price)
        found = first_past_line([promo], item.sku, unit_price, item.category, line, types)
        if found is not None:
            yield finding(promo, found, line, "below-market-unpriced")
            return


def _padded(promo: m.Promotion, items: list[Item], line: Decimal, types):
    """A cart condition that scoped SKUs alone never meet (GC-100 alone is not in
    `cart.subtotal >= 120 and < 140`) is met by adding any other item (a tea): where
    the scope leaves items out, the scoped basket is judged as if padded so. A fixed or
    group price sets each unit's own price whatever else is in the cart, so there a
    SKU is judged alone, padded, even when the whole order is in scope (the spec judges
    "for some scoped SKU": 45 on a 100 card is 55% below in a card + tea basket that is
    only 36% below as a whole)."""
    per_unit_price = isinstance(promo.benefit, (m.FixedPrice, m.GroupPrice))
    if promo.scope.whole_order and not promo.scope.exclude_skus and not per_unit_price:
        return  # every other item is discounted too: the mixed search judged it
    relaxed = padded(promo.audience)
    if relaxed is None or satisfiable(promo.audience, types) is False:
        return  # relaxing each bound alone would let a never-true band through
    outcome = deepest([replace(promo, audience=relaxed)], items, line, types)
    if outcome.found is not None:
        found = outcome.found
        below = (found.market - found.pays) / found.market * 100
        yield make(promo.path, promo.source.span(benefit_path(promo, found)), "below-market",
                   "below-market-padded", promotion=promo.id, basket=_basket(found),
                   market=money(found.market), pays=money(found.pays), percent=percent(below),
                   limit=percent(line * 100), currency=promo.currency)
    elif outcome.bounded:
        yield bounded_finding(promo, outcome.bounded, line)


def _basket(found: Probe) -> str:
    return ", ".join(f"{l.quantity} x {l.sku} ({money(l.unit_price)})" for l in found.cart.lines)


def past_line(promo: m.Promotion, priced, line: Decimal, types) -> list[tuple]:
    """(price row, probe) for every priced scoped SKU whose cheapest basket is past the
    line; the probe is of a SKU at the same market price (renamed for the witness)."""
    quick = _price_only(promo, priced, line, types)
    if quick is not None:
        return quick
    by_price: dict[Decimal, Probe | None] = {}
    out = []
    for price in priced:
        if price.market_price not in by_price:
            by_price[price.market_price] = None if cannot_pass(  # skip the probes
                promo.benefit, price.market_price, line) else first_past_line(
                [promo], price.sku, price.market_price, price.category, line, types)
        found = by_price[price.market_price]
        if found is not None:
            out.append((price, found))
    return out


def _price_only(promo: m.Promotion, priced, line: Decimal, types) -> list[tuple] | None:
    """A fixed or group price whose audience names no cart field: every SKU's cheapest
    basket is one unit at the price, so one probe (the dearest SKU, the worst) decides
    for all: past the line are exactly the SKUs `cannot_pass` does not clear (a price
    category of 385 SKUs was 385 probes). None: probe each price."""
    benefit = promo.benefit
    if not isinstance(benefit, (m.FixedPrice, m.GroupPrice)) or _names_cart(promo.audience):
        return None
    past = [p for p in priced if p.market_price > 0
            and not cannot_pass(benefit, p.market_price, line)]
    if not past:
        return []
    dearest = max(past, key=lambda p: p.market_price)
    found = first_past_line([promo], dearest.sku, dearest.market_price, dearest.category,
                            line, types)
    if found is None:
        return []  # window, audience or group size: the same for every SKU
    if found.cart.lines[0].quantity != 1 or found.pays != benefit.price:
        return None
    return [(p, found) for p in past]


def _names_cart(audience) -> bool:
    return audience is not None and any(
        isinstance(node, Field) and node.name.startswith("cart.") for node in walk(audience))


def per_cause(promo: m.Promotion, found: list[tuple], line: Decimal):
    """One finding per benefit value that takes SKUs past the line (the price, a tier),
    listing every SKU it takes there, worst first, with the unit price the shop charges
    it; its witness is the worst one's basket."""
    by_cause: dict[tuple, list] = {}
    charged: dict[int, Decimal] = {}  # a probe's rounded unit price (probes are shared)
    unit = minor_unit(promo.currency)
    for price, probe in found:
        quantity = probe.cart.lines[0].quantity
        if probe.cart.lines[0].unit_price == price.market_price:
            exact = probe.pays / quantity
            if id(probe) not in charged:
                charged[id(probe)] = per_unit(probe.rounded().total, quantity, promo.currency)
            pays = charged[id(probe)]
        else:  # _price_only: one unit at the fixed price
            exact, pays = promo.benefit.price, _one_unit(promo.benefit, price.market_price, unit)
        below = (price.market_price - exact) / price.market_price
        by_cause.setdefault(benefit_path(promo, probe), []).append(
            (-below, price.sku, price, pays, quantity, probe))
    for entries in by_cause.values():
        entries.sort(key=lambda e: (e[0], e[1]))
        _, _, price, _, _, probe = entries[0]
        affected = tuple((e[2].sku, e[2].market_price, e[3], e[4]) for e in entries)
        yield finding(promo, _as_sku(probe, price), line, "below-market", affected)


def _one_unit(benefit, market: Decimal, unit: Decimal) -> Decimal:
    """What the shop charges for one unit at `market` under a fixed or group price: the
    line discount of engine.benefits (market - price, rounded to `unit`), never below 0;
    without a probe or an evaluation per SKU (a category has hundreds)."""
    return market - min(shop_round(max(market - benefit.price, ZERO), unit), market)


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
    if isinstance(benefit, (m.FixedPrice, m.GroupPrice)) and benefit.price == 0:
        return [Decimal(100)]  # free: 100% below whatever the price
    return []


def basket_finding(promo: m.Promotion, found: Probe, line: Decimal):
    """The finding for a basket of several SKUs past the line."""
    below = (found.market - found.pays) / found.market * 100
    basket = _basket(found)
    witness = from_probe(found)
    return make(promo.path, promo.source.span(benefit_path(promo, found)), "below-market",
                "below-market-basket", witness=witness, promotion=promo.id,
                basket=basket, market=money(found.market), pays=money(witness.pays),
                percent=percent(below), limit=percent(line * 100), currency=promo.currency)


def bounded_finding(promo: m.Promotion, bounds: str, line: Decimal):
    """The search had to bound its work and found nothing past the line in what it
    tried: a money rule assumes the worst (doubt is never silence)."""
    return make(promo.path, promo.source.span(("benefit",)), "below-market",
                "below-market-bounded", promotion=promo.id, bounds=bounds,
                limit=percent(line * 100), currency=promo.currency)


def _as_sku(found: Probe, price) -> Probe:
    """The probe found for a same-priced SKU, renamed to this SKU."""
    first = found.cart.lines[0]
    if first.sku == price.sku:
        return found
    line = CartLine(price.sku, first.quantity, first.unit_price, price.category)
    return replace(found, cart=replace(found.cart, lines=(line,)))


def finding(promo: m.Promotion, found: Probe, line: Decimal, message_id: str,
            affected: tuple = ()):
    """The finding for a basket past the line, at the benefit value that causes it;
    `affected`: every SKU the same value takes past the line (found's first). The unit
    price said is the one the witness pays (rounded as the shop charges), the percentage
    the exact one the rule judged."""
    item = found.cart.lines[0]
    below = (item.unit_price - found.unit_pays) / item.unit_price * 100
    where = benefit_path(promo, found)
    many = {"count": len(affected)} if len(affected) > 1 else {}
    witness = from_probe(found)
    return make(promo.path, promo.source.span(where), "below-market",
                message_id + ("-many" if many else ""), witness=witness,
                promotion=promo.id, affected=affected, sku=item.sku, market=money(item.unit_price),
                pays=money(per_unit(witness.pays, item.quantity, promo.currency)),
                quantity=item.quantity, percent=percent(below, line * 100),
                limit=percent(line * 100), currency=promo.currency,
                field=dotted(promo.source.origin(where)),
                **many)


def benefit_path(promo: m.Promotion, found: Probe) -> tuple:
    benefit = promo.benefit
    if isinstance(benefit, m.Tiered):
        tier = tier_reached(benefit, found.cart.subtotal)
        index = max(i for i, t in enumerate(benefit.tiers) if t is tier) if tier else 0
        return ("benefit", "tiers", index)
    key = {m.PercentOff: "percent", m.AmountOff: "amount", m.ThresholdOff: "amount",
           m.FixedPrice: "price", m.GroupPrice: "price", m.BuyXGetY: "get"}.get(type(benefit))
    return ("benefit", key) if key else ("benefit",)
