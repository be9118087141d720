"""The rule catalog drives these tests: every rule's bad examples fire it, good ones don't."""
from __future__ import annotations

import re
import string

import pytest

from promolint.checks import load_checks
from promolint.report.catalog import LANGS, rules
from tests.conftest import lint_example

RULES = rules()
LOADER_RULES = {"syntax", "schema", "duplicate-key", "invalid-window"}


def _cases(kind: str):
    for rule in RULES.values():
        for i, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, example, id=f"{rule.name}-{kind}{i}")


@pytest.mark.parametrize("rule,example", list(_cases("bad")))
def test_bad_example_fires(tmp_path, rule, example):
    report = lint_example(tmp_path, example.file, example.text, example.config, example.prices)
    hits = [f for f in report.findings if f.rule == rule.name]
    assert hits, f"{rule.name} did not fire on its bad example"
    if example.expect:
        assert sorted(f"{f.line}:{f.column}" for f in hits) == sorted(example.expect)


@pytest.mark.parametrize("rule,example", list(_cases("good")))
def test_good_example_is_clean(tmp_path, rule, example):
    report = lint_example(tmp_path, example.file, example.text, example.config, example.prices)
    assert [f for f in report.findings if f.rule == rule.name] == []


@pytest.mark.parametrize("rule", list(RULES.values()), ids=lambda r: r.name)
def test_every_rule_has_docs_and_examples(rule):
    assert rule.bad and rule.good, "a bad and a good example"
    assert rule.severity in ("error", "warning", "info")
    assert re.fullmatch(r"PL\d{3}", rule.code)
    for field in ("summary", "what", "why", "fix"):
        assert getattr(rule, field).strip(), field


def test_codes_and_names_are_unique():
    codes = [r.code for r in RULES.values()]
    assert len(codes) == len(set(codes))


def test_every_spec_rule_is_in_the_catalog():
    spec = {"syntax", "schema", "duplicate-key", "duplicate-id", "invalid-window",
            "inverted-threshold", "non-monotonic-tiers", "below-market",
            "stacking-below-market", "missing-eligibility", "unknown-field", "type-mismatch",
            "currency-mismatch", "unknown-reference", "unsatisfiable-audience",
            "unbounded-cost", "missing-per-user-limit", "unsigned-coupon", "unpriced-sku",
            "long-window", "expired-suppression", "cash-equivalent-scope", "unbounded-repeat",
            "suspicious-percent", "unused-suppression", "price-increase"}
    assert spec <= set(RULES), sorted(spec - set(RULES))


def test_every_check_rule_is_catalogued_and_registered_once():
    seen = []
    for module in load_checks():
        assert hasattr(module, "check") or hasattr(module, "check_all"), module.__name__
        seen.extend(module.RULES)
    assert len(seen) == len(set(seen)), "a rule is reported by two check modules"
    assert set(seen) <= set(RULES), set(seen) - set(RULES)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("rule", list(RULES.values()), ids=lambda r: r.name)
def test_messages_exist_in_every_language_with_the_same_placeholders(rule):
    assert rule.messages, "at least one message"
    for message_id, templates in rule.messages.items():
        assert set(templates) == set(LANGS), message_id
        assert _placeholders(templates["en"]) == _placeholders(templates["zh"]), message_id


def _full(rule) -> dict:
    import yaml
    return yaml.safe_load(rule.source)


@pytest.mark.parametrize("rule", list(RULES.values()), ids=lambda r: r.name)
def test_the_head_read_at_start_matches_the_whole_entry(rule):
    """rules() parses only each entry's head; the rest is parsed on use. Both agree."""
    whole = _full(rule)
    assert (rule.name, rule.code, rule.severity, rule.summary, rule.summary_zh) == (
        whole["name"], whole["code"], whole["severity"], whole["summary"],
        whole.get("summary_zh", ""))
    assert (rule.what, rule.why, rule.fix, rule.options) == (
        whole["what"], whole["why"], whole["fix"], whole.get("options", ""))
    assert rule.messages == whole.get("messages", {})


def test_message_ids_are_unique_across_the_catalog():
    """A finding's message is looked up in its own rule's entry first: ids must not clash."""
    ids = [i for rule in RULES.values() for i in rule.messages]
    assert len(ids) == len(set(ids))
