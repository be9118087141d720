"""unpriced-sku: scoped SKUs missing from a configured price list."""
from tests.checks.warning_helpers import PRICES, hits, promo

RULE = "unpriced-sku"


def _body(scope: str, benefit: str = "{type: percent_off, percent: 10}") -> str:
    return f"scope: {scope}\nbenefit: {benefit}\nlimits: {{budget: 100}}\n"


def test_each_unpriced_sku_is_reported_at_its_entry(lint):
    report = lint(promo(_body("{skus: [TEE-001, TEE-0O1, NOPE]}")), prices=PRICES)
    assert hits(report, RULE) == ["7:25", "7:34"]


def test_excluded_skus_and_categories_are_not_reported(lint):
    report = lint(promo(_body("{skus: [NOPE], categories: [other], exclude_skus: [NOPE]}")),
                  prices=PRICES)
    assert hits(report, RULE) == []


def test_without_a_price_list_nothing_is_reported(lint):
    assert hits(lint(promo(_body("{skus: [NOPE]}"))), RULE) == []


def test_free_shipping_is_not_checked(lint):
    report = lint(promo(_body("{skus: [NOPE]}", "{type: free_shipping}")), prices=PRICES)
    assert hits(report, RULE) == []
