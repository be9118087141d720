"""cash-equivalent-scope: money-giving promotions must not reach cash-like goods."""
from tests.checks.warning_helpers import PRICES, hits, ids, promo

RULE = "cash-equivalent-scope"
LIMITS = "limits: {per_user: 1, budget: 1000}\n"


def _body(scope: str | None, benefit: str = "{type: amount_off, amount: 100}") -> str:
    return (f"scope: {scope}\n" if scope else "") + f"benefit: {benefit}\n" + LIMITS


def test_cash_category_in_scope_fires_at_the_category(lint):
    report = lint(promo(_body("{categories: [apparel, phone-top-up]}")))
    assert hits(report, RULE) == ["7:31"]


def test_sku_whose_price_list_category_is_cash_fires_at_the_sku(lint):
    report = lint(promo(_body("{skus: [TEE-001, GC-100, TOP-50]}")), prices=PRICES)
    assert hits(report, RULE) == ["7:25", "7:33"]
    assert ids(report, RULE) == ["cash-equivalent-sku"] * 2


def test_whole_order_fires_once_when_the_price_list_has_cash_goods(lint):
    report = lint(promo(_body(None)), prices=PRICES)
    assert hits(report, RULE) == ["7:1"]
    assert ids(report, RULE) == ["cash-equivalent-order"]


def test_whole_order_with_cash_goods_excluded_is_quiet(lint):
    report = lint(promo(_body("{exclude_skus: [GC-100, TOP-50]}")), prices=PRICES)
    assert hits(report, RULE) == []


def test_whole_order_partly_excluded_points_at_scope(lint):
    report = lint(promo(_body("{exclude_skus: [GC-100]}")), prices=PRICES)
    assert hits(report, RULE) == ["7:1"]


def test_whole_order_without_a_price_list_is_quiet(lint):
    assert hits(lint(promo(_body(None))), RULE) == []


def test_free_shipping_gives_no_money(lint):
    report = lint(promo(_body("{categories: [gift-cards]}", "{type: free_shipping}")))
    assert hits(report, RULE) == []


def test_categories_come_from_config(lint):
    text = promo(_body("{categories: [game-cards, gift-cards]}"))
    assert hits(lint(text, config='cash_equivalent_categories = ["game-cards"]\n'), RULE) == ["7:22"]
    assert hits(lint(text, config="cash_equivalent_categories = []\n"), RULE) == []


def test_a_sku_in_another_currency_is_still_cash(lint):
    prices = PRICES + "GC-USD,USD,20.00,gift-cards\n"
    report = lint(promo(_body("{skus: [GC-USD]}")), prices=prices)
    assert hits(report, RULE) == ["7:16"]
