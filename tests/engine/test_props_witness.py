"""Property: every witness a money finding carries, replayed through the evaluator,
pays exactly what it states (as the shop charges it, and exactly: `exact_pays` where the
rounding changed it), and (for below-market findings) its exact price is past the line."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.checks import (
    Context,
    below_market,
    inverted_threshold,
    non_monotonic_tiers,
    stacking_below_market,
)
from promolint.core.config import Settings
from promolint.engine.witness import replay
from promolint.run.load import load_file
from promolint.source.prices import Price, PriceList
from tests import strategies as S

MONEY_RULES = ("below-market", "stacking-below-market")


@st.composite
def price_lists(draw) -> PriceList:
    out = PriceList()
    for sku in draw(st.lists(st.sampled_from(S.SKUS), max_size=len(S.SKUS), unique=True)):
        out[sku] = Price(sku, draw(st.sampled_from(["CNY", "CNY", "USD"])),
                         draw(S.decimals("0.01", "2000")), draw(st.sampled_from(S.CATEGORIES)))
    return out


def findings(promos, prices):
    ctx = Context(Settings(), prices)
    for promo in promos:
        for module in (below_market, inverted_threshold, non_monotonic_tiers):
            yield from module.check(promo, ctx)
    yield from stacking_below_market.check_all(promos, ctx)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(S.promotion_files(max_size=3), price_lists())
def test_every_witness_reproduces(data, prices):
    promos, _ = load_file("x.promo.yaml", Settings(), S.yaml_text(data))
    by_id = {p.id: p for p in promos}
    if len(by_id) != len(promos):
        return
    for diag in findings(promos, prices):
        witness = diag.witness
        if witness is None:  # a money rule without a witness only where it says its
            # search was bounded (doubt is a finding: docs/baskets.md)
            assert diag.rule not in MONEY_RULES or diag.message_id.endswith(
                ("-bounded", "-unchecked", "-padded")), diag
            continue
        result = replay(witness, by_id)
        assert result.total == witness.pays, (diag, result)
        assert_exact(witness, by_id)
        if diag.rule in MONEY_RULES:
            assert witness.market - exact(witness) > Decimal("0.5") * witness.market, diag
            assert {a.id for a in result.applied} == set(witness.promotions)


def exact(witness) -> Decimal:
    return witness.exact_pays if witness.exact_pays is not None else witness.pays


def assert_exact(witness, by_id) -> None:
    """The exact replay pays `exact_pays`, or `pays` when the rounding changed nothing
    (exact_pays is only there when it differs)."""
    exactly = replay(witness, by_id, exact=True)
    assert exactly.total == exact(witness), (witness, exactly)
    assert witness.exact_pays != witness.pays


def _stackable(ident: str, benefit: dict) -> dict:
    return {"apiVersion": "promolint/v1", "kind": "Promotion", "id": ident, "name": ident,
            "currency": "CNY", "benefit": benefit, "stacking": "stackable",
            "window": {"start": "2026-11-11T00:00:00+08:00", "end": "2026-11-12T00:00:00+08:00"}}


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(S.benefit(), min_size=2, max_size=3), price_lists())
def test_stacking_witnesses_reproduce(benefits, prices):
    data = [_stackable(f"s{i}", b) for i, b in enumerate(benefits)]
    promos, _ = load_file("x.promo.yaml", Settings(), S.yaml_text(data))
    by_id = {p.id: p for p in promos}
    ctx = Context(Settings(), prices)
    for diag in stacking_below_market.check_all(promos, ctx):
        if diag.message_id.endswith(("-bounded", "-unchecked", "-padded")):
            assert diag.witness is None  # doubt, said as a finding (docs/baskets.md)
            continue
        result = replay(diag.witness, by_id)
        assert result.total == diag.witness.pays
        assert_exact(diag.witness, by_id)
        assert diag.witness.market - exact(diag.witness) > Decimal("0.5") * diag.witness.market
        assert len(diag.witness.promotions) >= 2
