"""Every basket, every stack, every order (issue 20), against brute force.

Random catalogs of 2-4 SKUs (prices in cents), random promotions of every benefit
type, random audiences over cart.subtotal / cart.item_count (bands, equalities,
negations), random stacks of 2-3 (all stackable). Brute force prices every basket of
up to 8 units, for every set of the promotions, in every application order (each
sequence; thresholds on the running or the list subtotal):
- a basket past the line: `check` reports below-market, stacking-below-market or
  inverted-threshold;
- every such finding's witness replays past the line (in its order), and when brute
  force found nothing it is a basket of more than 8 units, or the search's own "bounded"
  finding (doubt is a finding, never silence).
PROMOLINT_BASKET_EXAMPLES sets the examples per benefit type (CI: 300).
"""
from __future__ import annotations

import itertools
import os
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.checks import Context
from promolint.core.config import Settings
from promolint.engine.cart import Cart, CartLine, facts_for
from promolint.engine.evaluator import apply_in_order, why_not
from promolint.engine.witness import replay
from promolint.run.lint import run_checks
from promolint.run.load import load_file
from promolint.source.prices import Price, PriceList
from tests import strategies as S

EXAMPLES = int(os.environ.get("PROMOLINT_BASKET_EXAMPLES", "300"))
LINE = Decimal("0.5")
UNITS = 8
D = Decimal
START = "2026-11-11T00:00:00+08:00"
AT = datetime.fromisoformat(START)
MONEY_RULES = ("below-market", "stacking-below-market", "inverted-threshold")
BOUNDED = ("below-market-bounded", "stacking-below-market-bounded",
           "stacking-below-market-unchecked",
           # a basket padded with items outside the scope: brute force knows only the
           # catalog's SKUs (tests/checks/test_baskets_orders.py covers these)
           "below-market-padded")
KINDS = ("percent_off", "amount_off", "threshold_off", "tiered", "fixed_price",
         "group_price", "buy_x_get_y")


def _cents(lo: int, hi: int):
    return st.integers(lo, hi).map(lambda c: D(c) / 100)


@st.composite
def benefits(draw, kind: str) -> dict:
    if kind == "percent_off":
        out = {"type": kind, "percent": D(draw(st.integers(5, 95)))}
        if draw(st.booleans()):
            out["max_amount"] = draw(_cents(500, 8000))
        return out
    if kind == "amount_off":
        return {"type": kind, "amount": draw(_cents(100, 9000))}
    if kind == "threshold_off":
        threshold = draw(_cents(1000, 25000))
        out = {"type": kind, "threshold": threshold,
               "amount": draw(st.integers(100, int(threshold * 100) - 1).map(lambda c: D(c) / 100))}
        if draw(st.booleans()):
            out |= {"repeat": True, "max_repeats": D(draw(st.integers(1, 3)))}
        return out
    if kind == "tiered":
        count = draw(st.integers(2, 3))
        thresholds = sorted(draw(st.lists(st.integers(10, 250), min_size=count, max_size=count,
                                          unique=True)))
        if draw(st.booleans()):
            amounts = sorted(draw(st.lists(st.integers(1, 9), min_size=count, max_size=count,
                                           unique=True)))
            tiers = [{"threshold": D(t), "amount": D(t * a) / 10} for t, a in zip(thresholds, amounts)]
            tiers = [tiers[0]] + [t for i, t in enumerate(tiers[1:], 1)
                                  if t["amount"] > tiers[i - 1]["amount"]]
            if len(tiers) < 2:
                tiers.append({"threshold": D(thresholds[-1] + 1), "amount": tiers[-1]["amount"] + 1})
        else:
            percents = sorted(draw(st.lists(st.integers(5, 90), min_size=count, max_size=count,
                                            unique=True)))
            tiers = [{"threshold": D(t), "percent": D(p)} for t, p in zip(thresholds, percents)]
        return {"type": kind, "tiers": tiers}
    if kind == "fixed_price":
        return {"type": kind, "price": draw(_cents(0, 9000))}
    if kind == "group_price":
        return {"type": kind, "price": draw(_cents(0, 9000)), "min_group_size": D(2)}
    return {"type": kind, "buy": D(draw(st.integers(1, 3))), "get": D(draw(st.integers(1, 2))),
            "percent": D(draw(st.sampled_from([50, 100])))}


OPS = (">=", ">", "<", "<=", "==", "!=")


@st.composite
def conditions(draw) -> str:
    if draw(st.booleans()):
        field, value = "cart.subtotal", str(draw(_cents(1000, 30000)))
    else:
        field, value = "cart.item_count", str(draw(st.integers(1, 8)))
    return f"{field} {draw(st.sampled_from(OPS))} {value}"


@st.composite
def audiences(draw) -> str | None:
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return None
    if shape == 1:
        return draw(conditions())
    if shape == 2:  # a band
        low, high = sorted(draw(st.lists(st.integers(1000, 30000), min_size=2, max_size=2,
                                         unique=True)))
        return f"cart.subtotal >= {D(low) / 100} and cart.subtotal < {D(high) / 100}"
    joined = f" {draw(st.sampled_from(['and', 'or']))} ".join([draw(conditions()), draw(conditions())])
    return f"not ({joined})" if shape == 5 else joined


@st.composite
def examples(draw, kind: str):
    count = draw(st.integers(2, 4))
    cents = draw(st.lists(st.integers(100, 15000), min_size=count, max_size=count, unique=True))
    catalog = [(f"S{i}", D(c) / 100) for i, c in enumerate(cents)]
    size = draw(st.integers(1, 3))
    kinds = [kind] + [draw(st.sampled_from(KINDS)) for _ in range(size - 1)]
    docs = []
    for i, k in enumerate(kinds):
        doc = {"apiVersion": "promolint/v1", "kind": "Promotion", "id": f"p{i}", "name": f"p{i}",
               "currency": "CNY", "window": {"start": START, "end": "2026-11-12T00:00:00+08:00"},
               "scope": {"skus": [sku for sku, _ in catalog]}, "benefit": draw(benefits(k)),
               "limits": {"per_user": D(1), "budget": D(1000)},
               "stacking": "stackable" if size > 1 else "exclusive"}
        audience = draw(audiences())
        if audience:
            doc["audience"] = audience
        docs.append(doc)
    return catalog, docs


def _baskets(catalog):
    for counts in itertools.product(range(UNITS + 1), repeat=len(catalog)):
        if 0 < sum(counts) <= UNITS:
            yield Cart(tuple(CartLine(sku, n, price) for (sku, price), n in zip(catalog, counts) if n))


def brute_force(promos, catalog) -> tuple | None:
    """A (cart, sequence, basis) past the line, or None: every basket of up to 8 units,
    every non-empty set of the promotions that applies to it, every sequence of it with
    thresholds on the running and on the list subtotal (not engine.orders' choice)."""
    sets = [s for n in range(1, len(promos) + 1) for s in itertools.combinations(promos, n)]
    orders = {s: [(seq, basis) for seq in itertools.permutations(s)
                  for basis in (("running", "list") if len(s) > 1 else ("running",))]
              for s in sets}
    applies_at: dict = {}
    for cart in _baskets(catalog):
        market = cart.subtotal
        key = (market, cart.item_count)
        if key not in applies_at:
            facts = facts_for(cart, {"group.size": 9})
            applies_at[key] = {p.id for p in promos if why_not(p, cart, facts, AT) is None}
        applies = applies_at[key]
        for s in sets:
            if not all(p.id in applies for p in s):
                continue
            for seq, basis in orders[s]:
                pays = apply_in_order(list(seq), cart, {}, True, basis).total
                if market - pays > LINE * market:
                    return cart, [p.id for p in seq], basis
    return None


def disagreement(catalog, docs) -> str | None:
    """Why `check` and brute force disagree on this example (None: they agree)."""
    prices = PriceList()
    for sku, price in catalog:
        prices[sku] = Price(sku, "CNY", price, "c")
    promos, problems = load_file("x.promo.yaml", Settings(), S.yaml_text(docs))
    assert promos and not [p for p in problems if p.rule in ("schema", "syntax")], problems
    findings = [f for f in run_checks(promos, Context(Settings(max_below_market=LINE), prices))
                if f.rule in MONEY_RULES]
    found = brute_force(promos, catalog)
    if found is not None and not findings:
        return f"brute force: {found[0]} {found[1]} {found[2]} past the line; check silent"
    by_id = {p.id: p for p in promos}
    for f in findings:
        if f.message_id in BOUNDED:
            continue
        if f.witness is None:
            if found is None:
                return f"{f.rule} without a witness, brute force found nothing"
            continue
        result = replay(f.witness, by_id, exact=True)
        market = sum((l.unit_price * l.quantity for l in f.witness.cart), D(0))
        if not market - result.total > LINE * market:
            return f"{f.rule} witness does not replay past the line: {f.witness}"
        units = sum(l.quantity for l in f.witness.cart)
        if found is None and units <= UNITS:
            return f"{f.rule} reports {f.witness}, brute force found nothing"
    return None


@pytest.mark.parametrize("kind", KINDS)
def test_check_agrees_with_brute_force(kind):
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(examples(kind))
    def run(example):
        catalog, docs = example
        problem = disagreement(catalog, docs)
        assert problem is None, (problem, catalog, docs)
    run()
