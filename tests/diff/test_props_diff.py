"""Property: a promotion diffed against itself, or against its DSL rendering, is "no change"
(no field change, no money change, no finding added or removed)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from promolint.diff.compare import compare
from promolint.diff.fields import changes, same
from promolint.diff.sides import Side
from promolint.run.lint import lint_files
from tests.diff.helpers import PRICES, context
from tests.strategies import dsl_text, promotion_files, yaml_text

PROPS = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def side(name: str, text: str, ctx) -> Side:
    report = lint_files([name], ctx, texts={name: text}, jobs=1)
    return Side(name, report.promotions, report.findings)


@PROPS
@given(promotion_files())
def test_yaml_against_its_dsl_rendering_is_no_change(promos):
    ctx = context()
    before = side("a/p.promo.yaml", yaml_text(promos), ctx)
    after = side("b/p.promo", dsl_text(promos), ctx)
    assert len(before.promotions) == len(after.promotions) == len(promos)
    for a, b in zip(before.promotions, after.promotions):
        assert same(a, b, ctx.settings.fields)
        assert changes(a, b, PRICES, ctx.settings.fields, "en") == []
    report = compare(before, after, ctx)
    assert report.changed == [] and report.level is None
    assert report.other_added == report.other_removed == []


@PROPS
@given(promotion_files(max_size=2))
def test_a_promotion_against_itself_reordered_is_no_change(promos):
    ctx = context()
    before = side("p.promo.yaml", yaml_text(promos), ctx)
    after = side("moved/q.promo.yaml", yaml_text(list(reversed(promos))), ctx)
    report = compare(before, after, ctx)
    assert report.changed == [] and report.count("same") == len(promos)
