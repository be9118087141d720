"""`eval --save-case` says its sentences in the run's language (messages.UI), en unchanged."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main
from tests.report.test_zh_messages import english_words

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-11T10:00:00+08:00"
CART = str(ROOT / "examples" / "carts" / "d11-apparel.cart.yaml")
SHOP = str(ROOT / "examples" / "shop")


def save(case: Path, lang: str, *extra: str):
    return CliRunner().invoke(main, ["eval", SHOP, "--lang", lang, "--at", AT, "--cart", CART,
                                     "--save-case", str(case), *extra])


def test_english_is_unchanged(tmp_path):
    case = tmp_path / "d.cases.yaml"
    assert save(case, "en").output.startswith(f"promolint: saved case 'd11-apparel' to {case}\n")
    done = save(case, "en")
    assert done.exit_code == 2 and f"promolint: {case} exists; add --force to overwrite it" in done.output
    done = save(tmp_path / "d.yaml", "en")
    assert f"{tmp_path / 'd.yaml'}: name the case file *.cases.yaml, so 'promolint test' finds it" in done.output


def test_chinese_says_every_save_case_sentence_in_chinese(tmp_path):
    case = tmp_path / "d.cases.yaml"
    said = [save(case, "zh").output.splitlines()[0]]
    said.append(save(case, "zh").output.strip())
    said.append(save(tmp_path / "d.yaml", "zh").output.strip())
    for line in said:
        rest = line.replace(str(tmp_path), "").removeprefix("promolint")
        assert re.search(r"[\u4e00-\u9fff]", line) and english_words(rest, "d11-apparel") == [], line
    assert "已将用例" in said[0] and "已存在" in said[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_needs_cart_has_a_sentence(lang):
    from promolint.report.messages import ui
    assert ui("save-case-needs-cart", lang).count("--cart") == 1
