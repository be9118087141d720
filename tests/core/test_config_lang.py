"""A bad config is one line in the run's language (English text unchanged)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main
from tests.report.test_zh_messages import english_words

PROMO = (Path(__file__).resolve().parents[2] / "examples" / "shop" / "promotions"
         / "double11.promo.yaml").read_text("utf-8")
CONFIGS = ["max_below_markt = 0.5\n", "max_window_days = 0\n", "max_below_market = 2\n",
           '[fields]\n"user.x" = "number"\n', "market_prices = 3\n", "select = 'a'\n",
           "severity = {a = 'loud'}\n", "fields = 3\n", "overrides = 3\n", "x = \n",
           "max_below_market：0.5\n", "max_below_market = 0.5\nmax_below_market = 0.4\n"]


def _run(tmp_path, config: str, lang: str):
    (tmp_path / "promolint.toml").write_text(config, "utf-8")
    (tmp_path / "a.promo.yaml").write_text(PROMO, "utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", lang, str(tmp_path / "a.promo.yaml")])
    assert result.exit_code == 2 and "Traceback" not in result.output and "internal" not in result.output
    [line] = [l for l in result.output.splitlines() if l.startswith("promolint")]
    return line


@pytest.mark.parametrize("config", CONFIGS)
def test_a_bad_config_is_said_in_chinese(tmp_path, config):
    line = _run(tmp_path, config, "zh")
    assert re.search(r"[\u4e00-\u9fff]", line), line
    assert english_words(line, config + str(tmp_path) + " string int bool money list error "
                         "warning info off overrides diff") == [], line


def test_a_fullwidth_colon_in_the_config_is_named(tmp_path):
    line = _run(tmp_path, "max_below_market：0.5\n", "zh")
    assert "全角字符 ：" in line and ":1:" in line


@pytest.mark.parametrize("config", CONFIGS[:4])
def test_english_is_the_errors_own_text(tmp_path, config):
    line = _run(tmp_path, config, "en")
    assert not re.search(r"[\u4e00-\u9fff]", line)


def test_every_sentence_a_config_error_names_exists():
    from promolint.report.messages import UI
    source = "\n".join(p.read_text("utf-8") for p in Path("promolint").rglob("*.py"))
    names = set(re.findall(r'(?:ConfigError|_need)\([^()]*(?:\([^()]*\)[^()]*)*?"([a-z0-9]+-[a-z0-9-]+)"'
                           r'\s*(?:,|\))', source, re.S))
    assert len(names) > 20 and names <= set(UI), names - set(UI)
