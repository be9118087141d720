"""Property: a promotion written in YAML and the same promotion in the DSL give
equal models and identical findings (spec section 1: "Both syntaxes compile to
the same in-memory model")."""
from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from promolint.checks import Context
from promolint.core.config import Settings
from promolint.run.lint import lint_files
from promolint.run.load import load_file
from promolint.source.dsl.parse import load_dsl
from promolint.source.prices import Price, PriceList
from promolint.source.yaml.load import load_yaml
from tests.strategies import dsl_text, promotion, promotion_files, yaml_text

PROPS = settings(max_examples=100, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PRICES = PriceList({
    "GC-100": Price("GC-100", "CNY", Decimal("100.00"), "game-cards"),
    "TEE-001": Price("TEE-001", "CNY", Decimal("99.00"), "apparel"),
    "TEA-50": Price("TEA-50", "USD", Decimal("9.50"), "grocery"),
})


_LOCATION = re.compile(r"p\.promo(\.yaml)?:\d+(:\d+)?")


def essence(findings) -> list[tuple]:
    """What must match across syntaxes: everything but paths and positions
    (an argument such as `where: p.promo:4` names a position, so it is masked)."""
    def args(f) -> str:
        return repr(tuple((k, _LOCATION.sub("<location>", v) if isinstance(v, str) else v)
                          for k, v in f.args))
    return sorted((f.rule, f.message_id, f.severity, f.promotion, args(f), repr(f.witness),
                   bool(f.suppressed)) for f in findings)


@PROPS
@given(promotion())
def test_one_promotion_loads_to_the_same_document_data(data):
    yaml_docs, yaml_findings = load_yaml(yaml_text([data]), "p.promo.yaml")
    dsl_docs, dsl_findings = load_dsl(dsl_text([data]), "p.promo")
    assert yaml_findings == [] and dsl_findings == []
    expected = dict(data)
    benefit = expected["benefit"]
    if benefit.get("repeat") is False:  # the DSL writes repeat: false by leaving `every` out
        expected["benefit"] = {k: v for k, v in benefit.items() if k != "repeat"}
    assert yaml_docs[0].data == data
    assert dsl_docs[0].data == expected


@PROPS
@given(promotion())
def test_one_promotion_builds_equal_models(data):
    yaml_promos, yaml_findings = load_file("p.promo.yaml", Settings(), yaml_text([data]))
    dsl_promos, dsl_findings = load_file("p.promo", Settings(), dsl_text([data]))
    assert yaml_promos == dsl_promos
    assert essence(yaml_findings) == essence(dsl_findings)


@PROPS
@given(promotion_files())
def test_files_give_identical_findings(promotions):
    ctx = Context(Settings(), prices=PRICES)
    texts = {"p.promo.yaml": yaml_text(promotions), "p.promo": dsl_text(promotions)}
    by_yaml = lint_files(["p.promo.yaml"], ctx, texts)
    by_dsl = lint_files(["p.promo"], ctx, texts)
    assert by_yaml.promotions == by_dsl.promotions
    assert len(by_dsl.promotions) == len(promotions)
    assert essence(by_yaml.findings) == essence(by_dsl.findings)
