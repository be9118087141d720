"""One limit on promotions per file, the same finding in both syntaxes (issue 12): YAML
stopped at 5,000 documents while the DSL read any number of blocks."""
from __future__ import annotations

from promolint.source.dsl.parse import load_dsl
from promolint.source.files import MAX_PROMOTIONS
from promolint.source.yaml.load import load_yaml


def _outcome(loaded) -> tuple:
    docs, findings = loaded
    return len(docs), [(f.rule, f.message_id, f.span.line, dict(f.args)) for f in findings]


def test_yaml_and_dsl_stop_at_the_same_limit_with_the_same_finding():
    over = MAX_PROMOTIONS + 2
    dsl = _outcome(load_dsl("".join(f'promotion p{i} "A" {{ }}\n' for i in range(over)), "a.promo"))
    yaml = _outcome(load_yaml("--- 1\n" * over, "a.promo.yaml"))
    expected = (MAX_PROMOTIONS, [("syntax", "too-many-promotions", MAX_PROMOTIONS + 1,
                                  {"limit": MAX_PROMOTIONS})])
    assert dsl == yaml == expected


def test_at_the_limit_nothing_is_reported():
    assert _outcome(load_yaml("--- 1\n" * MAX_PROMOTIONS, "a.promo.yaml"))[1] == []
