"""Issue 21: stacking-below-market on many stackable promotions on one SKU does work
about linear in their number (it grew as the cube: 100/200/400/800 promotions took
0.6/2.4/15/>120 s). Counted in searches and pool members built, not timed."""
from __future__ import annotations

from decimal import Decimal

import pytest

from promolint.checks import Context
from promolint.checks import stacking_below_market as sbm
from promolint.core.config import Settings
from promolint.run.load import load_file
from promolint.source.prices import Price, PriceList

PROMO = """apiVersion: promolint/v1
kind: Promotion
id: p{i:04d}
name: "shape {i}"
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
scope: {{skus: [A-1]}}
benefit: {{type: percent_off, percent: 1, max_amount: 1}}
limits: {{per_user: 1, total: 10}}
stacking: {stacking}
"""


def _work(n: int, stacking: str, monkeypatch) -> tuple[int, int, list]:
    searches, built = [0], [0]
    real_deepest, real_pool = sbm.deepest, sbm._Plan.pool

    def deepest(*args, **kwargs):
        searches[0] += 1
        return real_deepest(*args, **kwargs)

    def pool(self, i):
        got = real_pool(self, i)
        built[0] += len(got)
        return got

    monkeypatch.setattr(sbm, "deepest", deepest)
    monkeypatch.setattr(sbm._Plan, "EAGER", 50)  # plans past it build pools as needed
    # (below it every step's pool is built up to front, at most EAGER^2/2 members)
    monkeypatch.setattr(sbm._Plan, "pool", pool)
    text = "---\n".join(PROMO.format(i=i, stacking=stacking(i)) for i in range(n))
    promos, problems = load_file("x.promo.yaml", Settings(), text)
    assert not problems
    prices = PriceList()
    prices["A-1"] = Price("A-1", "CNY", Decimal(100), "x")
    found = list(sbm.check_all(promos, Context(Settings(), prices)))
    return searches[0], built[0], found


@pytest.mark.parametrize("stacking", [lambda i: "stackable",
                                      lambda i: "{with: [%s]}" % ", ".join(
                                          f"p{j:04d}" for j in range(400) if j != i)])
def test_work_grows_about_linearly(stacking, monkeypatch):
    small = _work(100, stacking, monkeypatch)
    big = _work(400, stacking, monkeypatch)
    # 1% (capped at 1) each: 69 of them take a 100 item past the 50% line; every step
    # from there is a finding (never silence), each a set found once and grown by one
    for searches, built, found in (small, big):
        assert found and all(f.rule == "stacking-below-market" for f in found)
        assert all(f.witness is not None for f in found)
    assert len(big[2]) - len(small[2]) == 300
    assert big[0] <= small[0] + 5  # searches: a few to find the first set, then none
    assert big[1] <= 4 * small[1] + 4 * 69 * 69  # pools built: not n^2
