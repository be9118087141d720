"""uncapped-deep-discount: 90%+ below market without limits.total and limits.per_user."""
import pytest

from tests.checks.warning_helpers import PRICES, hits, ids, promo

RULE = "uncapped-deep-discount"


def _text(benefit: str, limits: str = "{budget: 50000}", scope: str = "{skus: [HP-300]}") -> str:
    return promo(f"scope: {scope}\nbenefit: {benefit}\nlimits: {limits}\n")


@pytest.mark.parametrize("price,fires", [("89.90", True), ("89.91", False), ("1", True)])
def test_ninety_percent_below_is_the_line(lint, price, fires):
    report = lint(_text(f"{{type: fixed_price, price: {price}}}"), prices=PRICES)
    assert hits(report, RULE) == (["8:37"] if fires else [])


@pytest.mark.parametrize("limits,fires", [
    ("{per_user: 1, total: 100}", False),
    ("{per_user: 1}", True),
    ("{total: 100}", True),
    ("{total: 100, budget: 1000}", True),
])
def test_both_caps_are_needed(lint, limits, fires):
    report = lint(_text("{type: fixed_price, price: 1}", limits), prices=PRICES)
    assert bool(hits(report, RULE)) is fires


def test_group_price_and_category_scope_name_the_deepest_sku(lint):
    benefit = "{type: group_price, price: 9, min_group_size: 2}"
    report = lint(_text(benefit, scope="{categories: [apparel, electronics]}"), prices=PRICES)
    [finding] = [f for f in report.findings if f.rule == RULE]
    assert dict(finding.args)["sku"] == "HP-300"
    assert ids(report, RULE) == ["uncapped-deep-discount-price"]


def test_percent_off_needs_no_price_list(lint):
    assert hits(lint(_text("{type: percent_off, percent: 90}")), RULE) == ["8:39"]
    assert hits(lint(_text("{type: percent_off, percent: 89}")), RULE) == []


def test_without_prices_or_in_another_currency_a_fixed_price_is_quiet(lint):
    assert hits(lint(_text("{type: fixed_price, price: 1}")), RULE) == []
    report = lint(_text("{type: fixed_price, price: 1}", scope="{skus: [CAM-1]}"), prices=PRICES)
    assert hits(report, RULE) == []
