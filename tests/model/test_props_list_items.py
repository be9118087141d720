"""Property (issue 20): inserting one malformed item into a list of a valid, dangerous
promotion never removes a money finding the clean promotion had (same rule, same
witness, at the same value of the file), and adds a schema finding at that item only.
In YAML and in the DSL (with the malformed items the DSL can write)."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.checks import Context
from promolint.core.config import Settings
from promolint.run.lint import lint_files
from promolint.source.prices import Price, PriceList
from promolint.run.load import parse_text
from tests.strategies import benefit, decimals, dsl_text, promotion, yaml_text

MONEY_RULES = {"below-market", "stacking-below-market", "cash-equivalent-scope",
               "inverted-threshold", "non-monotonic-tiers", "unknown-reference"}
PRICES = PriceList({
    "GC-100": Price("GC-100", "CNY", Decimal("100.00"), "gift-cards"),
    "GC-200": Price("GC-200", "CNY", Decimal("200.00"), "game-cards"),
    "TEE-001": Price("TEE-001", "CNY", Decimal("99.00"), "apparel"),
    "TEA-50": Price("TEA-50", "CNY", Decimal("9.50"), "grocery"),
})
SKUS = ("GC-100", "GC-200", "TEE-001", "TEA-50", "NO-PRICE")
CATEGORIES = ("gift-cards", "game-cards", "apparel", "grocery")
WINDOW = {"start": "2026-11-11T00:00:00+08:00", "end": "2026-11-12T00:00:00+08:00"}
CTX = Context(Settings(cash_equivalent_categories=("gift-cards", "game-cards")), prices=PRICES)
some = lambda items: st.lists(st.sampled_from(items), min_size=1, max_size=3, unique=True)  # noqa: E731


TIERED = st.one_of(
    st.lists(st.tuples(decimals("1", "300"), decimals("1", "200")), min_size=2, max_size=4,
             unique_by=lambda t: t[0]).map(lambda ts: {
                 "type": "tiered", "tiers": [{"threshold": t, "amount": a} for t, a in ts]}),
    st.lists(st.tuples(decimals("1", "300"), decimals("1", "100")), min_size=2, max_size=4,
             unique_by=lambda t: t[0]).map(lambda ts: {
                 "type": "tiered", "tiers": [{"threshold": t, "percent": p} for t, p in ts]}))


@st.composite
def dangerous_benefit(draw) -> dict:
    """Benefits past the line (deep fixed prices and percents, inverted or
    non-monotonic tiers, inverted 满减), mixed with any benefit."""
    low = decimals("0", "40")
    return draw(st.one_of(
        benefit(),
        low.map(lambda p: {"type": "fixed_price", "price": p}), TIERED,
        decimals("30", "100").map(lambda p: {"type": "percent_off", "percent": p}),
        st.tuples(decimals("10", "100"), decimals("0", "50")).map(
            lambda t: {"type": "threshold_off", "threshold": t[0], "amount": t[0] + t[1]}),
    ))


@st.composite
def pair(draw) -> list[dict]:
    """p1, dangerous, with every list it can have; p2 a stackable partner."""
    one = draw(promotion("p1"))
    one.update(currency="CNY", window=WINDOW, benefit=draw(dangerous_benefit()),
               scope={"skus": draw(some(SKUS)), "categories": draw(some(CATEGORIES))},
               stacking=draw(st.one_of(st.just("stackable"), some(("p2", "ghost")).map(
                   lambda w: {"with": w}))))
    for key in ("audience", "suppress", "rollout"):
        one.pop(key, None)
    two = {"apiVersion": "promolint/v1", "kind": "Promotion", "id": "p2", "name": "two",
           "currency": "CNY", "window": WINDOW, "stacking": "stackable",
           "benefit": {"type": "percent_off", "percent": draw(decimals("30", "60"))},
           "limits": {"total": Decimal(10), "per_user": Decimal(1)}}
    return [one, two]


BAD_TEXT = st.sampled_from([Decimal(7), {"sku": "X"}, [], True, ""])
BAD_TIER = st.one_of(
    decimals("1", "500").map(lambda t: {"threshold": t}),                      # no amount
    decimals("1", "90").map(lambda a: {"amount": a}),                          # no threshold
    decimals("1", "90").map(lambda p: {"threshold": "x", "percent": p}),       # bad threshold
    decimals("1", "90").map(lambda a: {"threshold": a, "amount": a, "percent": a}),  # both
    decimals("1", "90").map(lambda t: {"threshold": t, "amount": Decimal(0)}),
)

# What the DSL can write: an empty word, a tier number out of range (threshold 0: no place).
DSL_TEXT = st.just("")
DSL_TIER = st.one_of(
    decimals("1", "90").map(lambda a: {"threshold": Decimal(0), "amount": a}),
    decimals("1", "90").map(lambda t: {"threshold": t, "amount": Decimal(0)}),
    decimals("1", "90").map(lambda t: {"threshold": t, "percent": Decimal(150)}),
)

LISTS = (("scope", "skus"), ("scope", "categories"), ("scope", "exclude_skus"),
         ("stacking", "with"), ("benefit", "tiers"))


@st.composite
def with_bad_item(draw):
    """(syntax, clean files, the same with one malformed item, the item's path)."""
    syntax = draw(st.sampled_from(["yaml", "dsl"]))
    where = draw(st.sampled_from(LISTS))
    clean = draw(pair())
    one = clean[0]
    if where[1] == "exclude_skus":
        one["scope"]["exclude_skus"] = draw(some(SKUS))
    elif where[1] == "with":
        one["stacking"] = {"with": draw(some(("p2", "ghost")))}
    elif where[1] == "tiers":
        one["benefit"] = draw(TIERED)
    items = one[where[0]][where[1]]
    index = draw(st.integers(0, len(items)))
    tiers, texts = (BAD_TIER, BAD_TEXT) if syntax == "yaml" else (DSL_TIER, DSL_TEXT)
    bad = draw(tiers if where[1] == "tiers" else texts)
    dirty = [dict(one, **{where[0]: dict(one[where[0]], **{
        where[1]: items[:index] + [bad] + items[index:]})}), clean[1]]
    return syntax, clean, dirty, where + (index,)


def _token(text: str, line: int, column: int) -> str:
    """The value a finding points at: its first word or quoted string."""
    found = re.match(r'"(?:[^"\\]|\\.)*"|[^\s,\]}]+', text.split("\n")[line - 1][column - 1:])
    return found.group() if found else ""


def money(report, text: str) -> Counter:
    """Money findings as (rule, promotion, message, witness, the text they point at)."""
    return Counter((f.rule, f.promotion, f.message_id, repr(f.witness), _token(text, f.line, f.column))
                   for f in report.findings if f.rule in MONEY_RULES)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(with_bad_item())
def test_one_malformed_item_removes_no_money_finding(case):
    syntax, clean, dirty, path = case
    a, b = ("a.promo.yaml", "b.promo.yaml") if syntax == "yaml" else ("a.promo", "b.promo")
    render = yaml_text if syntax == "yaml" else dsl_text
    texts = {a: render(clean), b: render(dirty)}
    before = lint_files([a], CTX, texts)
    after = lint_files([b], CTX, texts)
    assert not before.errors and not after.errors
    assert [f for f in before.findings if f.rule == "schema"] == []
    lost = money(before, texts[a]) - money(after, texts[b])
    assert not lost, lost
    item = parse_text(b, texts[b])[0][0].span(path)
    schema = [(f.line, f.column) for f in after.findings if f.rule == "schema"]
    assert schema and all((item.line, item.column) <= place <= (item.end_line, item.end_column)
                          for place in schema), (schema, item)
