"""stackable-percent-without-cap: an open-ended stackable percent_off needs max_amount."""
import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "stackable-percent-without-cap"


def _text(benefit: str, stacking: str) -> str:
    return promo(f"benefit: {benefit}\nlimits: {{budget: 1000}}\nstacking: {stacking}\n", id="a")


def test_stackable_uncapped_percent_fires_at_stacking(lint):
    assert hits(lint(_text("{type: percent_off, percent: 40}", "stackable")), RULE) == ["9:11"]


@pytest.mark.parametrize("benefit,stacking", [
    ("{type: percent_off, percent: 40, max_amount: 50}", "stackable"),
    ("{type: percent_off, percent: 40}", "exclusive"),
    ("{type: percent_off, percent: 40}", "{with: [a]}"),
    ("{type: amount_off, amount: 5}", "stackable"),
])
def test_capped_exclusive_named_or_fixed_amounts_are_quiet(lint, benefit, stacking):
    assert hits(lint(_text(benefit, stacking)), RULE) == []
