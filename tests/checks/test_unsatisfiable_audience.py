"""unsatisfiable-audience: audiences no facts can satisfy."""
from __future__ import annotations

import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "unsatisfiable-audience"


def _audience(text: str) -> str:
    return promo(f'audience: "{text}"\nbenefit: {{type: amount_off, amount: 5}}\n')


@pytest.mark.parametrize("text", [
    "cart.subtotal >= 200 and cart.subtotal < 100",
    "user.tier == 'a' and user.tier == 'b'",
    "user.order_count > 0 and user.order_count < 1",
    "group.size == 0",
    "user.blocked and not user.blocked",
    "false",
    "(user.tier == 'a' or user.tier == 'b') and user.tier == 'c'",
])
def test_never_true_fires_at_the_audience(lint, text):
    assert hits(lint(_audience(text)), RULE) == ["7:12"]


@pytest.mark.parametrize("text", [
    "cart.subtotal >= 100 and cart.subtotal < 200",
    "cart.subtotal > 0 and cart.subtotal < 1",
    "user.tier == 'a' or user.tier == 'b'",
    "user.order_count > cart.item_count",
    "user.order_count == '0'",          # type-mismatch reports it instead
    "user.teir == 'a' and user.teir == 'b'",  # unknown-field reports it instead
])
def test_possible_or_unknown_audiences_are_clean(lint, text):
    assert hits(lint(_audience(text)), RULE) == []


def test_no_audience_is_everyone(lint):
    assert hits(lint(promo("benefit: {type: amount_off, amount: 5}\n")), RULE) == []
