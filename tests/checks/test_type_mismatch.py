"""type-mismatch: comparisons across types in audience expressions."""
from __future__ import annotations

import pytest

from tests.checks.warning_helpers import hits, ids, promo

RULE = "type-mismatch"


def _audience(text: str) -> str:
    return promo(f'audience: "{text}"\nbenefit: {{type: amount_off, amount: 5}}\n')


@pytest.mark.parametrize("text,message_id,column", [
    ("user.order_count == '0'", "type-mismatch-compare", 32),
    ("user.order_count != 'zero'", "type-mismatch-compare", 32),
    ("user.blocked == 'yes'", "type-mismatch-compare", 28),
    ("user.tier == 3", "type-mismatch-compare", 25),
    ("cart.subtotal == true", "type-mismatch-compare", 29),
    ("user.tier > 3", "type-mismatch-order", 12),
    ("user.blocked >= true", "type-mismatch-order", 12),
    ("user.tier in ['gold', 2]", "type-mismatch-in", 34),
    ("user.order_count in [0, '1']", "type-mismatch-in", 36),
    ("3 in user.tags", "type-mismatch-in", 12),
    ("user.tier in 'gold'", "type-mismatch-not-list", 25),
    ("user.tier contains 'g'", "type-mismatch-not-list", 12),
    ("user.order_count", "type-mismatch-condition", 12),
    ("not user.tier", "type-mismatch-condition", 16),
    ("user.blocked or 'x'", "type-mismatch-condition", 28),
])
def test_mismatches_fire_at_the_offending_value(lint, text, message_id, column):
    report = lint(_audience(text))
    assert ids(report, RULE) == [message_id]
    assert hits(report, RULE) == [f"7:{column}"]


@pytest.mark.parametrize("text", [
    "user.order_count == 0 and cart.subtotal >= 99.9",
    "user.blocked == false and not user.phone_verified",
    "user.tier in ['gold', 'vip'] and user.tier != 'x'",
    "'vip' in user.tags and user.tags contains 'new'",
    "(user.blocked or user.device_verified) == false",
    "user.order_count < cart.item_count",
    "user.tier < 'b'",                    # two strings order: the same type
    "user.region >= cart.channel",
    "true",
    "user.teir == 3",  # unknown fields are unknown-field's business
])
def test_well_typed_audiences_are_clean(lint, text):
    assert hits(lint(_audience(text)), RULE) == []


def test_config_types_are_used(lint):
    config = '[fields]\n"user.score" = "int"\n"user.vip" = "bool"\n'
    assert hits(lint(_audience("user.score > 3 and user.vip"), config=config), RULE) == []
    assert ids(lint(_audience("user.score == 'high'"), config=config), RULE) == \
        ["type-mismatch-compare"]


def test_a_compare_never_true_says_so(lint):
    report = lint(_audience("user.order_count == '0'"))
    finding = [f for f in report.findings if f.rule == RULE][0]
    assert dict(finding.args)["always"] == "false"
    assert dict(finding.args)["example"] == "user.order_count == 0"
