"""engine.mixed: the least subtotal at or above a spend level over baskets of any SKUs,
against brute force over small baskets."""
from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.engine.mixed import least_baskets

prices = st.lists(st.sampled_from([Decimal(v) for v in ("0.5", "1", "3", "7", "9.9", "12", "30", "70")]),
                  min_size=1, max_size=4, unique=True)
targets = st.sampled_from([Decimal(v) for v in ("1", "10", "25.5", "50", "100")])


@settings(max_examples=120, deadline=None)
@given(prices, targets)
def test_least_basket_matches_brute_force(items, target):
    found = least_baskets(items, [target])[target]
    total = sum((p * n for p, n in zip(items, found)), Decimal(0))
    assert total >= target and sum(found) >= 1
    bound = [int(target // p) + 2 for p in items]
    best = min(sum((p * n for p, n in zip(items, counts)), Decimal(0))
               for counts in itertools.product(*(range(b + 1) for b in bound))
               if sum(counts) and sum((p * n for p, n in zip(items, counts)), Decimal(0)) >= target)
    assert total == best


def test_the_issue_example():
    assert least_baskets([Decimal(30), Decimal(70)], [Decimal(100)]) == {Decimal(100): (1, 1)}
