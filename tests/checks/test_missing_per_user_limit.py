"""missing-per-user-limit: once-per-person campaigns and coupon codes need limits.per_user."""
import pytest

from tests.checks.warning_helpers import hits, ids, promo

RULE = "missing-per-user-limit"
BENEFIT = "benefit: {type: threshold_off, threshold: 100, amount: 10}\n"


@pytest.mark.parametrize("campaign", ["first_order", "new_user", "compensation"])
def test_once_per_person_campaigns_fire_at_limits(lint, campaign):
    report = lint(promo(f"campaign: {campaign}\n{BENEFIT}limits: {{budget: 1000}}\n"))
    assert hits(report, RULE) == ["9:1"]
    assert ids(report, RULE) == [RULE]


def test_without_limits_it_points_at_campaign(lint):
    report = lint(promo(f"campaign: new_user\n{BENEFIT}"))
    assert hits(report, RULE) == ["7:1"]


def test_coupon_code_fires_at_coupon_required(lint):
    report = lint(promo(f"{BENEFIT}coupon:\n  signed: true\n  required: true\n"))
    assert hits(report, RULE) == ["10:3"]
    assert ids(report, RULE) == ["missing-per-user-limit-coupon"]


@pytest.mark.parametrize("body", [
    "campaign: first_order\n" + BENEFIT + "limits: {per_user: 1}\n",
    "campaign: general\n" + BENEFIT,
    "campaign: flash_sale\n" + BENEFIT,
    BENEFIT + "coupon: {required: false}\n",
    BENEFIT + "coupon: {required: true}\nlimits: {per_user: 2}\n",
])
def test_quiet_when_limited_or_not_once_per_person(lint, body):
    assert hits(lint(promo(body)), RULE) == []
