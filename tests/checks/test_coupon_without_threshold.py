"""coupon-without-threshold: a code for a fixed amount off any order, unlimited per user."""
import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "coupon-without-threshold"
CODE = "coupon: {required: true, signed: true, rate_limit_per_minute: 5}\n"


def _text(audience: str | None = None, benefit: str = "{type: amount_off, amount: 50}",
          limits: str = "{budget: 100000}", coupon: str = CODE) -> str:
    head = f'audience: "{audience}"\n' if audience else ""
    return promo(f"{head}benefit: {benefit}\nlimits: {limits}\n{coupon}", currency="USD")


def test_no_threshold_code_fires_at_the_amount(lint):
    assert hits(lint(_text()), RULE) == ["7:37"]


@pytest.mark.parametrize("audience", [
    "cart.subtotal >= 50",                      # the Banana Republic case: $50 off $50
    "cart.subtotal > 10 and not user.blocked",
    "cart.subtotal >= 150 or user.tier == 'gold'",  # the `or` lets any subtotal in
    "not (cart.subtotal < 50)",
    "user.tier == 'gold'",
])
def test_no_effective_minimum_spend_fires(lint, audience):
    assert hits(lint(_text(audience)), RULE) == ["8:37"]


@pytest.mark.parametrize("audience", [
    "cart.subtotal >= 150",
    "not user.blocked and cart.subtotal > 50",
    "150 <= cart.subtotal",
    "not (cart.subtotal < 150)",
])
def test_a_minimum_spend_above_the_amount_is_quiet(lint, audience):
    assert hits(lint(_text(audience)), RULE) == []


@pytest.mark.parametrize("kwargs", [
    {"limits": "{per_user: 1}"},
    {"coupon": ""},
    {"coupon": "coupon: {required: false}\n"},
    {"benefit": "{type: threshold_off, threshold: 150, amount: 50}"},
    {"benefit": "{type: percent_off, percent: 10}"},
])
def test_other_shapes_are_quiet(lint, kwargs):
    assert hits(lint(_text(**kwargs)), RULE) == []
