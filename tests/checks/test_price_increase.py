"""price-increase: a fixed or group price at or above market."""
import pytest

from tests.checks.warning_helpers import PRICES, hits, promo

RULE = "price-increase"
LIMITS = "limits: {per_user: 1, total: 10}\n"


def _body(scope: str, benefit: str = "{type: fixed_price, price: 99}") -> str:
    return f"scope: {scope}\nbenefit: {benefit}\n" + LIMITS


@pytest.mark.parametrize("price,fires", [("98.99", False), ("99", True), ("99.01", True)])
def test_at_or_above_market_fires_at_the_sku(lint, price, fires):
    report = lint(promo(_body("{skus: [TEE-001]}", f"{{type: fixed_price, price: {price}}}")),
                  prices=PRICES)
    assert hits(report, RULE) == (["7:16"] if fires else [])


def test_group_price_too(lint):
    benefit = "{type: group_price, price: 900, min_group_size: 2}"
    report = lint(promo(_body("{skus: [TEE-001, HP-300]}", benefit)), prices=PRICES)
    assert hits(report, RULE) == ["7:16", "7:25"]


def test_a_category_wide_price_fires_once_per_category(lint):
    report = lint(promo(_body("{categories: [apparel, grocery]}", "{type: fixed_price, price: 100}")),
                  prices=PRICES)
    assert hits(report, RULE) == ["7:22", "7:31"]  # TEE-001 (99) in apparel, TEA-50 in grocery


def test_excluded_other_currency_unpriced_and_whole_order_are_quiet(lint):
    for scope in ("{skus: [TEE-001], exclude_skus: [TEE-001]}", "{skus: [CAM-1]}",
                  "{skus: [NOPE]}", "{exclude_skus: [TEE-001]}"):
        assert hits(lint(promo(_body(scope)), prices=PRICES), RULE) == [], scope


def test_percent_benefits_are_not_checked(lint):
    report = lint(promo(_body("{skus: [TEE-001]}", "{type: percent_off, percent: 10}")),
                  prices=PRICES)
    assert hits(report, RULE) == []
