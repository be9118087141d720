"""stacking-below-market: hand-computed cases (sets of stackable promotions together)."""
from promolint.checks import (
    stacking_below_market,
)
from promolint.model import promotion as m
from tests.checks.money_helpers import D, prices, promo, run_all


def test_stacking_fires_only_together_and_reports_once():
    a = promo("a", m.PercentOff(D(40)), stacking="stackable")
    b = promo("b", m.PercentOff(D(30)), stacking="stackable")
    hits = run_all(stacking_below_market, [a, b])
    assert len(hits) == 1 and set(hits[0].witness.promotions) == {"a", "b"}
    assert hits[0].witness.pays == D(42)


def test_stacking_needs_overlapping_windows_and_compatible_modes():
    from datetime import datetime
    later = datetime.fromisoformat("2026-11-12T00:00:00+08:00")
    a = promo("a", m.PercentOff(D(40)), stacking="stackable")
    b = promo("b", m.PercentOff(D(30)), stacking="stackable", start=later,
              end=datetime.fromisoformat("2026-11-13T00:00:00+08:00"))
    assert run_all(stacking_below_market, [a, b]) == []
    c = promo("c", m.PercentOff(D(30)))
    assert run_all(stacking_below_market, [a, c]) == []


def test_stacking_with_prices_per_sku():
    a = promo("a", m.AmountOff(D(30)), stacking="stackable", skus=["A"])
    b = promo("b", m.AmountOff(D(30)), stacking="stackable", categories=["x"])
    hits = run_all(stacking_below_market, [a, b], prices(("A", "100", "x")))
    assert len(hits) == 1 and hits[0].witness.pays == D(40)


def test_stacking_counts_every_compatible_set_not_only_the_largest():
    # d stacks with a and with b, but a and b not with each other: two sets, {a,d} and
    # {b,d}; only {b,d} is past the line (40% then 30%: 58% off)
    a = promo("a", m.PercentOff(D(10)), stacking="with", with_ids=["d"])
    b = promo("b", m.PercentOff(D(40)), stacking="with", with_ids=["d"])
    d = promo("d", m.PercentOff(D(30)), stacking="with", with_ids=["a", "b"])
    hits = run_all(stacking_below_market, [a, b, d])
    assert [sorted(h.witness.promotions) for h in hits] == [["b", "d"]]


def test_a_pair_inside_a_triple_whose_audiences_conflict():
    # the three audiences cannot all hold, each pair can; b+c is past the line
    a = promo("a", m.PercentOff(D(10)), stacking="stackable",
              audience="not (user.phone_verified and user.device_verified)")
    b = promo("b", m.PercentOff(D(30)), stacking="stackable", audience="user.phone_verified")
    c = promo("c", m.PercentOff(D(30)), stacking="stackable", audience="user.device_verified")
    hits = run_all(stacking_below_market, [a, b, c])
    assert [sorted(h.witness.promotions) for h in hits] == [["b", "c"]]
    assert hits[0].witness.pays == D(49)


def test_one_finding_a_step_the_largest_set_past_the_line():
    ps = [promo(i, m.PercentOff(D(30)), stacking="stackable") for i in "abc"]
    hits = run_all(stacking_below_market, ps)
    # {a, b} at b's start; at c's start {a, b, c}, not also each pair with c
    assert [sorted(h.witness.promotions) for h in hits] == [["a", "b"], ["a", "b", "c"]]


def test_many_stackable_promotions_are_bounded_and_fail_closed():
    import time
    ps = [promo(f"p{i:03}", m.PercentOff(D(1) + D(i) / 100), stacking="stackable",
                audience=f"user.order_count == {i}") for i in range(100)]
    started = time.perf_counter()
    hits = run_all(stacking_below_market, ps)
    assert time.perf_counter() - started < 30
    assert hits and {h.message_id for h in hits} == {"stacking-below-market-unchecked"}
