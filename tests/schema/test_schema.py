"""Schema validation: located, readable findings from the JSON Schema."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from promolint.schema.validate import schema, schema_text, validate
from promolint.source.yaml.load import load_yaml

HEAD = """apiVersion: promolint/v1
kind: Promotion
id: p1
name: P
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
"""


def findings(text: str):
    docs, problems = load_yaml(text, "x.promo.yaml")
    assert problems == []
    return validate(docs[0])


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(schema())
    assert json.loads(schema_text())["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize("benefit,message_id,line,column", [
    ("{type: percent_off, percent: 150}", "schema-maximum", 7, 39),
    ("{type: percent_off, percent: 0}", "schema-exclusiveMinimum", 7, 39),
    ("{type: amount_off, amount: ten}", "schema-type", 7, 37),
    ("{type: amount_of, amount: 10}", "schema-enum-hint", 7, 17),
    ("{type: amount_off}", "schema-required", 8, 1),
    ("{type: amount_off, amount: 5, amount_max: 3}", "schema-unknown-field-hint", 8, 1),
    ("{type: tiered, tiers: [{threshold: 100, amount: 10}]}", "schema-min-items", 7, 32),
    ("{type: group_price, price: 59, min_group_size: 2.5}", "schema-type", 7, 57),
])
def test_benefit_problems_are_located(benefit, message_id, line, column):
    found = findings(HEAD + f"benefit: {benefit}\n")
    assert [(f.rule, f.message_id) for f in found][:1] == [("schema", message_id)]
    if message_id not in ("schema-required", "schema-unknown-field-hint"):
        assert (found[0].line, found[0].column) == (line, column)


def test_unknown_field_points_at_the_key_and_suggests():
    found = findings(HEAD + "benefit:\n  type: percent_off\n  percent: 15\n  max_ammount: 50\n")
    assert [(f.message_id, f.line, f.column, dict(f.args)["hint"]) for f in found] == [
        ("schema-unknown-field-hint", 10, 3, "max_amount")]


def test_missing_required_field_is_reported_at_its_parent():
    found = findings(HEAD + "benefit:\n  type: threshold_off\n  threshold: 200\n")
    assert [(f.message_id, f.line, dict(f.args)["field"]) for f in found] == [
        ("schema-required", 7, "benefit.amount")]


def test_integral_decimals_are_integers():
    text = HEAD + "benefit: {type: buy_x_get_y, buy: 2, get: 1}\nlimits: {per_user: 1.0}\n"
    assert findings(text) == []


def test_a_document_that_is_not_a_mapping():
    docs, _ = load_yaml("- a\n- b\n", "x.promo.yaml")
    assert [f.message_id for f in validate(docs[0])] == ["schema-not-mapping"]


def test_currency_must_be_iso_4217_and_rmb_suggests_cny():
    from promolint.report.messages import render
    body = "benefit: {type: amount_off, amount: 5}\n"
    found = findings(HEAD.replace("currency: CNY", "currency: RMB") + body)
    assert [(f.message_id, f.line, f.column) for f in found] == [("schema-currency-alias", 5, 11)]
    assert "CNY" in render(found[0], "en") and "CNY" in render(found[0], "zh")
    assert [f.message_id for f in findings(HEAD.replace("CNY", "QQQ") + body)] == \
        ["schema-currency-unknown"]
    assert findings(HEAD + body) == []
