"""The CLI's smaller edges (issue 24 §4): a path that does not exist, `test` saying why it
fails, a number too long to read that hides no budget, `--save-case` leaving out what does
not touch the cart."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from promolint.cli import main

ROOT = Path(__file__).resolve().parents[2]
HUGE = "9" * 30


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_path_that_does_not_exist_is_exit_2_with_one_line(here, lang):
    (here / "ok.promo.yaml").write_text((ROOT / "examples/shop/promotions/double11.promo.yaml")
                                        .read_text("utf-8"), encoding="utf-8")
    done = CliRunner().invoke(main, ["check", "--lang", lang, "nosuch", "ok.promo.yaml"])
    assert done.exit_code == 2
    assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1
    assert "nosuch" in done.stderr and "syntax" not in done.stderr


def test_test_says_on_stdout_why_passing_cases_fail(here):
    shutil.copytree(ROOT / "examples/shop", here / "shop")
    (here / "shop/promotions/broken.promo.yaml").write_text("apiVersion: promolint/v1\nid: [\n",
                                                            encoding="utf-8")
    done = CliRunner().invoke(main, ["test", "shop"])
    assert done.exit_code == 1
    lines = done.stdout.splitlines()
    assert any(line.startswith("shop/promotions/broken.promo.yaml:") for line in lines)
    assert " 0 failed, 0 invalid" in lines[-1] and lines[-1] != lines[-1].split(";")[0]


DSL = f"""promotion p1 "x" {{
  campaign general
  currency CNY
  window 2026-11-20T00:00:00+08:00 .. 2026-11-27T00:00:00+08:00
  benefit amount_off 5
  limits per_user {HUGE} budget 100
}}
"""
YAML = f"""apiVersion: promolint/v1
kind: Promotion
id: y1
name: x
currency: CNY
window: {{start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}}
benefit: {{type: threshold_off, threshold: 200, amount: 50}}
limits: {{per_user: {HUGE}, budget: 100}}
"""


@pytest.mark.parametrize("name,text", [("a.promo", DSL), ("a.promo.yaml", YAML)])
def test_a_number_too_long_to_read_hides_no_budget(lint, name, text):
    rules = {f.rule for f in lint(text, file=name).findings}
    assert "syntax" in rules and "unbounded-cost" not in rules
    without = text.replace(" budget 100", "").replace(", budget: 100", "")
    assert "unbounded-cost" in {f.rule for f in lint(without, file=name).findings}


def test_save_case_leaves_out_promotions_that_touch_no_line(here):
    case = here / "d11.cases.yaml"
    done = CliRunner().invoke(main, [
        "eval", str(ROOT / "examples/shop"), "--cart", str(ROOT / "examples/carts/d11-apparel.cart.yaml"),
        "--at", "2026-11-11T10:00:00+08:00", "--save-case", str(case)])
    assert done.exit_code == 0, done.output
    listed = yaml.safe_load(case.read_text("utf-8"))["cases"][0]["expect"]["not_applies"]
    # flash-hp300 (HP-300) and member-week-tea (grocery) reach neither TEE-001 nor SNK-200
    assert set(listed) == {"first-order-15", "member-week-tees", "vip-tiered"}
