"""Suggested fixes: each one, applied, removes its finding; SARIF and JSON carry them."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from promolint.report import fixes
from promolint.cli import main
from promolint.core.config import load_settings
from promolint.run.lint import lint_paths
from tests import shared
from tests.report.test_sarif import SCHEMA as BESIDE

# shared/ beside the clone (CI), or beside the folder of worktrees (a worktree here)
SCHEMA = next((p for p in (BESIDE, Path(__file__).resolve().parents[4] / "shared" / "data" / "sarif"
                           / "sarif-schema-2.1.0.json") if p.is_file()), BESIDE)

HEAD = """\
apiVersion: promolint/v1
kind: Promotion
id: {id}
name: Spend and save
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
limits: {{budget: 1000, per_user: 1}}
"""
SPEND = HEAD + "benefit:\n  type: threshold_off\n  threshold: 50\n  amount: 200\n"
DSL = """\
promotion spend-dsl "Spend and save" {
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
  benefit spend 50.0 save 200
  limits per_user 1 budget 1000
}
"""


def only(report, rule: str):
    found = [d for d in report.findings if d.rule == rule and not d.suppressed]
    assert found, [d.rule for d in report.findings]
    return found[0]


def fixed(lint, text: str, rule: str, file: str = "x.promo.yaml"):
    """The text with the (one) fix of `rule`'s finding applied, and the finding's rules after."""
    found = [fixes.fixes(d, text) for d in lint(text, file).findings if d.rule == rule]
    offered = [f for f in found if f]
    assert len(offered) == 1 and len(offered[0]) == 1, found
    offered = offered[0]
    after = fixes.apply(text, offered[0].edits)
    return after, {d.rule for d in lint(after, file).findings if not d.suppressed}


@pytest.mark.parametrize("text, rule, expect", [
    (SPEND.format(id="a").replace("  amount: 200", "  amuont: 200"), "schema", "  amount: 200"),
    (SPEND.format(id="a") + "campaign: flash-sale\n", "schema", "campaign: flash_sale"),
    (SPEND.format(id="a") + "campaign: 'flash-sale'\n", "schema", "campaign: 'flash_sale'"),
    (SPEND.format(id="a").replace("threshold_off", "treshold_off").replace("amount: 200", "amount: 20"),
     "schema", "type: threshold_off"),
    (HEAD.format(id="a") + "benefit: {type: amount_off, amount: 5}\naudience: \"user.teir == 'gold'\"\n",
     "unknown-field", "user.tier == 'gold'"),
])
def test_did_you_mean(lint, text, rule, expect):
    after, rules = fixed(lint, text, rule)
    assert expect in after and rule not in rules


def test_did_you_mean_a_reference(lint, tmp_path):
    (tmp_path / "other.promo.yaml").write_text(
        HEAD.format(id="member-week") + "benefit: {type: amount_off, amount: 5}\nstacking: stackable\n")
    text = HEAD.format(id="a") + "benefit: {type: amount_off, amount: 5}\nstacking: {with: [member-wek]}\n"
    lint(text)
    diag = only(lint_paths([str(tmp_path)], load_settings(explicit=tmp_path / "promolint.toml")),
                "unknown-reference")
    (fix,) = fixes.fixes(diag, text)
    assert "[member-week]" in fixes.apply(text, fix.edits)


@pytest.mark.parametrize("text, file", [(SPEND.format(id="a"), "x.promo.yaml"), (DSL, "x.promo")])
def test_swap_threshold_and_amount(lint, text, file):
    after, rules = fixed(lint, text, "inverted-threshold", file)
    assert "inverted-threshold" not in rules
    assert ("threshold: 200" in after and "amount: 50\n" in after) or "spend 200 save 50.0" in after


def test_a_suppression_suppresses_with_a_reason_and_an_expiry(lint):
    diag = only(lint(SPEND.format(id="a")), "inverted-threshold")
    fix = fixes.suppression(diag, SPEND.format(id="a"), today=date(2026, 11, 1))
    (edit,) = fix.edits
    assert edit.text == ('  # promolint: ignore inverted-threshold reason="TODO: who approved this, '
                         'and why it is safe" until=2026-12-01\n')
    # and the fix made today suppresses today (a fixed date would expire with the calendar)
    fix = fixes.suppression(diag, SPEND.format(id="a"), today=date.today())
    after = fixes.apply(SPEND.format(id="a"), fix.edits)
    report = lint(after)
    assert only_suppressed(report, "inverted-threshold")
    assert not {"invalid-suppression", "unused-suppression"} & {d.rule for d in report.findings}


def only_suppressed(report, rule: str) -> bool:
    return any(d.rule == rule and d.suppressed for d in report.findings)


def test_no_suppression_inside_a_block_scalar(lint):
    """A comment line inside `audience: |` would become part of the expression."""
    text = (HEAD.format(id="a") + "benefit: {type: amount_off, amount: 5}\n"
            "audience: |\n  user.tier == 'gold' and\n  user.teir == 'x'\n")
    diag = only(lint(text), "unknown-field")
    assert fixes.suppression(diag, text) is None
    assert fixes.fixes(diag, text) == [] or "user.tier == 'x'" in fixes.apply(
        text, fixes.fixes(diag, text)[0].edits)  # never the wrong text


def test_nothing_for_a_syntax_error(lint):
    diag = only(lint("a: [\n"), "syntax")
    assert fixes.fixes(diag, "a: [\n") == [] and fixes.suppression(diag, "a: [\n") is None


@pytest.fixture
def broken(tmp_path, monkeypatch):
    (tmp_path / "a.promo.yaml").write_text(SPEND.format(id="a"))
    (tmp_path / "b.promo.yaml").write_text(SPEND.format(id="b").replace("amount: 200", "amount: 20")
                                           .replace("type: threshold_off", "type: treshold_off"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", *args, "."])
    assert result.exit_code == 1, result.output
    return result.stdout


def test_json_carries_the_fixes(broken):
    data = json.loads(run("--format", "json"))
    by_rule = {f["rule"]: f for f in data["findings"]}
    swap = by_rule["inverted-threshold"]["fixes"][0]
    assert swap["kind"] == "swap" and [e["text"] for e in swap["edits"]] == ["200", "50"]
    assert by_rule["schema"]["fixes"][0]["edits"][0]["text"] == "threshold_off"


@shared.needs(SCHEMA)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sarif_fixes_are_valid(broken, lang):
    import jsonschema
    log = json.loads(run("--format", "sarif", "--lang", lang))
    schema = json.loads(Path(SCHEMA).read_text("utf-8"))
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
    assert not errors, errors[0]
    results = log["runs"][0]["results"]
    changes = [r["fixes"][0]["artifactChanges"][0] for r in results if "fixes" in r]
    assert len(changes) == 2
    assert {c["artifactLocation"]["uri"] for c in changes} == {"a.promo.yaml", "b.promo.yaml"}
    swap = next(c for c in changes if c["artifactLocation"]["uri"] == "a.promo.yaml")
    assert swap["replacements"][0]["deletedRegion"] == {
        "startLine": 10, "startColumn": 14, "endLine": 10, "endColumn": 16}


MONEY = st.decimals(min_value=1, max_value=99999, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=25, deadline=None)
@given(threshold=MONEY, extra=MONEY, dsl=st.booleans())
@example(threshold=Decimal("200.00"), extra=Decimal("1.00"), dsl=False)  # the text holds "200" too
def test_swap_exchanges_the_numbers_as_written(threshold, extra, dsl):
    from promolint.checks import Context
    from promolint.core.config import Settings
    from promolint.run.load import load_file
    from promolint.run.workers import per_promotion
    amount = threshold + extra
    text = (DSL.replace("spend 50.0 save 200", f"spend {threshold} save {amount}") if dsl else
            SPEND.format(id="p").replace("threshold: 50\n  amount: 200",
                                         f"threshold: {threshold}\n  amount: {amount}"))
    name = "p.promo" if dsl else "p.promo.yaml"
    promos, _ = load_file(name, Settings(), text)
    (diag,) = [d for d in per_promotion(promos, Context(Settings())) if d.rule == "inverted-threshold"]
    (fix,) = fixes.fixes(diag, text)
    promos, _ = load_file(name, Settings(), fixes.apply(text, fix.edits))
    assert (promos[0].benefit.threshold, promos[0].benefit.amount) == (amount, threshold)


def test_fixes_of_piped_text_are_made_on_that_text(broken):
    """`check -` with --stdin-filename of a file on disk: the fixes fit the piped text."""
    piped = SPEND.format(id="a").replace("threshold: 50", "threshold: 70")
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "a.promo.yaml",
                                       "--format", "json", "--context", "none"], input=piped)
    data = json.loads(result.stdout)
    (swap,) = [f for f in data["findings"] if f["rule"] == "inverted-threshold"][0]["fixes"]
    assert [e["text"] for e in swap["edits"]] == ["200", "70"]
