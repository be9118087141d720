"""build: the model from a schema-valid document; audience positions and deep audiences."""
from __future__ import annotations

from promolint.model.build import build
from promolint.source.yaml.load import load_yaml

TEXT = """apiVersion: promolint/v1
kind: Promotion
id: p-1
name: P
campaign: general
currency: CNY
window: {start: "2026-07-25T00:00:00+08:00", end: "2026-07-31T00:00:00+08:00"}
audience: "AUDIENCE"
benefit: {type: percent_off, percent: 10}
"""


def _build(audience: str):
    (doc,), _ = load_yaml(TEXT.replace("AUDIENCE", audience), "p.promo.yaml")
    return build(doc)


def test_audience_spans_are_file_positions():
    promo, findings = _build("user.tier == 'gold' and not user.blocked")
    assert findings == []
    left, right = promo.audience.items
    assert (left.span.line, left.span.column) == (8, 12)
    assert (right.operand.span.line, right.operand.span.column) == (8, 40)


def test_the_same_audience_at_the_same_place_is_one_shared_ast():
    first, _ = _build("user.order_count >= 1")
    second, _ = _build("user.order_count >= 1")
    assert first.audience is second.audience


def test_an_audience_nested_too_deeply_is_a_syntax_finding_not_a_crash():
    promo, findings = _build("not " * 2000 + "user.blocked")
    assert promo is not None and promo.audience is None
    assert [f.rule for f in findings] == ["syntax"]
    assert (findings[0].line, findings[0].column) == (8, 12)


def test_an_offset_without_minutes_is_not_rfc_3339():
    from promolint.model.build import parse_timestamp
    assert parse_timestamp("2026-11-11T00:00:00+08") is None
    assert parse_timestamp("2026-11-11T00:00:00+0800") is None
    assert parse_timestamp("2026-11-11") is None
    assert parse_timestamp("2026-11-11T00:00:00+08:00").utcoffset().total_seconds() == 8 * 3600
    assert parse_timestamp("2026-11-11T00:00:00Z") is not None
    assert parse_timestamp("2026-11-11T00:00:00").tzinfo is None  # reported as no offset
