"""inverted-threshold: a 满减 whose amount is at least its threshold (满50减200)."""
import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "inverted-threshold"
LIMITS = "limits: {budget: 100}\n"


@pytest.mark.parametrize("amount,fires", [("200", True), ("50", True), ("49.99", False)])
def test_an_amount_at_least_the_threshold_fires_at_the_amount(lint, amount, fires):
    body = f"benefit: {{type: threshold_off, threshold: 50, amount: {amount}}}\n" + LIMITS
    assert hits(lint(promo(body)), RULE) == (["7:55"] if fires else [])


def test_each_inverted_tier_fires_at_its_own_amount(lint):
    body = """\
    benefit:
      type: tiered
      tiers:
        - {threshold: 100, amount: 10}
        - {threshold: 200, amount: 250}
    """ + LIMITS
    assert hits(lint(promo(body)), RULE) == ["11:32"]


def test_a_witness_pays_nothing_or_less(lint):
    body = "benefit: {type: threshold_off, threshold: 50, amount: 200}\n" + LIMITS
    [finding] = [f for f in lint(promo(body)).findings if f.rule == RULE]
    assert finding.witness is not None and finding.witness.pays == 0
