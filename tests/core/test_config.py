"""Bad configuration: one clear line on stderr, exit 2, never a traceback."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from promolint.cli import main

PROMO = """apiVersion: promolint/v1
kind: Promotion
id: fine
name: Fine
currency: CNY
window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}
benefit: {type: threshold_off, threshold: 200, amount: 50}
limits: {budget: 1000, per_user: 1}
"""


def check(tmp_path, config: str, name: str = "promolint.toml", prices: str | None = None):
    (tmp_path / name).write_text(config, encoding="utf-8")
    if prices is not None:
        (tmp_path / "market_prices.csv").write_text(prices, encoding="utf-8")
    (tmp_path / "x.promo.yaml").write_text(PROMO, encoding="utf-8")
    return CliRunner().invoke(main, ["check", "--config", str(tmp_path / name),
                                     str(tmp_path / "x.promo.yaml")])


def one_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("promolint:")]
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "internal error" not in lines[0]
    return lines[0]


@pytest.mark.parametrize("config, expect", [
    ("max_window_days = \n", "invalid TOML"),
    ("[unclosed\n", "invalid TOML"),
    ("max_window_day = 3\n", "did you mean 'max_window_days'"),
    ("selct = ['syntax']\n", "did you mean 'select'"),
    ("max_below_market = nan\n", "max_below_market"),
    ("max_below_market = inf\n", "max_below_market"),
    ("max_below_market = 1.5\n", "max_below_market"),
    ("max_window_days = -3\n", "max_window_days"),
    ("max_window_days = true\n", "max_window_days"),
    ("max_file_bytes = 'big'\n", "max_file_bytes"),
    ("select = 'syntax'\n", "select"),
    ("fields = {'user.vip' = 'boolean'}\n", "user.vip"),
    ("severity = {syntax = 'fatal'}\n", "severity"),
    ("market_prices = 3\n", "market_prices"),
    ("market_prices = 'missing.csv'\n", "missing.csv"),
])
def test_bad_promolint_toml(tmp_path, config, expect):
    assert expect in one_line(check(tmp_path, config))


@pytest.mark.parametrize("config", ["[tool]\npromolint = 3\n",
                                    "[tool.promolint]\nmax_window_dayz = 3\n"])
def test_bad_pyproject_table(tmp_path, config):
    one_line(check(tmp_path, config, name="pyproject.toml"))


def test_config_not_utf8(tmp_path):
    (tmp_path / "promolint.toml").write_bytes(b"max_window_days = 3 # caf\xe9\n")
    (tmp_path / "x.promo.yaml").write_text(PROMO, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "promolint.toml"),
                                       str(tmp_path / "x.promo.yaml")])
    one_line(result)


def test_config_is_a_directory(tmp_path):
    (tmp_path / "promolint.toml").mkdir()
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "promolint.toml"), "."])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_good_config_is_accepted(tmp_path):
    result = check(tmp_path, "max_window_days = 10\nmax_below_market = 0.4\n")
    assert result.exit_code == 0, result.output
