"""Issue 20 section 3's cases, one by one: a band met only by a mixed basket, a stack past
the line only in a mixed basket, every application order unless stack_order declares
the shop's, a witness that replays in its order, and the config key."""
from __future__ import annotations

from decimal import Decimal

import pytest

from promolint.checks import Context
from promolint.core.config import ConfigError, Settings, from_table
from promolint.engine.witness import replay
from promolint.run.lint import run_checks
from promolint.run.load import load_file
from promolint.source.prices import Price, PriceList
from tests import strategies as S

D = Decimal
MONEY = ("below-market", "stacking-below-market")


def _doc(ident, benefit, audience=None, stacking="exclusive", skus=("GC-100", "TEA-1")):
    out = {"apiVersion": "promolint/v1", "kind": "Promotion", "id": ident, "name": ident,
           "currency": "CNY", "window": {"start": "2026-11-11T00:00:00+08:00",
                                         "end": "2026-11-12T00:00:00+08:00"},
           "scope": {"skus": list(skus)}, "benefit": benefit, "stacking": stacking,
           "limits": {"per_user": D(1), "budget": D(1000)}}
    return out | ({"audience": audience} if audience else {})


def _check(docs, prices, **settings):
    table = PriceList()
    for sku, price in prices:
        table[sku] = Price(sku, "CNY", D(price), "c")
    promos, problems = load_file("x.promo.yaml", Settings(), S.yaml_text(docs))
    assert not problems
    found = [f for f in run_checks(promos, Context(Settings(**settings), table)) if f.rule in MONEY]
    by_id = {p.id: p for p in promos}
    for f in found:  # every witness replays past the line, in its own order
        if f.witness is not None:
            paid = replay(f.witness, by_id, exact=True).total
            market = sum((l.unit_price * l.quantity for l in f.witness.cart), D(0))
            assert market - paid > market / 2, f.witness
    return found


GC_TEA = [("GC-100", "100"), ("TEA-1", "39.9")]
BAND = "cart.subtotal >= 120 and cart.subtotal < 140"


@pytest.mark.parametrize("benefit", [
    {"type": "fixed_price", "price": D(10)},
    {"type": "group_price", "price": D(10), "min_group_size": D(2)},
    {"type": "percent_off", "percent": D(60)},
    {"type": "amount_off", "amount": D(80)},
    {"type": "buy_x_get_y", "buy": D(1), "get": D(1), "percent": D(100)},
])
def test_a_band_only_a_card_and_a_tea_meet(benefit):
    # GC-100 + TEA-1 = 139.90 is in the band; the card alone (100) and two (200) are not
    if benefit["type"] == "buy_x_get_y":  # 1 + 1 free: the tea free, 28.5% off: within
        assert _check([_doc("p", benefit, BAND)], GC_TEA) == []
        return
    found = _check([_doc("p", benefit, BAND)], GC_TEA)
    assert [f.rule for f in found] == ["below-market"]
    assert sorted(l.sku for l in found[0].witness.cart) == ["GC-100", "TEA-1"]


def test_an_item_count_equality_met_by_a_mix():
    # exactly 2 units between 130 and 150: two cards (200) and two teas (79.8) are not
    found = _check([_doc("p", {"type": "fixed_price", "price": D(10)},
                         "cart.item_count == 2 and cart.subtotal >= 130 and cart.subtotal <= 150")],
                   GC_TEA)
    assert [f.rule for f in found] == ["below-market"]
    assert sorted(l.sku for l in found[0].witness.cart) == ["GC-100", "TEA-1"]


def test_two_thresholds_past_the_line_only_in_a_mixed_basket():
    # spend 60 save 15 + spend 90 save 45: a 70 + 40 basket (110) pays 50
    docs = [_doc("a", {"type": "threshold_off", "threshold": D(60), "amount": D(15)},
                 stacking="stackable", skus=("A", "B")),
            _doc("b", {"type": "threshold_off", "threshold": D(90), "amount": D(45)},
                 stacking="stackable", skus=("A", "B"))]
    found = _check(docs, [("A", "70"), ("B", "40")])
    assert [f.rule for f in found] == ["stacking-below-market"]
    assert sorted(l.sku for l in found[0].witness.cart) == ["A", "B"]


def test_two_percents_whose_audiences_meet_only_at_a_two_sku_subtotal():
    docs = [_doc("a", {"type": "percent_off", "percent": D(30)}, "cart.subtotal >= 130",
                 stacking="stackable", skus=("A", "B")),
            _doc("b", {"type": "percent_off", "percent": D(30)}, "cart.subtotal < 140",
                 stacking="stackable", skus=("A", "B"))]
    found = _check(docs, [("A", "100"), ("B", "35")])  # only 135 = A + B is in both
    assert [f.rule for f in found] == ["stacking-below-market"]
    assert sorted(l.sku for l in found[0].witness.cart) == ["A", "B"]


@pytest.mark.parametrize("first, second, worst", [
    ({"type": "percent_off", "percent": D(30)}, {"type": "amount_off", "amount": D(21)}, "49"),
    ({"type": "percent_off", "percent": D(20)},
     {"type": "threshold_off", "threshold": D(100), "amount": D(35)}, "45"),
])
def test_every_order_counts_unless_the_shop_declares_its_own(first, second, worst):
    docs = [_doc("a", first, stacking="stackable", skus=("A",)),
            _doc("b", second, stacking="stackable", skus=("A",))]
    found = _check(docs, [("A", "100")])
    assert [f.rule for f in found] == ["stacking-below-market"]
    assert found[0].witness.pays == D(worst)
    assert found[0].witness.order  # said, and replayed in that order
    # the evaluator's order (a before b, thresholds on the discounted subtotal) stays
    # within the line: 100 * 0.7 - 21 = 49 is its order too for the first, so only the
    # second is clean under "priority"
    declared = _check(docs, [("A", "100")], stack_order="priority")
    assert bool(declared) == (second["type"] == "amount_off")


def test_stack_order_is_checked_in_the_config(tmp_path):
    assert from_table({"stack_order": "priority-list"}, tmp_path / "promolint.toml").stack_order \
        == "priority-list"
    with pytest.raises(ConfigError) as err:
        from_table({"stack_order": "first"}, tmp_path / "promolint.toml")
    assert err.value.sentence == "config-stack-order"


@pytest.mark.parametrize("price", [D(10), D(45)])
def test_a_band_met_by_adding_an_item_outside_the_scope(price):
    """The seed incident with the tea outside the scope: cart.subtotal counts the whole
    cart, so GC-100 alone (100) reaches the band with any 20-40 CNY item and sells at the
    fixed price; 45 is 55% below the card's price even though the basket is not."""
    doc = _doc("p", {"type": "fixed_price", "price": price}, BAND, skus=("GC-100",))
    found = _check([doc], GC_TEA)
    assert [(f.rule, f.message_id) for f in found] == [("below-market", "below-market-padded")]


@pytest.mark.parametrize("audience", [
    "cart.subtotal < 50",                      # a card alone is already past it
    "cart.item_count == 1 and cart.subtotal < 90",
])
def test_no_padding_reaches_a_bound_from_above(audience):
    doc = _doc("p", {"type": "fixed_price", "price": D(10)}, audience, skus=("GC-100",))
    assert _check([doc], GC_TEA) == []


@pytest.mark.parametrize("audience", ["not (cart.subtotal < 120)", "cart.item_count == 4",
                                      "120 <= cart.subtotal and not (cart.subtotal >= 140)"])
def test_other_forms_of_a_bound_from_below_are_padded(audience):
    doc = _doc("p", {"type": "fixed_price", "price": D(10)}, audience, skus=("GC-100",))
    found = _check([doc], [("GC-100", "100")])
    assert [f.rule for f in found] == ["below-market"]


def test_padded_relaxes_only_bounds_from_below():
    from promolint.engine.search import padded
    from promolint.expr.syntax import parse
    assert padded(parse("user.tier == 'gold'")) is None
    assert padded(parse("cart.subtotal < 140")) is None
    assert padded(parse("cart.subtotal >= 120 and cart.subtotal < 140")) == parse(
        "true and cart.subtotal < 140")
    assert padded(parse("not (cart.subtotal < 120)")) == parse("not false")
    assert padded(parse("cart.item_count == 4")) == parse("cart.item_count <= 4")


def test_a_fixed_price_on_the_whole_order_is_judged_per_sku():
    """45 on every SKU in a band only GC-100 + TEA-1 meet: the basket is 36% below, the
    card 55% below its own price (the spec: "for some scoped SKU")."""
    doc = _doc("p", {"type": "fixed_price", "price": D(45)}, BAND)
    del doc["scope"]
    found = _check([doc], GC_TEA)
    assert [(f.rule, f.message_id) for f in found] == [("below-market", "below-market-padded")]


def test_a_percent_on_the_whole_order_is_judged_on_the_basket():
    # 40% off everything: within the line whatever the mix; no padding to judge
    doc = _doc("p", {"type": "percent_off", "percent": D(40)}, BAND)
    del doc["scope"]
    assert _check([doc], GC_TEA) == []
