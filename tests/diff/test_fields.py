"""Every kind of change, in words and with its direction (promolint.diff.fields)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from promolint.core.config import DEFAULT_FIELDS
from promolint.diff.fields import NARROWER, NEUTRAL, WIDER, changes, same
from tests.diff.helpers import PRICES, build, data


def diff(before: dict, after: dict, lang: str = "en"):
    return changes(build(before), build(after), PRICES, DEFAULT_FIELDS, lang)


def one(before: dict, after: dict, field: str):
    found = [c for c in diff(before, after) if c.field == field]
    assert found, diff(before, after)
    return found


def test_inverted_threshold_in_words():
    after = data(benefit={"type": "threshold_off", "threshold": Decimal(50), "amount": Decimal(200)})
    [change] = one(data(), after, "benefit")
    assert change.text == "满200减50 -> 满50减200" and change.direction == WIDER


def test_percent_on_a_sku():
    before = data(scope={"skus": ["TEE-001"]}, benefit={"type": "percent_off", "percent": Decimal(10)})
    after = data(scope={"skus": ["TEE-001"]}, benefit={"type": "percent_off", "percent": Decimal(50)})
    [change] = one(before, after, "benefit")
    assert change.text == "percent 10 -> 50 on SKU TEE-001" and change.direction == WIDER
    [back] = one(after, before, "benefit")
    assert back.direction == NARROWER


def test_benefit_type_change_is_wider():
    after = data(benefit={"type": "fixed_price", "price": Decimal("9.9")})
    [change] = one(data(), after, "benefit")
    assert change.text == "满200减50 -> fixed price 9.9" and change.direction == WIDER


def test_audience_loses_first_order_guard():
    before = data(campaign="first_order", audience="user.is_first_order and not user.blocked")
    after = data(campaign="first_order", audience="not user.blocked")
    texts = {c.text: c.direction for c in one(before, after, "audience")}
    assert texts["audience no longer requires a first order"] == WIDER
    assert any(t.startswith("audience widened: it now also lets in") for t in texts)


def test_audience_gains_guard_and_narrows():
    texts = {c.text: c.direction for c in one(data(), data(audience="not user.blocked"), "audience")}
    assert texts["audience now requires that the user is not blocked"] == NARROWER
    assert any(t.startswith("audience narrowed") for t in texts)
    assert all(d != WIDER for d in texts.values())


def test_equivalent_audiences_are_no_change():
    a = build(data(audience="user.tier == 'gold' and not user.blocked"))
    b = build(data(audience="not user.blocked and user.tier == 'gold'"))
    assert same(a, b, DEFAULT_FIELDS)
    assert changes(a, b, PRICES, DEFAULT_FIELDS, "en") == []


def test_scope_widened_to_a_category_with_its_sku_count():
    [change] = one(data(), data(scope={"categories": ["phones"]}), "scope")
    assert change.text == "scope widened from 2 SKUs to category phones (412 SKUs)"
    assert change.direction == WIDER


def test_scope_narrowed():
    [change] = one(data(), data(scope={"skus": ["TEE-001"]}), "scope")
    assert change.text.startswith("scope narrowed") and change.direction == NARROWER


def test_scope_reordered_is_no_change():
    assert diff(data(), data(scope={"skus": ["TEE-002", "TEE-001", "TEE-001"]})) == []


def test_window_length():
    after = data(window={"start": "2026-11-11T00:00:00+08:00", "end": "2026-12-21T00:00:00+08:00"})
    [change] = one(data(), after, "window")
    assert change.text.startswith("window 1 day -> 40 days") and change.direction == WIDER


def test_window_moved_same_length_is_neutral():
    after = data(window={"start": "2026-11-12T00:00:00+08:00", "end": "2026-11-13T00:00:00+08:00"})
    [change] = one(data(), after, "window")
    assert change.direction == NEUTRAL and change.text.startswith("window moved")


def test_same_instant_in_another_offset_is_no_change():
    after = data(window={"start": "2026-11-10T16:00:00Z", "end": "2026-11-11T16:00:00Z"})
    assert diff(data(), after) == []


def test_stacking_opened_to_a_partner():
    [change] = one(data(), data(stacking={"with": ["d11-vip"]}), "stacking")
    assert change.text == "stacking exclusive -> stackable with d11-vip" and change.direction == WIDER
    [back] = one(data(stacking={"with": ["d11-vip"]}), data(), "stacking")
    assert back.direction == NARROWER


def test_budget_removed_added_changed():
    [removed] = one(data(), data(limits={"per_user": Decimal(1)}), "limits")
    assert removed.text == "budget removed (was 50000)" and removed.direction == WIDER
    [added] = one(data(limits={"per_user": Decimal(1)}), data(), "limits")
    assert added.direction == NARROWER
    [raised] = one(data(), data(limits={"per_user": Decimal(1), "budget": Decimal(90000)}), "limits")
    assert raised.text == "budget 50000 -> 90000" and raised.direction == WIDER


def test_rollout_campaign_coupon_priority_name():
    after = data(rollout=Decimal(5), campaign="member", priority=Decimal(3), name="Double 11!",
                 coupon={"required": True, "signed": True, "rate_limit_per_minute": Decimal(10)})
    fields = {c.field: c for c in diff(data(), after)}
    assert fields["rollout"].text == "rollout 100% -> 5%" and fields["rollout"].direction == NARROWER
    assert {"campaign", "coupon", "priority", "name"} <= set(fields)
    assert fields["name"].direction == NEUTRAL


def test_coupon_no_longer_signed_is_wider():
    signed = data(coupon={"required": True, "signed": True, "rate_limit_per_minute": Decimal(10)})
    unsigned = data(coupon={"required": True, "signed": False, "rate_limit_per_minute": Decimal(10)})
    [change] = one(signed, unsigned, "coupon")
    assert change.direction == WIDER


def test_suppression_added():
    after = data(suppress=[{"rule": "below-market", "reason": "clearance FIN-1"}])
    [change] = one(data(), after, "suppress")
    assert "below-market" in change.text and change.direction == WIDER


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_change_has_words_in_each_language(lang):
    after = data(benefit={"type": "percent_off", "percent": Decimal(30), "max_amount": Decimal(20)},
                 scope={"categories": ["phones"]}, audience="user.tier == 'gold'",
                 window={"start": "2026-11-11T00:00:00+08:00", "end": "2026-11-11T02:00:00+08:00"},
                 stacking="stackable", limits={"total": Decimal(10)}, rollout=Decimal(2))
    found = diff(data(), after, lang)
    assert {c.field for c in found} >= {"benefit", "scope", "audience", "window", "stacking",
                                        "limits", "rollout"}
    if lang == "zh":
        for change in found:
            assert not any(w in change.text for w in ("scope", "widened", "budget", "window",
                                                       "stacking", "audience", "rollout")), change.text



def test_a_malformed_list_item_is_named_and_the_rest_of_the_list_still_compared():
    # issue 20: `skus: [TEE-001, 7, PH-000]` is TEE-001 and PH-000, plus an error at [1]
    after = data(scope={"skus": ["TEE-001", Decimal(7), "PH-000"]})
    assert build(after).scope.skus == ("TEE-001", "PH-000")
    texts = {c.text: c.direction for c in diff(data(), after)}
    assert texts["scope.skus.1 has errors: judged as if it were not there"] == WIDER
