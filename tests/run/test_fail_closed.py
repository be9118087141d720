"""Issue 11, part 1: one problem does not hide another.

A promotion with a schema error is built from every valid part; every check whose
inputs are valid runs (spec section 5: each rule fires on its own condition). Each test
has the bad case (both findings) and the good one (the other finding alone, or none).
"""
from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promolint.checks import load_checks
from promolint.model.promotion import Promotion, usable
from tests.strategies import promotion, yaml_text

HEAD = """apiVersion: promolint/v1
kind: Promotion
id: {id}
name: "test"
currency: CNY
window:
  start: {start}
  end: {end}
"""
START, END = "2026-11-11T00:00:00+08:00", "2026-11-12T00:00:00+08:00"


def promo(body: str, id: str = "p1", start: str = START, end: str = END) -> str:
    return HEAD.format(id=id, start=start, end=end) + body


def rules(report) -> list[str]:
    return sorted(f.rule for f in report.findings)


SPEND_300_SAVE_299 = "benefit: {type: threshold_off, threshold: 300, amount: 299}\n"
SPEND_50_SAVE_200 = "benefit: {type: threshold_off, threshold: 50, amount: 200}\n"
PERCENT_95 = "benefit: {type: percent_off, percent: 95}\n"
LIMITS_OK = "limits: {total: 10, per_user: 1}\n"


# -- a schema error elsewhere ---------------------------------------------------------
def test_bad_limit_does_not_hide_below_market(lint):
    bad = lint(promo(SPEND_300_SAVE_299 + "limits: {total: 0, per_user: 1}\n"))
    assert rules(bad) == ["below-market", "schema"]
    good = lint(promo(SPEND_300_SAVE_299 + LIMITS_OK))
    assert rules(good) == ["below-market"]


def test_bad_limit_does_not_hide_inverted_threshold(lint):
    bad = lint(promo(SPEND_50_SAVE_200 + "limits: {total: 0, per_user: 1}\n"))
    assert rules(bad) == ["inverted-threshold", "schema"]
    found = next(f for f in bad.findings if f.rule == "inverted-threshold")
    assert found.witness is not None and (found.line, found.column) == (9, 55)
    assert rules(lint(promo(SPEND_50_SAVE_200 + LIMITS_OK))) == ["inverted-threshold"]


def test_bad_limit_skips_only_the_rule_that_reads_it(lint):
    # limits.total is broken: unbounded-cost (which reads it) cannot judge; a per-user
    # limit rule reads limits.per_user, which is valid, and still runs.
    text = promo("campaign: first_order\naudience: 'user.is_first_order'\n"
                 "benefit: {type: percent_off, percent: 10}\nlimits: {total: 0}\n")
    assert rules(lint(text)) == ["missing-per-user-limit", "schema"]


def test_unknown_key_does_not_hide_a_fixed_price_95_percent_below(lint):
    prices = "sku,currency,market_price\nGC-100,CNY,100\n"
    body = "scope: {skus: [GC-100]}\nbenefit: {type: fixed_price, price: 5}\n" + LIMITS_OK
    bad = lint(promo("colour: red\n" + body), prices=prices)
    assert rules(bad) == ["below-market", "schema"]
    inside = lint(promo("scope: {skus: [GC-100]}\nbenefit: {type: fixed_price, price: 5, "
                        "max_amout: 10}\n" + LIMITS_OK), prices=prices)
    assert rules(inside) == ["below-market", "schema"]
    good = lint(promo("scope: {skus: [GC-100]}\nbenefit: {type: fixed_price, price: 80}\n"
                      + LIMITS_OK), prices=prices)
    assert rules(good) == []


def test_misspelt_enum_does_not_hide_another_fields_finding(lint):
    for field in ("campaign: frist_order\n", "stacking: stackabel\n", "rollout: 0\n",
                  "coupon: {required: yes please}\n"):
        bad = lint(promo(field + PERCENT_95 + LIMITS_OK))
        assert rules(bad) == ["below-market", "schema"], field
    assert rules(lint(promo("campaign: clearance\n" + PERCENT_95 + LIMITS_OK))) == ["below-market"]


def test_broken_benefit_does_not_hide_the_other_parts(lint):
    # The benefit cannot be built: the rules that judge it are skipped, the window and
    # the coupon are still judged.
    text = promo("benefit: {type: percentoff, percent: 95}\nlimits: {total: 5, per_user: 1}\n"
                 "coupon: {required: true, signed: true}\n", end="2027-01-30T00:00:00+08:00")
    assert rules(lint(text)) == ["long-window", "schema", "unsigned-coupon"]


def test_misspelt_benefit_type_is_one_schema_finding_not_a_crash(lint):
    report = lint(promo("benefit: {type: percentoff}\n" + LIMITS_OK))
    assert rules(report) == ["schema"] and len(report.promotions) == 1
    assert "benefit" in next(iter(report.promotions[0].broken))


# -- the window -----------------------------------------------------------------------
def test_inverted_window_does_not_hide_below_market(lint):
    bad = lint(promo(PERCENT_95 + LIMITS_OK, start=END, end=START))
    assert rules(bad) == ["below-market", "invalid-window"]
    assert rules(lint(promo(PERCENT_95 + LIMITS_OK))) == ["below-market"]


def test_inverted_window_does_not_hide_inverted_threshold_or_its_witness(lint):
    bad = lint(promo(SPEND_50_SAVE_200 + LIMITS_OK, start=END, end=START))
    assert rules(bad) == ["invalid-window", "inverted-threshold"]
    assert next(f for f in bad.findings if f.rule == "inverted-threshold").witness is not None


def test_inverted_window_does_not_hide_missing_eligibility(lint):
    body = "campaign: first_order\naudience: 'user.order_count >= 0'\n" \
           "benefit: {type: percent_off, percent: 10}\n" + LIMITS_OK
    bad = lint(promo(body, start=END, end=START))
    assert rules(bad) == ["invalid-window", "missing-eligibility"]
    assert rules(lint(promo(body.replace(">= 0", "== 0")))) == []


def test_unparsable_timestamp_does_not_hide_below_market(lint):
    bad = lint(promo(PERCENT_95 + LIMITS_OK, end="next tuesday"))
    assert rules(bad) == ["below-market", "invalid-window"]
    assert "window" in bad.promotions[0].broken


# -- the audience ---------------------------------------------------------------------
TIERED_95 = """benefit:
  type: tiered
  tiers:
    - {threshold: 100, amount: 10}
    - {threshold: 200, percent: 95}
"""


def test_unknown_field_does_not_hide_the_95_percent_tier(lint):
    bad = lint(promo("audience: \"user.teir == 'gold'\"\n" + TIERED_95 + LIMITS_OK))
    assert rules(bad) == ["below-market", "unknown-field"]
    assert (next(f for f in bad.findings if f.rule == "below-market").line) == 14
    good = lint(promo("audience: \"user.teir == 'gold'\"\n" + TIERED_95.replace("95", "20")
                      + LIMITS_OK))
    assert rules(good) == ["unknown-field"]


def test_unknown_field_of_every_kind_is_assumed_metable(lint):
    for audience in ("user.vip", "not user.vip", "user.level >= 3", "user.segs contains 'a'",
                     "user.city in ['sh', 'bj']", "user.credit == true"):
        report = lint(promo(f"audience: \"{audience}\"\n" + PERCENT_95 + LIMITS_OK))
        assert "below-market" in rules(report), audience


def test_audience_syntax_error_and_schema_error_are_both_reported(lint):
    bad = lint(promo("audience: \"user.tier ==\"\nrollout: 0\n" + PERCENT_95 + LIMITS_OK))
    # the benefit is still judged: an audience that does not parse may admit anyone
    assert rules(bad) == ["below-market", "schema", "syntax"]
    assert rules(lint(promo("rollout: 0\n" + PERCENT_95.replace("95", "20") + LIMITS_OK))) \
        == ["schema"]


def test_broken_audience_skips_the_eligibility_rules_only(lint):
    body = "campaign: first_order\naudience: \"user.order_count ==\"\n" \
           "benefit: {type: percent_off, percent: 10}\nlimits: {total: 5}\n"
    assert rules(lint(promo(body))) == ["missing-per-user-limit", "syntax"]


# -- cross-file rules -----------------------------------------------------------------
def test_schema_invalid_promotion_counts_for_duplicate_id_and_references(lint):
    bad = promo(PERCENT_95.replace("95", "20") + "limits: {total: 0}\n", id="a") + "---\n" + \
        promo(PERCENT_95.replace("95", "20") + LIMITS_OK + "stacking: {with: [a]}\n", id="a")
    report = lint(bad)
    assert rules(report) == ["duplicate-id", "schema"]
    refer = promo(PERCENT_95.replace("95", "20") + "limits: {total: 0}\n", id="a") + "---\n" + \
        promo(PERCENT_95.replace("95", "20") + LIMITS_OK + "stacking: {with: [a]}\n", id="b")
    assert rules(lint(refer)) == ["schema"]  # no false unknown-reference
    alone = promo(PERCENT_95.replace("95", "20") + LIMITS_OK + "stacking: {with: [zz]}\n", id="b")
    assert rules(lint(alone)) == ["unknown-reference"]


# -- suppressions that cannot be trusted ----------------------------------------------
def test_broken_suppression_entry_suppresses_nothing(lint):
    for entry in ("{rule: below-market, reason: ok, until: 5}",
                  "{rule: below-market, reason: ok, until: 2099-13-45}",
                  "{rule: below-market, reason: ok, untill: 2020-01-01}",
                  "{rule: below-market, reason: ' '}"):
        report = lint(promo(PERCENT_95 + LIMITS_OK + f"suppress:\n  - {entry}\n"))
        active = [f.rule for f in report.findings if not f.suppressed]
        assert "below-market" in active, entry
    good = lint(promo(PERCENT_95 + LIMITS_OK + "suppress:\n  - {rule: below-market, reason: ok}\n"))
    assert [f.rule for f in good.findings if not f.suppressed] == []


# -- DSL: the same model ----------------------------------------------------------------
def test_dsl_schema_error_does_not_hide_below_market(lint):
    text = """promotion p1 "test" {
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
  benefit spend 300 save 299
  limits per_user 1 total 0
}
"""
    assert rules(lint(text, file="x.promo")) == ["below-market", "schema"]


# -- the mechanism ----------------------------------------------------------------------
def test_every_check_declares_the_fields_it_needs():
    top = {"id", "name", "currency", "window", "audience", "scope", "benefit", "limits",
           "stacking", "rollout", "priority", "coupon", "campaign", "owner"}
    for module in load_checks():
        assert module.NEEDS, module.__name__
        assert all(n.split(".")[0] in top for n in module.NEEDS), module.__name__


def test_usable_blocks_a_field_its_parts_and_its_parents():
    def with_broken(*paths):
        return Promotion("x", "x", "CNY", None, None, broken=frozenset(paths))  # type: ignore[arg-type]
    broken = with_broken("limits.total")
    assert not usable(broken, ("limits",)) and not usable(broken, ("limits.total",))
    assert usable(broken, ("limits.per_user", "benefit"))
    assert not usable(with_broken("benefit"), ("benefit.percent",))
    assert usable(with_broken("limitsx"), ("limits",))
    assert usable(with_broken(), ("benefit",))


NEEDS_OF = {rule: module.NEEDS for module in load_checks() for rule in module.RULES}
META = {"schema", "syntax", "invalid-suppression", "expired-suppression", "unused-suppression"}
# (what to break, the top-level field it breaks)
BREAKS = {"limits": lambda d: d.setdefault("limits", {}).update(total=Decimal(0)),
          "campaign": lambda d: d.update(campaign="frist_order"),
          "rollout": lambda d: d.update(rollout=Decimal(0)),
          "colour": lambda d: d.update(colour="red")}


def _seen(report, broken: str) -> set:
    return {(f.rule, f.line, f.column, f.message_id) for f in report.findings
            if f.rule not in META and not any(n.split(".")[0] == broken
                                              for n in NEEDS_OF.get(f.rule, ()))}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=promotion(), broken=st.sampled_from(sorted(BREAKS)))
def test_breaking_one_field_keeps_every_finding_that_does_not_need_it(lint, data, broken):
    """Property: a schema error in one field changes no finding of a rule that does not
    read that field (lines stay put: the broken value replaces one in place or is last)."""
    data.pop("suppress", None)  # an unused suppression depends on what fires
    if broken == "limits" and "total" not in data.get("limits", {}):
        data.setdefault("limits", {})["total"] = Decimal(5)  # replaced in place below
    before = lint(yaml_text([data]))
    worse = copy.deepcopy(data)
    BREAKS[broken](worse)
    after = lint(yaml_text([worse]))
    assert "schema" in rules(after)
    assert _seen(after, broken) == _seen(before, broken)


# -- the baseline -----------------------------------------------------------------------
def test_baseline_hides_only_the_same_rule_and_value(lint, tmp_path):
    """A baselined finding hides the same finding later, never a new rule or a new value."""
    from promolint.run import baseline
    out = tmp_path / "baseline.json"
    first = lint(promo(PERCENT_95.replace("95", "20") + "limits: {total: 0}\n"))
    assert rules(first) == ["schema"]
    baseline.write(first.findings, out)

    def active(report):
        marked, _ = baseline.apply(report.findings, baseline.load(out), out, report.files)
        return sorted(f.rule for f in marked if not f.suppressed)
    # the same finding: hidden
    assert active(lint(promo(PERCENT_95.replace("95", "20") + "limits: {total: 0}\n"))) == []
    # a dangerous price added later is a new finding of another rule: shown
    assert active(lint(promo(PERCENT_95 + "limits: {total: 0}\n"))) == ["below-market"]
    # the same rule with another value: shown
    assert active(lint(promo(PERCENT_95.replace("95", "20") + "limits: {total: -3}\n"))) \
        == ["schema"]
    again = lint(promo(PERCENT_95 + LIMITS_OK))
    baseline.write(again.findings, out)
    assert active(lint(promo(PERCENT_95.replace("95", "99") + LIMITS_OK))) == ["below-market"]
