"""The evaluator as the oracle (issue 11): a green check means safe.

For generated promotions (every benefit type, scope kind, audience shape, stacking mode,
campaign) and generated carts (several SKUs, several units) and users, the evaluator
prices each cart at each window start:
- whenever a cart pays more than max_below_market below its market value, `check`
  reports below-market or stacking-below-market (or inverted-threshold, which owns a
  swapped 满减) for a promotion that applied;
- whenever a promotion applies to a user its campaign's intent excludes (spec 2.1),
  `check` reports missing-eligibility for it.

The checks judge the exact price (docs/rounding.md), so the first property is on the
exact evaluator. A second one is on what the shop charges (each discount rounded to the
cent): a cart that pays more than half a cent per line per applied promotion past the
line is reported too, even where the rounding is what reaches a stacked 满减 threshold
or tier that the exact price misses (the shop applies it: the loss is real).

The default profile keeps the suite fast; PROMOLINT_ORACLE_EXAMPLES=2000 runs longer.
"""
from __future__ import annotations

import os
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.checks import Context
from promolint.core.config import Settings
from promolint.engine.cart import Cart, CartLine, facts_for
from promolint.engine.evaluator import evaluate, why_not
from promolint.expr.syntax import Literal, walk
from promolint.run.lint import run_checks
from promolint.run.load import load_file
from promolint.source.prices import Price, PriceList
from tests import strategies as S

EXAMPLES = int(os.environ.get("PROMOLINT_ORACLE_EXAMPLES", "150"))
LINE = Decimal("0.5")
D = Decimal
HALF_CENT = Decimal("0.005")

# odd-cent prices (9.99, 9.97) make percentages and shares round
PRICES = [("A1", "70", "c1"), ("A2", "30", "c1"), ("A3", "45", "c1"), ("B1", "100", "c2"),
          ("B2", "9.90", "c2"), ("C1", "9.99", "c1"), ("C2", "9.97", "c2")]
SKUS = [p[0] for p in PRICES]
STARTS = ["2026-11-01T00:00:00+08:00", "2026-11-01T12:00:00+08:00"]
END = "2026-11-03T00:00:00+08:00"

AUDIENCES = [
    None, "user.tier in ['gold', 'vip']", "user.order_count == 0", "user.order_count >= 0",
    "cart.subtotal >= 100", "not user.blocked", "user.is_first_order or user.tier == 'gold'",
    "user.account_age_days <= 30 and (user.phone_verified or user.device_verified)",
    "user.account_age_days >= 0 and user.phone_verified",
    "user.tags contains 'outage'", "user.region == user.tier", "user.tier == user.tier",
    " or ".join(f"user.id == 'u{i}'" for i in range(600)),  # past the old DNF bound
    "(" + " or ".join(f"user.region == 'r{i}'" for i in range(30)) + " or user.region == 'gold'"
    ") and (" + " or ".join(f"user.tier == 't{i}'" for i in range(30)) + " or user.tier == 'gold')",
    "(" + " or ".join(f"user.id == 'u{i}'" for i in range(60)) + ") or user.order_count >= 0",
    "group.size >= 2", "group.size >= 3", "cart.item_count >= 2",
]


def _d(*values):
    return st.sampled_from([D(v) for v in values])


BENEFITS = st.one_of(
    st.builds(lambda p, cap: {"type": "percent_off", "percent": p, **cap},
              _d("10", "30", "49", "50", "51", "60", "90"),
              st.sampled_from([{}, {"max_amount": D(5)}, {"max_amount": D(50)}])),
    st.builds(lambda a: {"type": "amount_off", "amount": a}, _d("5", "20", "50", "60")),
    st.builds(lambda t, a, rep: {"type": "threshold_off", "threshold": t, "amount": a, **rep},
              _d("50", "100", "200"), _d("10", "40", "51", "60"),
              st.sampled_from([{}, {"repeat": True, "max_repeats": D(2)}])),
    st.builds(lambda a: {"type": "tiered", "tiers": [{"threshold": D(50), "amount": D(10)},
                                                      {"threshold": D(100), "amount": a}]},
              _d("30", "55", "60")),
    st.builds(lambda p: {"type": "tiered", "tiers": [{"threshold": D(50), "percent": D(10)},
                                                      {"threshold": D(100), "percent": p}]},
              _d("20", "60")),
    st.builds(lambda p: {"type": "fixed_price", "price": p}, _d("0", "9.9", "30", "49.99")),
    st.builds(lambda p, n: {"type": "group_price", "price": p, "min_group_size": n},
              _d("0", "10", "35"), _d("2", "3")),
    st.builds(lambda b, g, pc: {"type": "buy_x_get_y", "buy": b, "get": g, "percent": pc},
              _d("1", "2"), _d("1"), _d("50", "100")),
    st.just({"type": "free_shipping"}),
)
SCOPES = st.sampled_from([None, {"skus": ["A1"]}, {"skus": ["A1", "B2"]}, {"categories": ["c1"]},
                          {"categories": ["c1", "c2"], "exclude_skus": ["B1"]},
                          {"skus": ["NOPRICE"]}])
CAMPAIGNS = st.sampled_from(["general", "general", "first_order", "new_user", "compensation",
                             "group_buy", "flash_sale"])


@st.composite
def repos(draw) -> list[dict]:
    ids = [f"p{i}" for i in range(draw(st.integers(1, 3)))]
    out = []
    for ident in ids:
        others = [i for i in ids if i != ident]
        stacking = draw(st.sampled_from(["exclusive", "stackable", "with"]))
        data = {"apiVersion": "promolint/v1", "kind": "Promotion", "id": ident, "name": ident,
                "campaign": draw(CAMPAIGNS), "currency": "CNY",
                "window": {"start": draw(st.sampled_from(STARTS)), "end": END},
                "benefit": draw(BENEFITS), "limits": {"per_user": D(1), "budget": D(1000)}}
        if stacking == "with" and others:
            data["stacking"] = {"with": draw(st.lists(st.sampled_from(others), min_size=1,
                                                      max_size=len(others), unique=True))}
        elif stacking != "with":
            data["stacking"] = stacking
        scope = draw(SCOPES)
        if scope:
            data["scope"] = scope
        audience = draw(st.sampled_from(AUDIENCES))
        if audience:
            data["audience"] = audience
        out.append(data)
    return out


UNPRICED = ("NOPRICE", D(100), None)  # in a scope, not in the price list
carts = st.one_of(
    st.lists(st.tuples(st.sampled_from(SKUS + ["NOPRICE"]), st.integers(1, 4)), min_size=1,
             max_size=3, unique_by=lambda line: line[0]),
    st.sampled_from([[("A1", 1), ("A2", 1)], [("A2", 2), ("A3", 1)], [("A1", 1), ("B2", 3)],
                     [("NOPRICE", 1)], [("A1", 2), ("A2", 2)], [("C1", 1)], [("C2", 3)],
                     [("C1", 1), ("C2", 1)], [("A1", 1), ("C1", 2)], [("C1", 5), ("B2", 1)]]))
users = st.fixed_dictionaries({
    "user.id": st.sampled_from(["u1", "u9", "zz"]),
    "user.tier": st.sampled_from(["gold", "regular"]),
    "user.order_count": st.sampled_from([0, 1, 3]),
    "user.is_first_order": st.booleans(),
    "user.account_age_days": st.sampled_from([0, 10, 400]),
    "user.phone_verified": st.booleans(),
    "user.device_verified": st.booleans(),
    "user.blocked": st.just(False),
    "user.tags": st.sampled_from([[], ["outage"]]),
    "user.region": st.sampled_from(["gold", "north"]),
    "group.size": st.sampled_from([1, 2, 3]),
})


def _price_list() -> PriceList:
    out = PriceList()
    for sku, price, category in PRICES:
        out[sku] = Price(sku, "CNY", D(price), category)
    return out


def _free(promo) -> bool:
    benefit = getattr(promo.benefit, "price", None)
    return benefit is not None and benefit == 0


def _excluded(promo, user: dict) -> bool:
    """The campaign's intent (spec 2.1) keeps this user out."""
    campaign = promo.campaign
    if campaign == "first_order":
        return user["user.order_count"] >= 1 and not user["user.is_first_order"]
    if campaign == "new_user":
        return user["user.account_age_days"] >= 365 or not (
            user["user.phone_verified"] or user["user.device_verified"])
    if campaign == "compensation":
        named = {n.value for n in walk(promo.audience) if isinstance(n, Literal)
                 and isinstance(n.value, str)} if promo.audience else set()
        return user["user.id"] not in named and not set(user["user.tags"]) & named
    if campaign == "group_buy":
        need = max(getattr(promo.benefit, "min_group_size", 2) or 2, 2)
        return user["group.size"] < need
    return False


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(repos(), st.lists(carts, min_size=1, max_size=3), st.lists(users, min_size=1, max_size=3))
def test_a_cart_past_the_line_or_an_excluded_user_is_always_reported(data, cart_rows, people):
    prices = _price_list()
    promos, problems = load_file("x.promo.yaml", Settings(), S.yaml_text(data))
    assert promos and not [p for p in problems if p.rule in ("schema", "syntax")], problems
    findings = run_checks(promos, Context(Settings(max_below_market=LINE), prices))
    money = {(f.rule, f.promotion) for f in findings}
    money_ids = {pid for rule, pid in money if rule in
                 ("below-market", "stacking-below-market", "inverted-threshold")}
    stacked = [f for f in findings if f.rule == "stacking-below-market"]
    stacked_ids = {p for f in stacked for p in (f.witness.promotions if f.witness else ())}
    eligibility = {pid for rule, pid in money if rule == "missing-eligibility"}
    unpriced_ids = {pid for rule, pid in money if rule == "unpriced-sku"}
    moments = sorted({p.window.start for p in promos})
    for rows in cart_rows:
        lines = tuple(CartLine(sku, qty, prices[sku].market_price, prices[sku].category)
                      if sku in prices else CartLine(sku, qty, UNPRICED[1]) for sku, qty in rows)
        unpriced = any(sku not in prices for sku, _ in rows)
        cart = Cart(lines)
        # an unpriced SKU: unpriced-sku says it could not be judged, except where the
        # price cannot matter (a free fixed or group price)
        judged = {p.id for p in promos if unpriced and not _free(p)} & unpriced_ids
        reported = money_ids | stacked_ids | judged
        for user in people:
            for at in moments:
                result = evaluate(promos, cart, user, at, exact=True)
                applied = {a.id for a in result.applied if a.discount > 0}
                market, pays = cart.subtotal, result.total
                if market > 0 and market - pays > LINE * market:
                    assert applied & reported, (
                        "past the line, nothing reported", data, rows, user, at, pays, market,
                        sorted(money))
                shop = evaluate(promos, cart, user, at)  # as the shop charges it
                slack = HALF_CENT * len(lines) * len(shop.applied)
                if market > 0 and market - shop.total > LINE * market + slack:
                    assert {a.id for a in shop.applied if a.discount > 0} & reported, (
                        "the shop charges past the line, nothing reported", data, rows, user,
                        at, shop.total, pays, market, sorted(money))
                facts = facts_for(cart, user)
                for promo in promos:
                    if why_not(promo, cart, facts, at) is None and _excluded(promo, user):
                        assert promo.id in eligibility, (
                            "excluded user admitted, nothing reported", promo.id, promo.campaign,
                            data, user, sorted(money))
