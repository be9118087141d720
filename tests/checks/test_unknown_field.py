"""unknown-field: fields outside the vocabulary, with a did-you-mean suggestion."""
from __future__ import annotations

import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "unknown-field"


def _audience(text: str) -> str:
    return promo(f'audience: "{text}"\nbenefit: {{type: amount_off, amount: 5}}\n')


def _args(report) -> list[dict]:
    return [dict(f.args) for f in report.findings if f.rule == RULE]


@pytest.mark.parametrize("text,column,suggestion", [
    ("user.teir == 'gold'", 12, "user.tier"),
    ("tier == 'gold'", 12, "user.tier"),
    ("user.blocked or not user.ordercount > 3", 32, "user.order_count"),
    ("cart.total >= 100", 12, "cart.subtotal"),
    ("usr.id in ['a']", 12, "user.id"),
])
def test_unknown_field_points_at_it_and_suggests(lint, text, column, suggestion):
    report = lint(_audience(text))
    assert hits(report, RULE) == [f"7:{column}"]
    assert _args(report)[0]["suggestion"] == suggestion


def test_no_close_field_lists_the_known_ones(lint):
    report = lint(_audience("zzz"))
    finding = [f for f in report.findings if f.rule == RULE][0]
    assert finding.message_id == "unknown-field-no-guess"
    assert "user.tier" in dict(finding.args)["known"]


def test_every_default_field_is_known(lint):
    text = ("user.id == 'a' and user.tier == 'b' and user.order_count == 0 and user.is_first_order"
            " and user.account_age_days < 3 and user.phone_verified and user.device_verified"
            " and not user.blocked and user.tags contains 'x' and user.region == 'r'"
            " and cart.subtotal > 1 and cart.item_count > 1 and cart.channel == 'app'"
            " and group.size >= 2")
    assert hits(lint(_audience(text)), RULE) == []


def test_config_fields_extend_the_vocabulary(lint):
    config = '[fields]\n"user.city" = "string"\n'
    assert hits(lint(_audience("user.city == 'x'"), config=config), RULE) == []
    report = lint(_audience("user.cty == 'x'"), config=config)
    assert _args(report)[0]["suggestion"] == "user.city"


def test_every_occurrence_is_reported(lint):
    assert hits(lint(_audience("foo.bar == 1 or foo.bar == 2")), RULE) == ["7:12", "7:28"]
