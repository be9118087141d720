"""missing-eligibility: each campaign's guard (spec 2.1), with the admitted user as witness."""
from __future__ import annotations

import pytest

from promolint.expr.audience import evaluate
from tests.checks.warning_helpers import PRICES, hits, ids, promo

RULE = "missing-eligibility"


def _promo(campaign: str, audience: str | None, benefit: str = "{type: amount_off, amount: 20}",
           scope: str = "") -> str:
    body = f"campaign: {campaign}\n"
    if audience is not None:
        body += f'audience: "{audience}"\n'  # line 8 when present, content at column 12
    body += scope + f"benefit: {benefit}\nlimits: {{per_user: 1, budget: 1000}}\n"
    return promo(body)


def _findings(report):
    return [f for f in report.findings if f.rule == RULE]


@pytest.mark.parametrize("audience", [
    "user.order_count >= 0",                                  # tautology
    "user.order_count >= 0 and not user.blocked",
    "user.is_first_order or user.tier == 'gold'",             # or bypass
    "user.order_count == 0 or cart.subtotal >= 500",
    "not (user.order_count >= 1 and user.blocked)",           # not in the wrong place
    "not user.is_first_order == false or true",
    "user.order_count != 'zero'",                             # always true (type error)
    "user.order_count < 2",
])
def test_first_order_bypasses_fire_with_a_returning_user(lint, audience):
    report = lint(_promo("first_order", audience))
    assert hits(report, RULE) == ["8:12"]
    witness = _findings(report)[0].witness
    user = dict(witness.user)
    assert user.get("user.order_count", 1) >= 1 and user.get("user.is_first_order", False) is False


@pytest.mark.parametrize("audience", [
    "user.order_count == 0",
    "user.is_first_order",
    "user.is_first_order == true and not user.blocked",
    "user.order_count < 1 and (user.tier == 'gold' or user.phone_verified)",
    "user.order_count == 0 or user.is_first_order",
    "not (user.order_count > 0)",
])
def test_first_order_guards_are_clean(lint, audience):
    assert hits(lint(_promo("first_order", audience)), RULE) == []


def test_no_audience_reports_at_the_campaign(lint):
    assert hits(lint(_promo("first_order", None)), RULE) == ["7:1"]


def test_general_campaigns_need_nothing(lint):
    for campaign in ("general", "flash_sale", "clearance"):
        assert hits(lint(_promo(campaign, None)), RULE) == []


@pytest.mark.parametrize("audience,fires", [
    ("user.tier in ['gold', 'vip']", False),
    ("user.tier != 'blocked-tier'", False),
    ("user.tier not in ['basic'] and not user.blocked", False),
    ("user.tier in ['gold', 'vip'] or true", True),
    ("user.tier == 'gold' or user.tier != 'gold'", True),
    ("user.tier == 'gold' or user.order_count > 100", True),
    ("not user.blocked", True),
    ("user.tier > 'a'", False),  # a type-mismatch, but tier "a" is indeed kept out
])
def test_member_needs_a_tier_that_is_kept_out(lint, audience, fires):
    assert bool(hits(lint(_promo("member", audience)), RULE)) is fires


def test_new_user_needs_an_age_bound_and_verification(lint):
    assert ids(lint(_promo("new_user", "user.phone_verified")), RULE) == ["new-user-no-age-bound"]
    assert ids(lint(_promo("new_user", "user.account_age_days <= 30")), RULE) == \
        ["new-user-unverified"]
    assert ids(lint(_promo("new_user", "user.account_age_days <= 30 and "
                                       "(user.phone_verified or user.device_verified)")), RULE) == []
    assert ids(lint(_promo("new_user", "user.account_age_days <= 30 and user.phone_verified "
                                       "or user.device_verified")), RULE) == ["new-user-no-age-bound"]


def test_new_user_witness_is_an_old_account(lint):
    report = lint(_promo("new_user", "user.account_age_days >= 0 and user.device_verified"))
    user = dict(_findings(report)[0].witness.user)
    assert user["user.account_age_days"] >= 365


GROUP = "{type: group_price, price: 59, min_group_size: 3}"
SCOPE = "scope: {skus: [TEE-001]}\n"


@pytest.mark.parametrize("audience,expected", [
    (None, ["group-buy-no-size"]),
    ("group.size >= 2", ["group-buy-no-size"]),
    ("group.size >= 3 or user.tier == 'vip'", ["group-buy-no-size"]),
    ("group.size >= 3", []),
    ("group.size > 2 and not user.blocked", []),
    ("group.size >= 5", ["group-buy-size-differs"]),
])
def test_group_buy_size_must_match_the_benefit(lint, audience, expected):
    assert ids(lint(_promo("group_buy", audience, GROUP, SCOPE)), RULE) == expected


def test_group_buy_witness_is_a_lone_buyer(lint):
    report = lint(_promo("group_buy", None, GROUP, SCOPE), prices=PRICES)
    witness = _findings(report)[0].witness
    assert dict(witness.context)["group.size"] == 1
    assert witness.cart[0].sku == "TEE-001"


def test_group_of_one_is_not_a_group(lint):
    report = lint(_promo("group_buy", "group.size >= 1",
                         "{type: group_price, price: 59, min_group_size: 1}", SCOPE))
    assert "group-buy-too-small" in ids(report, RULE)


@pytest.mark.parametrize("audience,fires", [
    ("user.id in ['u-100', 'u-200']", False),
    ("user.tags contains 'outage-1103'", False),
    ("'outage-1103' in user.tags and not user.blocked", False),
    ("user.tags contains 'outage-1103' or user.tier == 'vip'", True),
    ("user.id != 'u-100'", True),
    ("not user.blocked", True),
])
def test_compensation_goes_to_affected_users_only(lint, audience, fires):
    assert bool(hits(lint(_promo("compensation", audience)), RULE)) is fires


def test_witness_is_priced_by_the_engine_and_replays(lint):
    report = lint(_promo("first_order", "user.order_count >= 0",
                         "{type: percent_off, percent: 20}", SCOPE), prices=PRICES)
    finding = _findings(report)[0]
    witness = finding.witness
    assert [(l.sku, l.quantity) for l in witness.cart] == [("TEE-001", 1)]
    assert str(witness.market) == "99.00" and witness.pays == witness.market * 8 / 10
    promo_model = report.promotions[0]
    facts = dict(witness.user) | dict(witness.context) | {"cart.subtotal": witness.market,
                                                        "cart.item_count": 1}
    assert evaluate(promo_model.audience, facts)
    from promolint.engine.witness import replay
    result = replay(witness, {promo_model.id: promo_model})
    assert result.total == witness.pays


def test_threshold_witness_reaches_the_threshold(lint):
    report = lint(_promo("first_order", "user.order_count >= 0",
                         "{type: threshold_off, threshold: 150, amount: 30}", SCOPE), prices=PRICES)
    witness = _findings(report)[0].witness
    assert witness.cart[0].quantity == 2 and witness.pays == 2 * 99 - 30


def test_unpriced_scope_still_gets_a_cart_without_market(lint):
    report = lint(_promo("first_order", "user.order_count >= 0"))
    witness = _findings(report)[0].witness
    assert witness.market is None


def test_dsl_reports_at_the_audience(lint):
    text = """promotion fo "First order" {
  campaign first_order
  currency CNY
  window 2026-11-01T00:00:00+08:00 .. 2026-11-30T00:00:00+08:00
  audience user.order_count >= 0
  benefit amount_off 5
  limits per_user 1 budget 1000
}
"""
    report = lint(text, file="fo.promo")
    assert hits(report, RULE) == ["5:12"]


# Doubt is never silence: long or-lists are decided, what cannot be is reported.

def test_a_long_whitelist_with_a_bypass_fires_and_without_one_is_clean(lint):
    ids_ = " or ".join(f"user.id == 'u{i}'" for i in range(300))
    assert hits(lint(_promo("compensation", ids_)), RULE) == []
    report = lint(_promo("compensation", f"{ids_} or user.order_count >= 0"))
    assert hits(report, RULE) == ["8:12"]
    assert not dict(_findings(report)[0].witness.user)["user.id"].startswith("u") \
        or dict(_findings(report)[0].witness.user)["user.id"] not in {f"u{i}" for i in range(300)}


def test_several_long_lists_combined_still_decide_first_order(lint):
    regions = " or ".join(f"user.region == 'r{i}'" for i in range(40))
    channels = " or ".join(f"cart.channel == 'c{i}'" for i in range(40))
    guarded = f"({regions}) and ({channels}) and user.order_count == 0"
    assert hits(lint(_promo("first_order", guarded)), RULE) == []
    report = lint(_promo("first_order", f"({regions}) and ({channels}) and user.order_count <= 1"))
    assert hits(report, RULE) == ["8:12"]
    assert dict(_findings(report)[0].witness.user)["user.order_count"] == 1


def test_tier_compared_with_another_field_is_decided(lint):
    assert hits(lint(_promo("member", "user.tier == user.region")), RULE) == ["8:12"]
    assert hits(lint(_promo("member", "user.tier == user.region and user.region == 'gold'")),
                RULE) == []


def test_a_field_compared_with_itself_is_a_tautology(lint):
    report = lint(_promo("first_order", "user.order_count == user.order_count"))
    assert hits(report, RULE) == ["8:12"]


def test_an_undecidable_guard_is_reported_not_passed(lint):
    report = lint(_promo("first_order", "user.order_count == 0 or user.legacy_first"))
    assert ids(report, RULE) == ["guard-unproven"]
    assert hits(report, RULE) == ["8:12"]
    zh = [f for f in _findings(report)][0]
    from promolint.report.messages import render
    assert "无法证明" in render(zh, "zh") and "cannot be shown" in render(zh, "en")
