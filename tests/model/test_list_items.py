"""Issue 20: one malformed list item is a `schema` finding at the item; the list's other
items still count for every rule (spec section 5). And a YAML stream whose later
document does not parse still has its earlier documents checked.

Each test lints the bad file and asserts the rule still fires, at the same value as in
the file without the bad item, and the schema finding is at the item.
"""
from __future__ import annotations

from promolint.model.promotion import usable
from promolint.run.load import load_file
from promolint.core.config import Settings

HEAD = """apiVersion: promolint/v1
kind: Promotion
id: {id}
name: "test"
currency: CNY
window: {{start: "2026-11-11T00:00:00+08:00", end: "2026-11-12T00:00:00+08:00"}}
limits: {{total: 10, per_user: 1}}
"""
PRICES = """sku,currency,market_price,category
GC-100,CNY,100.00,gift-cards
TEA-1,CNY,39.90,grocery
TEA-2,CNY,60.00,grocery
"""
CONFIG = 'cash_equivalent_categories = ["gift-cards"]\n'


def promo(body: str, id: str = "p1") -> str:
    return HEAD.format(id=id) + body


def run(lint, text: str, file: str = "x.promo.yaml"):
    return lint(text, file=file, config=CONFIG, prices=PRICES)


def at(report, rule: str) -> list[tuple[int, int]]:
    return sorted((f.line, f.column) for f in report.findings if f.rule == rule)


def test_a_mapping_among_skus_keeps_below_market_and_cash_equivalent(lint):
    # line 8: `scope: {skus: [GC-100, {sku: X}, TEA-1]}`; GC-100 at 16, the mapping at 24
    bad = run(lint, promo("scope: {skus: [GC-100, {sku: X}, TEA-1]}\n"
                          "benefit: {type: fixed_price, price: 10}\n"))
    assert at(bad, "schema") == [(8, 24)]
    assert at(bad, "cash-equivalent-scope") == [(8, 16)]
    assert at(bad, "below-market") == [(9, 37)]
    found = next(f for f in bad.findings if f.rule == "below-market")
    assert {sku for sku, *_ in found.affected} == {"GC-100", "TEA-1"}
    # the item after the bad one is still where it is in the file: unpriced-sku on TEA-9
    bad = run(lint, promo("scope: {skus: [GC-100, 7, TEA-9]}\n"
                          "benefit: {type: fixed_price, price: 10}\n"))
    assert at(bad, "schema") == [(8, 24)] and at(bad, "unpriced-sku") == [(8, 27)]


def test_a_number_among_categories_keeps_cash_equivalent_and_below_market(lint):
    bad = run(lint, promo("scope: {categories: [gift-cards, 7]}\n"
                          "benefit: {type: percent_off, percent: 80}\n"))
    assert at(bad, "schema") == [(8, 34)]
    assert at(bad, "cash-equivalent-scope") == [(8, 22)]
    assert at(bad, "below-market") == [(9, 39)]


def test_a_bad_exclusion_leaves_the_scope_wider_never_narrower(lint):
    bad = run(lint, promo("scope: {categories: [grocery], exclude_skus: [TEA-1, {}]}\n"
                          "benefit: {type: fixed_price, price: 5}\n"))
    assert at(bad, "schema") == [(8, 54)]
    found = next(f for f in bad.findings if f.rule == "below-market")
    assert [sku for sku, *_ in found.affected] == ["TEA-2"]  # TEA-1 is still excluded


TIERS = """benefit:
  type: tiered
  tiers:
    - {threshold: 100, amount: 10}
    - TIER
    - {threshold: 300, amount: 5}
    - {threshold: 50, amount: 80}
"""


def test_a_tier_without_its_amount_keeps_the_other_tiers_rules(lint):
    bad = run(lint, promo(TIERS.replace("TIER", "{threshold: 200}")))
    assert at(bad, "schema") == [(12, 7)]
    # 300 gives less than 100 (across the bad tier), 100 less than 50: non-monotonic
    assert at(bad, "non-monotonic-tiers") == [(11, 7), (13, 7)]
    assert at(bad, "inverted-threshold") == [(14, 31)]
    assert at(bad, "cash-equivalent-scope") == [(8, 1)]
    clean = run(lint, promo(TIERS.replace("    - TIER\n", "")))
    assert sorted(f.rule for f in clean.findings) == sorted(
        f.rule for f in bad.findings if f.rule != "schema")


def test_a_tier_without_its_threshold_is_judged_as_reached_by_any_basket(lint):
    # 30 off, placed anywhere: some basket reaches it alone; TEA-1 (39.90) pays 9.90
    text = promo("scope: {categories: [grocery]}\n" + TIERS.replace(
        "TIER", "{amount: 30}").replace("    - {threshold: 50, amount: 80}\n", ""))
    bad = run(lint, text)
    assert at(bad, "schema") == [(13, 7)]
    below = [f for f in bad.findings if f.rule == "below-market"]
    assert [(f.line, f.column) for f in below] == [(13, 16)]  # at the tier's amount
    assert below[0].witness.pays == below[0].witness.cart[0].unit_price - 30
    # without it, nothing is past the line; with it at a known place, the tier decides
    assert at(run(lint, text.replace("    - {amount: 30}\n", "")), "below-market") == []
    # no price list: a tier percent past the line, unplaced, still fires
    unpriced = lint(promo(TIERS.replace("TIER", "{percent: 60}").replace(
        "    - {threshold: 50, amount: 80}\n", "")))
    assert at(unpriced, "below-market") == [(12, 17)]
    assert at(unpriced, "non-monotonic-tiers") == [(13, 7)]


def test_a_tier_with_a_bad_threshold_is_not_compared_at_a_made_up_place(lint):
    text = promo(TIERS.replace("TIER", "{threshold: -5, amount: 20}").replace(
        "    - {threshold: 50, amount: 80}\n", "").replace("300, amount: 5", "300, amount: 50"))
    bad = run(lint, text)
    assert at(bad, "schema") == [(12, 19)]
    assert at(bad, "inverted-threshold") == [] and at(bad, "non-monotonic-tiers") == []


def test_a_number_in_with_keeps_unknown_reference_and_the_schema_finding_is_at_it(lint):
    bad = run(lint, promo("benefit: {type: amount_off, amount: 5}\n"
                          "stacking: {with: [partner, 42]}\n"))
    assert at(bad, "schema") == [(9, 28)]
    assert at(bad, "unknown-reference") == [(9, 19)]


def test_a_bad_partner_entry_keeps_stacking_below_market(lint):
    one = promo("scope: {skus: [TEA-2]}\nbenefit: {type: percent_off, percent: 30}\n"
                "stacking: {with: [p2, {id: p3}]}\n")
    two = promo("scope: {skus: [TEA-2]}\nbenefit: {type: percent_off, percent: 30}\n"
                "stacking: {with: [p1]}\n", id="p2")
    bad = run(lint, one + "---\n" + two)
    assert at(bad, "schema") == [(10, 23)]
    assert "stacking-below-market" in {f.rule for f in bad.findings}


def test_a_list_with_no_good_item_left_stays_broken_as_a_whole():
    # an empty `skus` would be the whole order, an empty `with` no partner: neither is
    # what was written, so the field is broken as before (its checks skip it)
    text = promo("scope: {skus: [{sku: GC-100}]}\nbenefit: {type: fixed_price, price: 0}\n")
    (p,), findings = load_file("x.promo.yaml", Settings(), text)
    assert [f.rule for f in findings] == ["schema"]
    assert not usable(p, ("scope",)) and p.dropped == frozenset()


def test_a_dropped_item_is_still_an_error_of_the_promotion():
    text = promo("scope: {skus: [GC-100, 7]}\nbenefit: {type: fixed_price, price: 0}\n")
    (p,), _ = load_file("x.promo.yaml", Settings(), text)
    assert p.scope.skus == ("GC-100",) and usable(p, ("scope",))
    assert p.broken == {"scope.skus.1"} and p.dropped == {"scope.skus.1"}  # eval skips it


def test_the_dsl_keeps_the_other_items_too(lint):
    text = """promotion p1 "P" {
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
  scope skus [GC-100, ""] categories ["", grocery]
  benefit tiers { spend 100 save 10  spend 0 save 30  spend 300 save 5  spend 50 save 0 }
  stacking with ["", partner]
  limits total 10 per_user 1
}
"""
    bad = run(lint, text, file="x.promo")
    assert at(bad, "schema") == [(4, 23), (4, 39), (5, 44), (5, 87), (6, 18)]
    assert at(bad, "cash-equivalent-scope") == [(4, 15)]
    assert at(bad, "unknown-reference") == [(6, 22)]
    assert at(bad, "non-monotonic-tiers") == [(5, 55)]
    assert (5, 51) in at(bad, "below-market")  # `spend 0 save 30`: unplaced, any basket


# -- a stream whose later document does not parse --------------------------------------
FREE = promo("scope: {skus: [TEA-1]}\nbenefit: {type: fixed_price, price: 0}\n")


def test_a_later_document_that_does_not_parse_does_not_hide_the_earlier_ones(lint):
    text = FREE + "---\n" + FREE.replace("p1", "p2") + "---\nid: \"unterminated\n"
    bad = run(lint, text)
    assert at(bad, "syntax") == [(22, 1)]
    assert at(bad, "below-market") == [(9, 37), (19, 37)]
    assert [p.id for p in bad.promotions] == ["p1", "p2"]


def test_an_error_in_the_first_document_still_checks_nothing(lint):
    text = FREE.replace("name: \"test\"", "name: \"test") + "---\n" + FREE.replace("p1", "p2")
    bad = run(lint, text)
    assert [f.rule for f in bad.findings] == ["syntax"] and bad.promotions == []


def test_a_later_dsl_block_that_does_not_parse_does_not_hide_the_earlier_ones(lint):
    text = """promotion p1 "P" {
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
  scope skus [TEA-1]
  benefit fixed_price 0
  limits total 10 per_user 1
}
promotion p2 "P {
  currency CNY
}
"""
    bad = run(lint, text, file="x.promo")
    assert at(bad, "below-market") == [(5, 23)] and len(at(bad, "syntax")) == 1
