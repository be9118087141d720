"""The promotion DSL (*.promo): data, positions, errors and recovery."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from promolint.core.config import Settings
from promolint.core.document import Span
from promolint.model.build import build
from promolint.run.load import load_file
from promolint.schema.validate import validate
from promolint.source.dsl.parse import load_dsl
from promolint.source.yaml.load import load_yaml

DATA = Path(__file__).parent / "data" / "dsl"
WINDOW = "window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00"


def block(*lines: str, ident: str = "p1") -> str:
    body = "\n".join("  " + line for line in ("currency CNY", WINDOW, *lines))
    return f'promotion {ident} "A promotion" {{\n{body}\n}}\n'


def one(text: str):
    docs, findings = load_dsl(text, "t.promo")
    assert findings == []
    assert len(docs) == 1
    return docs[0]


def rules_at(findings) -> list[tuple[str, int, int]]:
    return sorted((f.rule, f.line, f.column) for f in findings)


@pytest.mark.parametrize("source, expected", [
    ("percent_off 20", {"type": "percent_off", "percent": Decimal(20)}),
    ("percent_off 20% max 50", {"type": "percent_off", "percent": Decimal(20),
                                "max_amount": Decimal(50)}),
    ("percent_off 12.5 max_amount 50", {"type": "percent_off", "percent": Decimal("12.5"),
                                        "max_amount": Decimal(50)}),
    ("amount_off 5", {"type": "amount_off", "amount": Decimal(5)}),
    ("spend 200 save 50", {"type": "threshold_off", "threshold": Decimal(200),
                           "amount": Decimal(50)}),
    ("spend 100 save 10 every", {"type": "threshold_off", "threshold": Decimal(100),
                                 "amount": Decimal(10), "repeat": True}),
    ("spend 100 save 10 every max_repeats 3",
     {"type": "threshold_off", "threshold": Decimal(100), "amount": Decimal(10),
      "repeat": True, "max_repeats": Decimal(3)}),
    ("tiers { spend 100 save 10 spend 300 percent 10% }",
     {"type": "tiered", "tiers": [{"threshold": Decimal(100), "amount": Decimal(10)},
                                  {"threshold": Decimal(300), "percent": Decimal(10)}]}),
    ("fixed_price 9.9", {"type": "fixed_price", "price": Decimal("9.9")}),
    ("buy 2 get 1", {"type": "buy_x_get_y", "buy": Decimal(2), "get": Decimal(1)}),
    ("buy 2 get 1 percent 50", {"type": "buy_x_get_y", "buy": Decimal(2), "get": Decimal(1),
                                "percent": Decimal(50)}),
    ("group_price 59 min_group_size 3", {"type": "group_price", "price": Decimal(59),
                                         "min_group_size": Decimal(3)}),
    ("free_shipping", {"type": "free_shipping"}),
    ("free_shipping min_subtotal 99", {"type": "free_shipping", "min_subtotal": Decimal(99)}),
])
def test_every_benefit_type(source, expected):
    doc = one(block("benefit " + source))
    assert doc.data["benefit"] == expected
    assert validate(doc) == []


def test_numbers_are_exact_decimals_from_the_text():
    doc = one(block("benefit fixed_price 9.90", "limits budget 0.1"))
    assert str(doc.data["benefit"]["price"]) == "9.90"
    assert doc.data["limits"]["budget"] == Decimal("0.1")


def test_header_and_implicit_api_version():
    doc = one(block("benefit amount_off 5", ident="d11-save.5"))
    assert doc.data["apiVersion"] == "promolint/v1" and doc.data["kind"] == "Promotion"
    assert doc.data["id"] == "d11-save.5" and doc.data["name"] == "A promotion"
    assert doc.syntax == "dsl" and doc.index == 0


def test_every_field():
    doc = one(block(
        "owner growth-team@example.com", "campaign member",
        'audience user.tier in ["gold", "vip"] and not user.blocked',
        "scope skus [GC-100, GC-200,] categories [game-cards] exclude_skus [GC-999]",
        "benefit spend 200 save 50", "limits per_user 1 total 10000 budget 500000",
        "stacking with [other-a, other-b]", "rollout 50%", "priority 10",
        "coupon required signed rate_limit_per_minute 10",
        'suppress below-market reason "ticket FIN-123" until 2026-12-01',
        "suppress long-window reason 'x'".replace("'", '"')))
    data = doc.data
    assert data["owner"] == "growth-team@example.com" and data["campaign"] == "member"
    assert data["audience"] == 'user.tier in ["gold", "vip"] and not user.blocked'
    assert data["scope"] == {"skus": ["GC-100", "GC-200"], "categories": ["game-cards"],
                             "exclude_skus": ["GC-999"]}
    assert data["limits"] == {"per_user": 1, "total": 10000, "budget": 500000}
    assert data["stacking"] == {"with": ["other-a", "other-b"]}
    assert data["rollout"] == 50 and data["priority"] == 10
    assert data["coupon"] == {"required": True, "signed": True, "rate_limit_per_minute": 10}
    assert data["suppress"] == [
        {"rule": "below-market", "reason": "ticket FIN-123", "until": "2026-12-01"},
        {"rule": "long-window", "reason": "x"}]
    assert validate(doc) == []


@pytest.mark.parametrize("source, expected", [
    ("stacking exclusive", "exclusive"), ("stacking stackable", "stackable"),
    ('stacking "with"', "with"),
])
def test_stacking_modes(source, expected):
    assert one(block("benefit amount_off 5", source)).data["stacking"] == expected


def test_coupon_flags_can_be_false():
    doc = one(block("benefit amount_off 5", "coupon required false signed true"))
    assert doc.data["coupon"] == {"required": False, "signed": True}


def test_every_feature_file_equals_its_yaml_twin():
    dsl_docs, dsl_findings = load_dsl((DATA / "every-feature.promo").read_text(), "a.promo")
    yaml_docs, yaml_findings = load_yaml((DATA / "every-feature.promo.yaml").read_text(), "a.yaml")
    assert dsl_findings == yaml_findings == []
    assert len(dsl_docs) == len(yaml_docs) == 9
    for ours, theirs in zip(dsl_docs, yaml_docs):
        mine, other = dict(ours.data), dict(theirs.data)
        for data in (mine, other):  # the DSL audience keeps its line breaks
            if "audience" in data:
                data["audience"] = re.sub(r"\s+", " ", data["audience"])
        assert mine == other
    promos_dsl, found_dsl = load_file(str(DATA / "every-feature.promo"), Settings())
    promos_yaml, found_yaml = load_file(str(DATA / "every-feature.promo.yaml"), Settings())
    assert promos_dsl == promos_yaml and found_dsl == found_yaml == []
    assert [d.index for d in dsl_docs] == list(range(9))


# -- positions -----------------------------------------------------------------------
POSITIONED = """\
promotion p1 "Positions" {
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
  scope skus [GC-100, GC-200]
  benefit spend 200 save 50
  audience user.tier == "gold"  # gold only
      and not user.blocked
  suppress below-market reason "ok"
}
"""


@pytest.mark.parametrize("path, line, column", [
    (("benefit", "threshold"), 5, 17), (("benefit", "amount"), 5, 26),
    (("benefit", "type"), 5, 11), (("scope", "skus", 1), 4, 23), (("scope", "skus"), 4, 14),
    (("window", "start"), 3, 10), (("window", "end"), 3, 39), (("currency",), 2, 12),
    (("id",), 1, 11), (("name",), 1, 14), (("audience",), 6, 12),
    (("suppress", 0, "rule"), 8, 12), (("suppress", 0, "reason"), 8, 32), ((), 1, 1),
])
def test_value_spans(path, line, column):
    span = one(POSITIONED).span(path)
    assert (span.line, span.column) == (line, column)


def test_key_spans_and_text_offsets():
    doc = one(POSITIONED)
    assert doc.key_span(("benefit",)) == Span(5, 3, 5, 10)
    assert doc.key_span(("scope", "skus")).column == 9
    assert doc.text_span(("name",)) == Span(1, 15)
    assert doc.text_span(("audience",)) == Span(6, 12)


def test_audience_is_the_source_text_and_builds_with_file_positions():
    doc = one(POSITIONED)
    assert doc.data["audience"].startswith('user.tier == "gold"')
    assert doc.data["audience"].endswith("and not user.blocked")
    assert "#" not in doc.data["audience"]  # the comment is blanked, positions kept
    promo, findings = build(doc)
    assert findings == []
    blocked = promo.audience.items[1].operand
    assert (blocked.name, blocked.span.line, blocked.span.column) == ("user.blocked", 7, 15)


def test_schema_findings_point_into_the_dsl():
    text = block("benefit percent_off 150", "campaign memberr")
    docs, _ = load_dsl(text, "t.promo")
    found = rules_at(validate(docs[0]))
    assert found == [("schema", 4, 23), ("schema", 5, 12)]


def test_missing_required_field_points_at_the_block():
    docs, _ = load_dsl('promotion p1 "x" {\n  currency CNY\n}\n', "t.promo")
    found = validate(docs[0])
    assert {(f.rule, f.line, f.column) for f in found} == {("schema", 1, 1)}


def test_check_findings_have_dsl_positions(tmp_path):
    path = tmp_path / "t.promo"
    path.write_text(block("benefit spend 50 save 200"))
    promos, findings = load_file(str(path), Settings())
    assert findings == [] and len(promos) == 1
    from promolint.checks import Context
    from promolint.run.lint import run_checks
    found = [f for f in run_checks(promos, Context(Settings())) if f.rule == "inverted-threshold"]
    assert found and (found[0].line, found[0].column) in {(4, 17), (4, 25)}


def test_invalid_window_is_reported_at_the_timestamp():
    text = block("benefit amount_off 5").replace("2026-11-12T00:00:00+08:00", "2026-11-12")
    docs, _ = load_dsl(text, "t.promo")
    _, findings = build(docs[0])
    assert rules_at(findings) == [("invalid-window", 3, 39)]


# -- errors --------------------------------------------------------------------------
def test_syntax_error_has_line_column_and_expected_tokens():
    docs, findings = load_dsl(block("benefit spend 200 save", "limits per_user 1"), "t.promo")
    assert docs == []
    [finding] = findings
    assert (finding.rule, finding.message_id, finding.line, finding.column) == \
        ("syntax", "dsl-syntax", 5, 3)
    args = dict(finding.args)
    assert args["found"] == "'limits'" and "number" in str(args["expected"])


def test_audience_syntax_error_is_located():
    _, findings = load_dsl(block("benefit amount_off 5", "audience user.tier == "), "t.promo")
    [finding] = findings
    assert (finding.rule, finding.message_id, finding.line, finding.column) == \
        ("syntax", "expr-syntax", 6, 1)
    assert "field" in str(dict(finding.args)["expected"])


def test_unknown_character_in_audience():
    _, findings = load_dsl(block("audience user.tier == $gold"), "t.promo")
    assert rules_at(findings) == [("syntax", 4, 25)]


def test_recovers_at_the_next_block():
    text = block("benefit spend 200 save") + block("benefit amount_off 5", ident="p2")
    docs, findings = load_dsl(text, "t.promo")
    assert [d.data["id"] for d in docs] == ["p2"] and docs[0].index == 1
    assert rules_at(findings) == [("syntax", 5, 1)]


def test_unclosed_block_is_reported_at_the_next_promotion():
    text = 'promotion p1 "x" {\n  currency CNY\n' + block("benefit amount_off 5", ident="p2")
    docs, findings = load_dsl(text, "t.promo")
    assert [d.data["id"] for d in docs] == ["p2"]
    assert [(f.line, f.column, dict(f.args)["found"]) for f in findings] == [(3, 1, "'promotion'")]


def test_unclosed_last_block_is_reported_at_the_end():
    docs, findings = load_dsl('promotion p1 "x" {\n  currency CNY\n', "t.promo")
    assert docs == [] and rules_at(findings) == [("syntax", 2, 15)]


def test_garbage_before_the_first_block():
    docs, findings = load_dsl("hello\n" + block("benefit amount_off 5"), "t.promo")
    assert len(docs) == 1 and rules_at(findings) == [("syntax", 1, 1)]


def test_duplicate_fields_are_duplicate_key_findings():
    text = block("benefit amount_off 5", "currency USD", "limits per_user 1 per_user 2")
    docs, findings = load_dsl(text, "t.promo")
    assert rules_at(findings) == [("duplicate-key", 5, 3), ("duplicate-key", 6, 21)]
    assert dict(findings[0].args) == {"key": "currency", "first": 2}
    assert docs[0].data["currency"] == "USD" and docs[0].data["limits"] == {"per_user": 2}


def test_empty_and_comment_only_files():
    assert load_dsl("", "t.promo") == ([], [])
    assert load_dsl("# nothing here\n\n", "t.promo") == ([], [])


def test_deep_nesting_is_a_finding_not_a_crash():
    deep = "(" * 50_000 + "user.blocked" + ")" * 50_000
    docs, findings = load_dsl(block("audience " + deep, "benefit amount_off 5"), "t.promo")
    for doc in docs:
        build(doc)  # the builder refuses over-long audiences itself
    assert docs or findings


def test_several_blocks_keep_their_order():
    text = block("benefit amount_off 5") + block("benefit amount_off 6", ident="p2") \
        + block("benefit amount_off 7", ident="p3")
    docs, findings = load_dsl(text, "t.promo")
    assert findings == [] and [d.index for d in docs] == [0, 1, 2]
    assert [d.span(("benefit", "amount")).line for d in docs] == [4, 9, 14]
