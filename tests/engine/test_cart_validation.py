"""The one validator of carts and users (engine.cart): every problem at its key path with
a sentence said in en and zh; `cart_from_data` raises the first; a cart's `currency` is
checked against the price list and against the promotions priced for it."""
from __future__ import annotations

import string
from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D

import pytest

from promolint.engine.cart import (SENTENCES, Cart, CartError, CartLine, cart_from_data,
                                   cart_problems, currency_problems, key_path, user_from_data,
                                   user_problems)
from promolint.engine.evaluator import evaluate
from promolint.model import promotion as m
from promolint.report.messages import UI, config_error, said
from promolint.source.prices import Price, PriceList
from tests.engine.factory import promo
from tests.report.test_zh_messages import _filled, english_words

PRICES = PriceList({"TEE-001": Price("TEE-001", "CNY", D("99.00"), "apparel"),
                    "USB-1": Price("USB-1", "USD", D("10.00"), "electronics")})
AT = datetime.fromisoformat("2026-11-11T10:00:00+08:00")


def found(data, prices=PRICES):
    return [(p.path, p.sentence) for p in cart_problems(data, prices)]


@pytest.mark.parametrize("data, expected", [
    # the cart's shape
    (None, [((), "cart-no-lines")]),
    ("TEE-001", [((), "cart-no-lines")]),
    ({}, [((), "cart-no-lines")]),
    ({"coupons": []}, [((), "cart-no-lines")]),
    ({"lines": []}, [(("lines",), "cart-no-lines")]),
    ({"lines": "TEE-001"}, [(("lines",), "cart-no-lines")]),
    ([], [((), "cart-no-lines")]),
    # cart keys
    ({"lines": [{"sku": "TEE-001"}], "colour": "red"}, [(("colour",), "cart-unknown-key")]),
    ({"lines": [{"sku": "TEE-001"}], "coupons": "d11"}, [(("coupons",), "cart-coupons")]),
    ({"lines": [{"sku": "TEE-001"}], "coupons": ""}, [(("coupons",), "cart-coupons")]),
    ({"lines": [{"sku": "TEE-001"}], "coupons": 0}, [(("coupons",), "cart-coupons")]),
    ({"lines": [{"sku": "TEE-001"}], "coupons": ["a", "", 3]},
     [(("coupons", 1), "cart-coupons"), (("coupons", 2), "cart-coupons")]),
    ({"lines": [{"sku": "TEE-001"}], "channel": 7}, [(("channel",), "cart-channel")]),
    ({"lines": [{"sku": "TEE-001"}], "currency": "rmb"}, [(("currency",), "cart-currency")]),
    ({"lines": [{"sku": "TEE-001"}], "currency": "RMB"}, [(("currency",), "cart-currency")]),
    ({"lines": [{"sku": "TEE-001"}], "currency": None}, [(("currency",), "cart-currency")]),
    ({"lines": [{"sku": "TEE-001"}], "currency": D(156)}, [(("currency",), "cart-currency")]),
    # lines
    ({"lines": ["TEE-001"]}, [(("lines", 0), "cart-line-sku")]),
    ({"lines": [{"quantity": D(1)}]}, [(("lines", 0), "cart-line-sku")]),
    ({"lines": [{"sku": D(100200)}]}, [(("lines", 0, "sku"), "cart-line-sku")]),
    ({"lines": [{"sku": "TEE-001", "quantiy": D(3)}]}, [(("lines", 0, "quantiy"), "cart-unknown-key")]),
    *[({"lines": [{"sku": "TEE-001", "quantity": q}]}, [(("lines", 0, "quantity"), "cart-quantity")])
      for q in (D(0), D(-1), D("1.5"), "3", True, D("NaN"), D("Infinity"), None, 2.0)],
    *[({"lines": [{"sku": "TEE-001", "unit_price": v}]}, [(("lines", 0, "unit_price"), "cart-unit-price")])
      for v in (D(-1), "9.9", None, True, D("Infinity"), D("NaN"), 9.9)],
    ({"lines": [{"sku": "TEE-001", "category": D(3)}]}, [(("lines", 0, "category"), "cart-category")]),
    ({"lines": [{"sku": "NOPE-1"}]}, [(("lines", 0, "sku"), "cart-unpriced")]),
    # a cart that is a plain list of lines: paths inside the list as given
    ([{"sku": "TEE-001"}, {"sku": "TEE-001", "quantity": D(0)}], [((1, "quantity"), "cart-quantity")]),
    # the cart's currency against the price list (only where the list prices the line)
    ({"currency": "USD", "lines": [{"sku": "TEE-001"}, {"sku": "USB-1"}]},
     [(("lines", 0, "sku"), "cart-line-currency")]),
    ({"currency": "USD", "lines": [{"sku": "TEE-001", "unit_price": D(12)}]}, []),
])
def test_each_problem_at_its_key_path(data, expected):
    assert found(data) == expected


@pytest.mark.parametrize("data", [
    {"lines": [{"sku": "TEE-001"}]},
    {"lines": [{"sku": "TEE-001", "quantity": D(3), "unit_price": D(0), "category": None}],
     "coupons": None, "channel": None},
    {"lines": [{"sku": "TEE-001", "quantity": D("2.0"), "unit_price": D("9.9"), "category": "x"}],
     "coupons": [], "channel": "app", "currency": "CNY"},
    {"lines": [{"sku": "TEE-001", "quantity": 2, "unit_price": 5}], "coupons": ["d11"]},  # library ints
    [{"sku": "NOPE-1", "unit_price": D(1)}],
])
def test_good_carts_have_no_problem(data):
    assert found(data) == []


def test_every_problem_is_listed_in_the_order_of_the_data():
    data = {"colour": "red",
            "lines": [{"sku": "NOPE-1", "quantity": D(0)}, {"sku": "TEE-001", "unit_price": "x"}],
            "coupons": "d11", "channel": 7}
    assert found(data) == [(("colour",), "cart-unknown-key"), (("lines", 0, "sku"), "cart-unpriced"),
                           (("lines", 0, "quantity"), "cart-quantity"),
                           (("lines", 1, "unit_price"), "cart-unit-price"),
                           (("coupons",), "cart-coupons"), (("channel",), "cart-channel")]
    assert [p.on_key for p in cart_problems(data, PRICES)][:2] == [True, False]


def test_without_a_price_list_the_shape_alone_is_checked():
    assert found({"currency": "USD", "lines": [{"sku": "NOPE-1"}, {"sku": "TEE-001"}]}, None) == []


def test_cart_from_data_raises_the_first_problem_and_builds_the_rest():
    with pytest.raises(CartError) as err:
        cart_from_data({"lines": [{"sku": "TEE-001"}, {"sku": "TEE-001", "quantity": D(0)}],
                        "channel": 7}, PRICES, "c.cart.yaml")
    assert str(err.value) == "c.cart.yaml: lines[1].quantity: `quantity` must be a whole number of at least 1"
    assert err.value.problem.path == ("lines", 1, "quantity") and err.value.sentence == "cart-problem"
    assert config_error(err.value, "en") == str(err.value)  # one wording, two places
    assert config_error(err.value, "zh") == "c.cart.yaml: lines[1].quantity:`quantity` 必须是不小于 1 的整数"
    cart = cart_from_data({"lines": [{"sku": "TEE-001", "quantity": D("2.0")},
                                     {"sku": "X", "unit_price": D("5.5"), "category": None}],
                           "coupons": ["d11"], "channel": "app", "currency": "CNY"}, PRICES)
    assert cart == Cart((CartLine("TEE-001", 2, D("99.00"), "apparel"), CartLine("X", 1, D("5.5"), None)),
                        frozenset({"d11"}), "app", "CNY")
    assert type(cart.lines[0].quantity) is int
    assert cart_from_data([{"sku": "TEE-001"}], PRICES).currency is None


def test_where_a_problem_is_without_a_document():
    assert key_path("cart", ()) == "cart"
    assert key_path("cart", ("lines", 2, "quantity")) == "cart: lines[2].quantity"
    assert key_path("c.yaml", (0, "sku")) == "c.yaml: lines[0].sku"  # a plain list of lines
    assert key_path("cart", ("coupons", 1)) == "cart: coupons[1]"


def test_user_problems_and_facts():
    assert user_problems(None) == [] and user_problems({}) == []
    assert [(p.path, p.sentence) for p in user_problems(["gold"])] == [((), "user-not-mapping")]
    with pytest.raises(CartError) as err:
        user_from_data("gold", "u.user.yaml")
    assert str(err.value) == "u.user.yaml: expected a mapping of facts such as `user: {tier: gold}`"
    assert user_from_data({"user": {"tier": "gold"}, "group.size": D(3), "blocked": False}) == \
        {"user.tier": "gold", "group.size": 3, "user.blocked": False}


# -- the cart's currency against the promotions priced for it -----------------------------

def priced(cart, *promos):
    return [(p.path, dict(p.args)["other"], str(dict(p.args)["ids"]))
            for p in currency_problems(cart, list(promos), evaluate(list(promos), cart, {}, AT))]


def _promo(id_, currency, amount, **kw):
    return replace(promo(id_, m.AmountOff(D(amount)), skus=["TEE-001"], **kw), currency=currency)


def test_a_promotion_in_another_currency_that_applies_is_a_problem():
    usd = Cart((CartLine("TEE-001", 1, D("99.00")),), currency="USD")
    assert priced(usd, _promo("a", "CNY", 5)) == [(("currency",), "CNY", "a")]
    assert priced(usd, _promo("a", "USD", 5)) == []
    assert priced(Cart(usd.lines), _promo("a", "CNY", 5)) == []  # no currency named: not checked


def test_a_loser_of_the_stacking_rule_counts_and_a_promotion_outside_its_window_does_not():
    usd = Cart((CartLine("TEE-001", 1, D("99.00")),), currency="USD")
    won, lost = _promo("a", "USD", 9), _promo("b", "CNY", 5)  # exclusive: the larger discount wins
    assert priced(usd, won, lost) == [(("currency",), "CNY", "b")]
    later = _promo("c", "CNY", 5, start=datetime.fromisoformat("2026-12-01T00:00:00+08:00"),
                   end=datetime.fromisoformat("2026-12-02T00:00:00+08:00"))
    assert priced(usd, won, later) == []


def test_one_problem_per_other_currency():
    usd = Cart((CartLine("TEE-001", 1, D("99.00")),), currency="USD")
    found_ = priced(usd, *(replace(promo(i, m.PercentOff(D(5)), skus=["TEE-001"], stacking="stackable"),
                                   currency=c) for i, c in (("a", "CNY"), ("b", "JPY"), ("c", "CNY"))))
    assert found_ == [(("currency",), "CNY", "a, c"), (("currency",), "JPY", "b")]


# -- the sentences: en and zh, the same placeholders, no English in the Chinese ------------

@pytest.mark.parametrize("sentence", sorted(SENTENCES))
def test_each_sentence_is_said_in_both_languages(sentence):
    langs = SENTENCES[sentence]
    fields = {lang: {f for _, f, _, _ in string.Formatter().parse(t) if f} for lang, t in langs.items()}
    assert set(langs) == {"en", "zh"} and fields["en"] == fields["zh"]
    assert UI[sentence] == langs  # one table: messages.UI says them
    assert english_words(_filled(langs["zh"])) == [], langs["zh"]


def test_every_problem_is_said_in_chinese_with_its_arguments():
    data = {"colour": "red", "currency": "USD",
            "lines": [{"sku": "NOPE-1", "quantity": D(0)}, {"sku": "TEE-001", "unit_price": "x"},
                      {"sku": "TEE-001"}, "x", {"sku": "TEE-001", "category": D(1), "qty": 1}],
            "coupons": "d11", "channel": 7}
    problems = cart_problems(data, PRICES) + user_problems([1])
    usd = Cart((CartLine("TEE-001", 1, D("99.00")),), currency="USD")
    problems += currency_problems(usd, [_promo("a", "CNY", 5)], evaluate([_promo("a", "CNY", 5)], usd, {}, AT))
    assert len({p.sentence for p in problems}) >= 10
    for found_ in problems:
        zh, en = said(found_, "zh"), said(found_, "en")
        assert en == found_.english() and zh != en
        assert english_words(zh, "colour qty NOPE-1 TEE-001 a") == [], zh  # a: the id
