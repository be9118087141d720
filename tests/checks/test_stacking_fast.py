"""stacking-below-market's shared sweeps give exactly the findings of one sweep per SKU."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.checks import Context
from promolint.checks import stacking_below_market as sbm
from promolint.checks.below_market import unpriced_trials
from promolint.core.config import Settings
from promolint.engine.basket import first_past_line
from promolint.engine.bounds import max_share
from promolint.engine.evaluator import compatible, ordered
from promolint.run.load import load_file
from promolint.source.prices import Price, PriceList
from tests import strategies as S

STARTS = ("2026-11-01T00:00:00+08:00", "2026-11-02T00:00:00+08:00", "2026-11-01T16:00:00Z")
ENDS = ("2026-11-03T00:00:00+08:00", "2026-11-02T00:00:00+08:00", "2026-11-05T00:00:00Z")


# alone under the 50% line, two together past it: findings are common
NEAR_LINE = st.one_of(
    st.integers(26, 49).map(lambda n: {"type": "percent_off", "percent": Decimal(n)}),
    st.sampled_from(["30", "60", "120"]).map(lambda a: {"type": "amount_off", "amount": Decimal(a)}))


@st.composite
def stackers(draw, ident: str, others: tuple[str, ...]) -> dict:
    data = {"apiVersion": "promolint/v1", "kind": "Promotion", "id": ident, "name": ident,
            "currency": "CNY", "benefit": draw(st.one_of(S.benefit(), NEAR_LINE)),
            "window": {"start": draw(st.sampled_from(STARTS)), "end": draw(st.sampled_from(ENDS))},
            "stacking": draw(st.one_of(st.just("stackable"), st.just("exclusive"),
                                       S._list_of(others).map(lambda w: {"with": w})))}
    if draw(st.booleans()):
        data["scope"] = S._some(draw, {"skus": S._list_of(S.SKUS),
                                       "categories": S._list_of(S.CATEGORIES[:2])})
    if draw(st.booleans()):
        data["priority"] = Decimal(draw(st.integers(0, 2)))
    return data


@st.composite
def repos(draw) -> list[dict]:
    idents = [f"p{i}" for i in range(draw(st.integers(2, 7)))]
    idents += draw(st.lists(st.sampled_from(idents), max_size=1))  # a duplicate id now and then
    return [draw(stackers(i, tuple(x for x in idents if x != i))) for i in idents]


@st.composite
def price_lists(draw) -> PriceList:
    out = PriceList()
    for sku in draw(st.lists(st.sampled_from(S.SKUS), max_size=len(S.SKUS), unique=True)):
        out[sku] = Price(sku, "CNY", draw(st.sampled_from([Decimal(0), Decimal("9.9"), Decimal(100),
                                                          Decimal(250)])),
                         draw(st.sampled_from(S.CATEGORIES[:2])))
    return out


def one_sweep_per_item(promos, ctx):
    """Every item swept on its own, no plans (the stacks priced as the check prices them)."""
    stackers_ = [p for p in promos if p.stacking.mode != "exclusive" and p.gives_money
                 and p.window.start < p.window.end]
    reported, memo = set(), {}
    line, types = ctx.settings.max_below_market, ctx.settings.fields
    for (sku, category, prices), members in sbm.groups(stackers_, ctx.prices).items():
        if prices and all(sum(max_share(p.benefit, u) for p in members) <= line for u in prices):
            continue
        alone, running = {}, []
        for promo in sorted(members, key=lambda p: (p.window.start, p.id)):
            running = [p for p in running if p.window.end > promo.window.start] + [promo]
            pool = ordered([p for p in running if p is promo or compatible(p, promo)])
            if len(pool) < 2:
                continue
            trials = prices or sbm._trials(pool, {})
            if all(sum(max_share(p.benefit, t) for p in pool) <= line for t in trials):
                continue
            for p in pool:
                if p.id not in alone:
                    own = prices or unpriced_trials(p.benefit)
                    alone[p.id] = any(first_past_line([p], sku, t, category, line, types) for t in own)
            pool = [p for p in pool if not alone[p.id]]
            if len(pool) < 2 or not any(p is promo for p in pool):
                continue
            yield from sbm._price_stacks(promo, pool, (sku, category, trials), ctx, reported, memo)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(repos(), price_lists())
def test_same_findings_as_one_sweep_per_item(data, prices):
    promos, _ = load_file("x.promo.yaml", Settings(), S.yaml_text(data))
    # in the evaluator's order: in any order a later step grows an earlier step's set
    # past the line (one pricing, not a search), which the per-item sweep does not mirror
    ctx = Context(Settings(stack_order="priority"), prices)
    assert list(sbm.check_all(promos, ctx)) == list(one_sweep_per_item(promos, ctx))


@settings(max_examples=200, deadline=None)
@given(S.benefit(), st.sampled_from(["0.01", "1", "9.9", "100", "12345.67"]))
def test_price_free_benefits_have_one_share_at_any_positive_price(data, price):
    promos, _ = load_file("x.promo.yaml", Settings(), S.yaml_text([{
        "apiVersion": "promolint/v1", "kind": "Promotion", "id": "a", "name": "a",
        "currency": "CNY", "benefit": data,
        "window": {"start": STARTS[0], "end": ENDS[0]}}]))
    benefit = promos[0].benefit
    if isinstance(benefit, sbm.PRICE_FREE):
        assert max_share(benefit, Decimal(price)) == max_share(benefit, Decimal(100))
