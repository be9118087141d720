"""unbounded-repeat: a repeating threshold_off needs max_repeats."""
import pytest

from tests.checks.warning_helpers import hits, promo

RULE = "unbounded-repeat"


def test_repeat_without_max_repeats_fires_at_repeat(lint):
    report = lint(promo("""
        benefit:
          type: threshold_off
          threshold: 15
          amount: 5
          repeat: true
        limits: {budget: 100}
    """, currency="USD"))
    assert hits(report, RULE) == ["11:11"]


@pytest.mark.parametrize("extra", [", repeat: true, max_repeats: 3", ", repeat: false", ""])
def test_capped_or_single_is_quiet(lint, extra):
    benefit = "{type: threshold_off, threshold: 15, amount: 5" + extra + "}"
    assert hits(lint(promo(f"benefit: {benefit}\nlimits: {{budget: 100}}\n")), RULE) == []
