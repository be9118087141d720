"""A witness says what the shop charges and, labelled, the exact price the rule judged:
text (en, zh), JSON, SARIF; fingerprints do not depend on it (docs/rounding.md)."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.report.fingerprint import fingerprint
from promolint.report.witness_text import describe
from tests.report.test_zh_messages import english_words

PROMO = """\
apiVersion: promolint/v1
kind: Promotion
id: tee-55
name: 55% off tees
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
scope: {skus: [TEE-1]}
benefit: {type: percent_off, percent: 55}
limits: {budget: 1000}
"""
PRICES = "sku,currency,market_price,category\nTEE-1,CNY,9.95,apparel\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "promolint.toml").write_text('market_prices = "prices.csv"\nselect = ["below-market"]\n',
                                             encoding="utf-8")
    (tmp_path / "prices.csv").write_text(PRICES, encoding="utf-8")
    (tmp_path / "tee.promo.yaml").write_text(PROMO, encoding="utf-8")
    return tmp_path


def check(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", *args, "."])
    assert result.exit_code == 1, result.output
    return result.stdout


def test_text_says_the_charge_and_the_exact_price(repo):
    out = check()
    # 55% of 9.95 is 5.4725 off: the shop charges 4.48
    assert "sells at 4.48 CNY a unit" in out and "55% below market" in out
    assert "pays 4.48 (4.4775 before rounding) (market 9.95)" in out


def test_chinese_text_is_chinese(repo):
    out = check("--lang", "zh")
    assert "实付 4.48(舍入前 4.4775)(市场价 9.95)" in out
    witness_line = next(line for line in out.splitlines() if "反例" in line)
    assert english_words(witness_line, PROMO + PRICES) == [], witness_line


def test_json_carries_exact_pays_only_when_it_differs(repo):
    [finding] = json.loads(check("--format", "json"))["findings"]
    assert finding["witness"]["pays"] == "4.48" and finding["witness"]["exact_pays"] == "4.4775"
    (repo / "prices.csv").write_text(PRICES.replace("9.95", "10.00"), encoding="utf-8")
    [finding] = json.loads(check("--format", "json", "--no-cache"))["findings"]
    assert finding["witness"]["pays"] == "4.50" and "exact_pays" not in finding["witness"]


def test_sarif_witness_property(repo):
    sarif = json.loads(check("--format", "sarif"))
    [result] = sarif["runs"][0]["results"]
    assert result["properties"]["witness"]["exact_pays"] == "4.4775"


def test_fingerprint_does_not_depend_on_the_witness(repo):
    from promolint.core.config import load_settings
    from promolint.run.lint import lint_paths
    [diag] = [d for d in lint_paths(["."], load_settings(Path("."))).findings
              if d.rule == "below-market"]
    assert diag.witness.exact_pays is not None
    unrounded = diag.with_(witness=replace(diag.witness, exact_pays=None, pays=diag.witness.exact_pays))
    assert fingerprint(diag, repo) == fingerprint(unrounded, repo)


def test_describe_without_exact_pays_is_unchanged():
    from promolint.core.diagnostics import Witness, WitnessLine
    from decimal import Decimal
    w = Witness(cart=(WitnessLine("A", 1, Decimal("10")),), user=(), pays=Decimal("4"),
                market=Decimal("10"))
    assert describe(w) == "witness: any user; cart A x1 @ 10.00; pays 4.00 (market 10.00)"
    assert describe(replace(w, exact_pays=Decimal("3.995"))) == (
        "witness: any user; cart A x1 @ 10.00; pays 4.00 (3.995 before rounding) (market 10.00)")
    assert describe(replace(w, exact_pays=Decimal("3.995")), "zh") == (
        "反例:任意用户;购物车 A x1 @ 10.00;实付 4.00(舍入前 3.995)(市场价 10.00)")
