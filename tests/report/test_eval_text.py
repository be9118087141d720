"""`promolint eval` and the catalog commands speak the run's language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.report.eval_text import REASONS_ZH, note, reason
from tests.report.test_zh_messages import english_words

ROOT = Path(__file__).resolve().parents[2]
EVAL = ["eval", str(ROOT / "examples" / "shop"), "--cart",
        str(ROOT / "examples" / "carts" / "d11-apparel.cart.yaml"), "--user",
        str(ROOT / "examples" / "carts" / "gold.user.yaml"), "--at", "2026-11-11T10:00:00+08:00"]


def test_every_reason_the_engine_gives_is_said_in_chinese():
    source = (ROOT / "promolint" / "engine" / "evaluator.py").read_text("utf-8")
    reasons = set(re.findall(r'return "([a-z][^"]+)"', source))
    reasons |= set(re.findall(r'\(p\.id, "([^"]+)"\)', source))
    assert reasons and reasons <= set(REASONS_ZH), reasons - set(REASONS_ZH)
    assert reason("a reason nobody wrote", "zh") == "其他原因"
    assert reason("audience not met", "en") == "audience not met"


def test_a_rollout_note_is_said_in_chinese():
    text = "p1: rollout 10% (gray release): evaluated as applying; only part of the traffic gets it"
    assert "灰度" in note(text, "zh") and "10%" in note(text, "zh") and note(text, "en") == text


@pytest.mark.parametrize("extra", [[], ["--exposure"]])
def test_eval_in_chinese_carries_no_english(extra):
    out = CliRunner().invoke(main, [*EVAL, *extra, "--lang", "zh"]).output
    ids = " ".join(re.findall(r"[a-z0-9][a-z0-9.-]+", out)) + " SKU CNY limits budget total"
    assert "未生效" in out or "最坏成本" in out
    assert [line for line in out.splitlines() if english_words(line, ids)] == []


def test_eval_follows_lang_from_the_environment():
    out = CliRunner().invoke(main, EVAL, env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""}).output
    assert "已生效" in out
    out = CliRunner().invoke(main, EVAL, env={"LANG": "en_US.UTF-8", "LC_ALL": ""}).output
    assert "applied:" in out


@pytest.mark.parametrize("command", [["rules"], ["explain", "inverted-threshold"], ["fields"]])
def test_catalog_commands_take_lang(command):
    zh = CliRunner().invoke(main, [*command, "--lang", "zh"]).output
    en = CliRunner().invoke(main, [*command, "--lang", "en"]).output
    assert re.search(r"[\u4e00-\u9fff]", zh) and zh != en


def test_rules_in_chinese_show_summary_zh():
    from promolint.report.catalog import rules
    out = CliRunner().invoke(main, ["rules", "--lang", "zh"]).output
    assert all(r.summary_zh in out for r in rules().values())


def test_explain_unknown_rule_in_chinese():
    result = CliRunner().invoke(main, ["explain", "inverted-treshold", "--lang", "zh"])
    assert result.exit_code == 2 and "是不是想写 'inverted-threshold'" in result.output


@pytest.mark.parametrize("cart", ["lines: []\n", "lines:\n  - {sku: TEE-001, quantity: 0}\n",
                                  "lines:\n  - {sku: NOPE-1}\n", "lines: [\n", "x: 1\nlines: [{sku: TEE-001}]\n",
                                  "lines:\n  - {sku: TEE-001, unit_price: -1}\n",
                                  "lines:\n  - {sku: TEE-001, quantiy: 3}\n", "lines: [{sku: 100200}]\n",
                                  "lines: [{sku: TEE-001}]\ncoupons: d11\n", "lines: [{sku: TEE-001}]\nchannel: 7\n",
                                  "lines: [{sku: TEE-001, category: 7}]\n", "- 1\n", "",
                                  "currency: rmb\nlines: [{sku: TEE-001}]\n",
                                  "currency: USD\nlines: [{sku: TEE-001}]\n",
                                  "currency: USD\nlines: [{sku: TEE-001, quantity: 3, unit_price: 99}]\n"])
def test_a_bad_cart_is_one_line_in_the_run_language(tmp_path, cart):
    path = tmp_path / "c.cart.yaml"
    path.write_text(cart, "utf-8")
    args = ["eval", str(ROOT / "examples" / "shop"), "--cart", str(path), "--at", "2026-11-11T10:00:00+08:00"]
    zh = CliRunner().invoke(main, [*args, "--lang", "zh"])
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert zh.exit_code == en.exit_code == 2 and "Traceback" not in zh.output + en.output
    [line] = [l for l in zh.output.splitlines() if l.startswith("promolint")]
    assert re.search(r"[\u4e00-\u9fff]", line), line
    assert english_words(line, cart + str(path)) == []
    assert not re.search(r"[\u4e00-\u9fff]", en.output)


def test_every_sentence_a_cart_error_names_exists():
    from promolint.report.messages import UI
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "promolint").rglob("*.py"))
    names = set(re.findall(r'CartError\((?:[^()]|\([^()]*\))*?,\s*f?"([a-z]+-[a-z0-9{}-]+)"', source, re.S))
    names = {n.replace("{what}", w) for n in names for w in ("cart", "user")}
    assert len(names) >= 5 and names <= set(UI), names - set(UI)
    # the cart and user problems (engine.cart's one validator): each sentence raised is
    # in UI, and each sentence there is raised somewhere
    from promolint.engine.cart import SENTENCES
    code = (ROOT / "promolint" / "engine" / "cart.py").read_text("utf-8").split("class CartProblem")[1]
    raised = set(re.findall(r'"((?:cart|user)-[a-z-]+)"', code)) - {"cart-problem"}
    assert raised == set(SENTENCES) and raised <= set(UI), raised ^ set(SENTENCES)
