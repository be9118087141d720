"""engine.search's coin problem: the least subtotal at or above a level over baskets of
any SKUs (with a unit count from a cell), against every reachable subtotal."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from promolint.engine.search import Item, _Space

prices = st.lists(st.sampled_from([Decimal(v) for v in ("0.5", "1", "3", "7", "9.9", "12", "30", "70")]),
                  min_size=1, max_size=4, unique=True)
targets = st.sampled_from([Decimal(v) for v in ("1", "10", "25.5", "50", "100")])


def _space(items) -> _Space:
    ordered = sorted(items)
    return _Space([Item(f"S{i}", p) for i, p in enumerate(ordered)], [], [1.0] * len(ordered), 0.0)


def _reachable(items, top_cents: int, units: int | None = None) -> set[tuple[int, int]]:
    """(subtotal in cents, unit count) of every basket up to `top_cents` (a set, not every
    count vector: that product took 30-55 s); counts capped at `units`."""
    cents = [int(p * 100) for p in items]
    seen = {(0, 0)}
    frontier = [(0, 0)]
    while frontier:
        nxt = []
        for s, n in frontier:
            for c in cents:
                state = (s + c, n + 1 if units is None else min(n + 1, units + 1))
                if s + c <= top_cents and state not in seen:
                    seen.add(state)
                    nxt.append(state)
        frontier = nxt
    return seen


@settings(max_examples=120, deadline=None)
@given(prices, targets)
def test_least_basket_matches_every_reachable_subtotal(items, target):
    space = _space(items)
    found = space.least(target, (1, None))
    total = space.total(found)
    assert total >= target and sum(found) >= 1
    reach = _reachable(items, int(target * 100) + int(max(items) * 100))
    assert total * 100 == min(s for s, n in reach if n and s >= target * 100)


@settings(max_examples=60, deadline=None)
@given(prices, targets, st.integers(1, 4))
def test_least_basket_of_exactly_n_units(items, target, n):
    space = _space(items)
    found = space.least(target, (n, n))
    reach = {s for s, k in _reachable(items, int(target * 100) + n * int(max(items) * 100), n)
             if k == n and s >= target * 100}
    if not reach:
        assert found is None or space.total(found) * 100 not in reach
        return
    assert sum(found) == n and space.total(found) * 100 == min(reach)


def test_the_issue_example():
    assert _space([Decimal(30), Decimal(70)]).least(Decimal(100), (1, None)) == (1, 1)
