"""Accountable suppressions: inline comments (YAML and DSL) and `suppress:` lists."""
from __future__ import annotations

import pytest

HEAD = """\
apiVersion: promolint/v1
kind: Promotion
id: spend50
name: Spend 50, save 200
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
"""
BENEFIT = "benefit: {type: threshold_off, threshold: 50, amount: 200}"
TAIL = "\nlimits: {budget: 1000}\n"
SELECT = 'select = ["inverted-threshold", "invalid-suppression", "expired-suppression", "unused-suppression"]\n'

DSL = """\
promotion spend50 "Spend 50, save 200" {{
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
{above}  benefit spend 50 save 200{trailing}
  limits budget 1000
}}
"""


def found(report):
    return sorted((f.rule, f.line, f.column, bool(f.suppressed)) for f in report.findings)


def active(report):
    return sorted((f.rule, f.line) for f in report.findings if not f.suppressed)


@pytest.mark.parametrize("text", [
    HEAD + '# promolint: ignore inverted-threshold reason="staff test, FIN-123"\n' + BENEFIT + TAIL,
    HEAD + BENEFIT + '  # promolint: ignore inverted-threshold reason="staff test, FIN-123"' + TAIL,
    HEAD + "#promolint:ignore inverted-threshold,below-market reason='FIN-123' until=2999-01-01\n"
    + BENEFIT + TAIL,
])
def test_yaml_comment_suppresses_the_finding(lint, text):
    report = lint(text, config=SELECT)
    assert active(report) == []
    hit = [f for f in report.findings if f.rule == "inverted-threshold"]
    assert hit and hit[0].suppressed and hit[0].suppressed_by == "comment"


@pytest.mark.parametrize("above,trailing", [
    ('  # promolint: ignore inverted-threshold reason="staff test"\n', ""),
    ("", '  # promolint: ignore inverted-threshold reason="staff test"'),
])
def test_dsl_comment_suppresses_the_finding(lint, above, trailing):
    report = lint(DSL.format(above=above, trailing=trailing), file="x.promo", config=SELECT)
    assert active(report) == []
    assert any(f.rule == "inverted-threshold" and f.suppressed == "staff test" for f in report.findings)


def test_comment_two_lines_above_does_not_apply(lint):
    text = HEAD + '# promolint: ignore inverted-threshold reason="x"\nlimits: {budget: 1000}\n' + BENEFIT + "\n"
    report = lint(text, config=SELECT)
    assert active(report) == [("inverted-threshold", 9), ("unused-suppression", 7)]


@pytest.mark.parametrize("comment,column", [
    ("# promolint: ignore inverted-threshold", 1),
    ('# promolint: ignore inverted-threshold reason=""', 1),
    ('# promolint: ignore inverted-treshold reason="typo"', 1),
    ('# promolint: ignore reason="no rule"', 1),
    ('# promolint: ignore inverted-threshold reason="x" until=soon', 1),
    ('# promolint: ignore inverted-threshold reason="x" owner=me', 1),
    ('# promolint: ignore inverted-threshold reason="unclosed', 1),
    ('# promolint: disable inverted-threshold reason="x"', 1),
])
def test_invalid_comment_is_an_error_and_suppresses_nothing(lint, comment, column):
    report = lint(HEAD + comment + "\n" + BENEFIT + TAIL, config=SELECT)
    assert active(report) == [("invalid-suppression", 7), ("inverted-threshold", 8)]
    bad = [f for f in report.findings if f.rule == "invalid-suppression"]
    assert bad[0].severity == "error" and bad[0].column == column


def test_expired_comment_stops_applying(lint):
    text = HEAD + '# promolint: ignore inverted-threshold reason="x" until=2020-01-01\n' + BENEFIT + TAIL
    report = lint(text, config=SELECT)
    assert active(report) == [("expired-suppression", 7), ("inverted-threshold", 8)]
    assert [f.severity for f in report.findings if f.rule == "expired-suppression"] == ["warning"]


def test_until_today_still_applies(lint):
    from datetime import date
    text = (HEAD + f'# promolint: ignore inverted-threshold reason="x" until={date.today()}\n'
            + BENEFIT + TAIL)
    assert active(lint(text, config=SELECT)) == []


def test_unused_comment_rule_is_reported_per_rule(lint):
    text = HEAD + '# promolint: ignore inverted-threshold,unbounded-cost reason="x"\n' + BENEFIT + TAIL
    report = lint(text, config='select = ["inverted-threshold", "unused-suppression", "unbounded-cost"]\n')
    unused = [f for f in report.findings if f.rule == "unused-suppression"]
    assert [(f.line, dict(f.args)["rules"]) for f in unused] == [(7, "unbounded-cost")]


def test_unused_is_quiet_for_a_rule_turned_off(lint):
    text = HEAD + '# promolint: ignore inverted-threshold reason="x"\n' + BENEFIT + TAIL
    report = lint(text, config='ignore = ["inverted-threshold"]\n')
    assert "unused-suppression" not in {f.rule for f in report.findings}


LIST = """\
suppress:
  - rule: {rule}
    reason: "clearance approved, FIN-123"
{until}"""


@pytest.mark.parametrize("rule,until,expect", [
    ("inverted-threshold", "", []),
    ("inverted-threshold", "    until: 2999-12-31\n", []),
    ("inverted-threshold", "    until: 2020-12-31\n", [("expired-suppression", 10), ("inverted-threshold", 7)]),
    ("unbounded-cost", "", [("inverted-threshold", 7), ("unused-suppression", 10)]),
    ("inverted-treshold", "", [("invalid-suppression", 10), ("inverted-threshold", 7)]),
])
def test_yaml_suppress_list(lint, rule, until, expect):
    text = HEAD + BENEFIT + TAIL + LIST.format(rule=rule, until=until)
    report = lint(text, config=SELECT.replace('"unused-suppression"', '"unused-suppression", "unbounded-cost"'))
    assert active(report) == expect
    if not expect:
        hit = [f for f in report.findings if f.rule == "inverted-threshold"]
        assert hit[0].suppressed == "clearance approved, FIN-123"
        assert hit[0].suppressed_by == "suppress-list"


def test_suppressed_findings_do_not_fail_and_show_in_json(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from promolint.cli import main
    monkeypatch.chdir(tmp_path)
    (tmp_path / "promolint.toml").write_text(SELECT, encoding="utf-8")
    (tmp_path / "a.promo.yaml").write_text(
        HEAD + BENEFIT + '  # promolint: ignore inverted-threshold reason="FIN-123"' + TAIL, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "."])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["findings"][0]["suppressed"] == {"reason": "FIN-123", "kind": "comment"}
    assert data["summary"]["suppressed"] == 1 and data["summary"]["errors"] == 0


def test_a_hash_inside_a_string_is_not_a_comment(lint):
    text = HEAD.replace("name: Spend 50, save 200", 'name: "Sale #1 promolint: ignore"') + BENEFIT + TAIL
    assert active(lint(text, config=SELECT)) == [("inverted-threshold", 7)]
