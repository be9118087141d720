"""suspicious-percent: percents below 1."""
import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "suspicious-percent"


@pytest.mark.parametrize("benefit,where", [
    ("{type: percent_off, percent: 0.15}", "7:39"),
    ("{type: buy_x_get_y, buy: 2, get: 1, percent: 0.5}", "7:55"),
    ("{type: tiered, tiers: [{threshold: 100, percent: 0.05}, {threshold: 200, percent: 10}]}", "7:59"),
])
def test_a_fraction_fires_at_the_percent(lint, benefit, where):
    assert hits(lint(promo(f"benefit: {benefit}\nlimits: {{budget: 100}}\n")), RULE) == [where]


@pytest.mark.parametrize("percent", ["1", "15", "99.5", "100"])
def test_whole_percents_are_quiet(lint, percent):
    text = promo(f"benefit: {{type: percent_off, percent: {percent}}}\nlimits: {{budget: 100}}\n")
    assert hits(lint(text), RULE) == []


def test_buy_x_get_y_default_percent_is_quiet(lint):
    text = promo("benefit: {type: buy_x_get_y, buy: 2, get: 1}\nlimits: {budget: 100}\n")
    assert hits(lint(text), RULE) == []
