"""unbounded-cost: money-giving promotions need limits.budget or limits.total."""
import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "unbounded-cost"

BENEFITS = [
    "{type: percent_off, percent: 10}",
    "{type: amount_off, amount: 5}",
    "{type: threshold_off, threshold: 100, amount: 10}",
    "{type: tiered, tiers: [{threshold: 100, amount: 5}, {threshold: 200, amount: 15}]}",
    "{type: fixed_price, price: 10}",
    "{type: buy_x_get_y, buy: 2, get: 1}",
    "{type: group_price, price: 10, min_group_size: 2}",
]


@pytest.mark.parametrize("benefit", BENEFITS)
def test_every_money_giving_benefit_without_limits_fires_at_benefit(lint, benefit):
    report = lint(promo(f"benefit: {benefit}\n"))
    assert hits(report, RULE) == ["7:1"]


def test_per_user_alone_does_not_bound_the_cost_and_points_at_limits(lint):
    report = lint(promo("""
        benefit: {type: percent_off, percent: 10}
        limits:
          per_user: 1
    """))
    assert hits(report, RULE) == ["8:1"]


@pytest.mark.parametrize("limits", ["{budget: 1000}", "{total: 100}", "{total: 1, budget: 9.9}"])
def test_budget_or_total_bounds_it(lint, limits):
    report = lint(promo(f"benefit: {{type: percent_off, percent: 10}}\nlimits: {limits}\n"))
    assert hits(report, RULE) == []


def test_free_shipping_is_not_money_giving(lint):
    report = lint(promo("benefit: {type: free_shipping}\n"))
    assert hits(report, RULE) == []


def test_dsl_gives_the_same_finding(lint):
    text = ('promotion p "P" {\n  currency CNY\n'
            '  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00\n'
            '  benefit percent_off 10\n  limits per_user 1\n}\n')
    report = lint(text, file="p.promo")
    assert hits(report, RULE) == ["5:3"]
