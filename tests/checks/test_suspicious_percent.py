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


def _finding(lint, percent):
    text = promo(f"benefit: {{type: percent_off, percent: {percent}}}\nlimits: {{budget: 100}}\n")
    [finding] = [f for f in lint(text).findings if f.rule == RULE]
    return finding


def test_a_fraction_gets_both_readings_never_only_the_deep_one(lint):
    """0.9 is most likely 9折 (pays 90%: percent 10); 90% off is the other reading."""
    from promolint.report.messages import render
    finding = _finding(lint, "0.9")
    args = dict(finding.args)
    assert (args["meant1"], args["meant2"]) == ("10", "90")  # the smaller discount first
    zh, en = render(finding, "zh"), render(finding, "en")
    assert "9 折" in zh and "percent: 10" in zh and "percent: 90" in zh
    assert "90% 折扣" not in zh and "减 90%（即 1 折）" in zh
    assert "10% off (pays 90%)" in en and "90% off (pays 10%)" in en


def test_a_half_has_one_reading(lint):
    finding = _finding(lint, "0.5")
    assert finding.message_id == "suspicious-percent-one"
    assert dict(finding.args)["meant1"] == "50"


@pytest.mark.parametrize("percent,readings", [("0.15", ("15", "85")), ("0.05", ("5", "95")),
                                              ("0.99", ("1", "99"))])
def test_readings_are_the_fraction_off_and_the_fraction_paid(lint, percent, readings):
    args = dict(_finding(lint, percent).args)
    assert (args["meant1"], args["meant2"]) == readings
