"""non-monotonic-tiers: a higher tier that does not take off strictly more."""
from tests.checks.warning_helpers import hits, promo

RULE = "non-monotonic-tiers"


def _tiers(*rows: str) -> str:
    return ("benefit:\n  type: tiered\n  tiers:\n" + "".join(f"    - {row}\n" for row in rows)
            + "limits: {budget: 1000}\n")


def test_a_higher_tier_that_takes_off_less_fires_at_that_tier(lint):
    body = _tiers("{threshold: 100, amount: 10}", "{threshold: 200, amount: 30}",
                  "{threshold: 300, amount: 25}")
    assert hits(lint(promo(body)), RULE) == ["12:7"]


def test_an_equal_discount_fires_and_a_larger_one_does_not(lint):
    same = _tiers("{threshold: 100, amount: 10}", "{threshold: 200, amount: 10}")
    more = _tiers("{threshold: 100, amount: 10}", "{threshold: 200, amount: 11}")
    assert hits(lint(promo(same)), RULE) == ["11:7"]
    assert hits(lint(promo(more)), RULE) == []


def test_tiers_are_compared_in_threshold_order_not_as_written(lint):
    body = _tiers("{threshold: 200, amount: 30}", "{threshold: 100, amount: 10}")
    assert hits(lint(promo(body)), RULE) == []


def test_a_percent_tier_is_compared_at_the_higher_threshold(lint):
    # 10% of 300 is 30: no more than the 30 off of the lower tier
    body = _tiers("{threshold: 200, amount: 30}", "{threshold: 300, percent: 10}")
    assert hits(lint(promo(body)), RULE) == ["11:7"]
