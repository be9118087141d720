"""Bad price lists: one clear line naming the row, exit 2."""
from __future__ import annotations

import re

import pytest
from tests.core.test_config import check, one_line

from promolint.core.config import ConfigError
from promolint.source.prices import ISO_4217, parse_prices

HEADER = "sku,currency,market_price,category\n"


@pytest.mark.parametrize("text, where", [
    ("sku,price\nA,1\n", ":1:"),
    ("", ":1:"),
    (HEADER + "A,CNY\n", ":2:"),
    (HEADER + "A,CNY,-5\n", ":2:"),
    (HEADER + "A,CNY,abc\n", ":2:"),
    (HEADER + "A,CNY,0\n", ":2:"),
    (HEADER + "A,CNY,1e5\n", ":2:"),
    (HEADER + "A,CNY,1" + "0" * 30 + "\n", ":2:"),
    (HEADER + "A,CNY,1\nA,CNY,2\n", ":3:"),
    (HEADER + "A,cny,1\n", ":2:"),
    (HEADER + "A,RMB,1\n", ":2:"),
    (HEADER + "A,XYZ,1\n", ":2:"),
    (HEADER + ",CNY,1\n", ":2:"),
])
def test_bad_rows_name_their_line(text, where):
    with pytest.raises(ConfigError) as err:
        parse_prices(text, "p.csv")
    assert f"p.csv{where}" in str(err.value)


def test_csv_errors_are_config_errors():
    with pytest.raises(ConfigError):
        parse_prices(HEADER + "A,CNY,1\x00\n", "p.csv")
    with pytest.raises(ConfigError):
        parse_prices(HEADER + "A,CNY,1,\"" + "x" * 200_000 + "\"\n", "p.csv")


def test_good_list():
    prices = parse_prices(HEADER + "A,CNY,9.90,toys\n\nB,USD,1,\n", "p.csv")
    assert str(prices["A"].market_price) == "9.90" and prices.category("A") == "toys"
    assert prices["B"].category is None


def test_iso_list_is_real_codes():
    assert {"CNY", "USD", "EUR", "JPY", "HKD"} <= ISO_4217
    assert not {"RMB", "XYZ", "CYN"} & ISO_4217
    assert all(len(code) == 3 and code.isupper() for code in ISO_4217)


@pytest.mark.parametrize("prices", [HEADER + "A,CNY,-1\n", "sku\n", HEADER + "A,CNY,1\x00\n"])
def test_cli_one_line(tmp_path, prices):
    line = one_line(check(tmp_path, 'market_prices = "market_prices.csv"\n', prices=prices))
    assert "market_prices.csv" in line


ROWS = [["A", "CNY", "9.90"], ["A", "CNY", "9.90", "toys"], ["A", "CNY", "9.90", ""],
        [" A", "CNY", "1"], ["A", " CNY", "1"], ["A", "CNY", "1 "], ["A", "CNY", "1", " toys "],
        ["A", "CNY", "0"], ["A", "CNY", "0.00"], ["A", "CNY", "007.50"], ["A", "RMB", "1"],
        ["A", "cny", "1"], ["", "CNY", "1"], ["A", "CNY"], ["A", "CNY", "1", "x", "y"],
        ["A", "CNY", "1" * 20], ["A", "CNY", "1" * 21], ["A", "CNY", "0" * 5 + "1" * 20],
        ["A", "CNY", "1" * 19 + ".5"], ["A", "CNY", "1e5"], ["A", "CNY", "-1"], ["A", "CNY", "١"]]


@pytest.mark.parametrize("has_category", [True, False])
@pytest.mark.parametrize("row", ROWS)
def test_plain_rows_take_the_quick_path_with_the_same_result(row, has_category):
    """`_plain` either declines (None) or gives exactly the Price `_row` gives."""
    from promolint.source.prices import _plain, _row
    quick = _plain(list(row), has_category)
    try:
        full = _row(list(row), 2, "p.csv", has_category)
    except ConfigError:
        assert quick is None
        return
    assert quick is None or (quick == full and repr(quick) == repr(full))
    if row == ["A", "CNY", "9.90"] or (has_category and row == ["A", "CNY", "9.90", "toys"]):
        assert quick is not None


GBK_ROWS = HEADER + "TEE-001,CNY,99.00,童装\nHP-300,CNY,899.00,数码产品\n"


def _check_bytes(tmp_path, data: bytes, *args, env=None):
    from click.testing import CliRunner
    from promolint.cli import main
    from tests.core.test_config import PROMO
    (tmp_path / "promolint.toml").write_text('market_prices = "market_prices.csv"\n', "utf-8")
    (tmp_path / "market_prices.csv").write_bytes(data)
    (tmp_path / "x.promo.yaml").write_text(PROMO, encoding="utf-8")
    return CliRunner().invoke(main, ["check", *args, "--config", str(tmp_path / "promolint.toml"),
                                     str(tmp_path / "x.promo.yaml")], env=env)


@pytest.mark.parametrize("args,env,says", [
    (("--lang", "zh"), None, "CSV UTF-8(逗号分隔)"),
    (("--lang", "en"), None, "CSV UTF-8 (Comma delimited)"),
    ((), {"LANG": "zh_CN.UTF-8", "LC_ALL": ""}, "看起来是 GBK"),
    ((), {"LANG": "en_US.UTF-8", "LC_ALL": ""}, "looks like GBK"),
])
def test_an_excel_gbk_price_list_says_save_as_csv_utf8_in_the_run_language(tmp_path, args, env, says):
    line = one_line(_check_bytes(tmp_path, GBK_ROWS.encode("gbk"), *args, env=env))
    assert says in line and "market_prices.csv:3:" in line  # the first byte UTF-8 refuses
    assert "\ufffd" not in line and "\\x" not in line  # no garbage


def test_a_utf16_price_list_says_save_as_csv_utf8(tmp_path):
    line = one_line(_check_bytes(tmp_path, GBK_ROWS.encode("utf-16"), "--lang", "zh"))
    assert "UTF-16" in line and "CSV UTF-8" in line


def test_other_non_utf8_bytes_say_save_as_utf8(tmp_path):
    line = one_line(_check_bytes(tmp_path, (HEADER + "A,CNY,1,\xff\xfe\xfd\n").encode("latin-1")[:-1]
                                 + b"\x80\n", "--lang", "en"))
    assert "not UTF-8" in line and "GBK" not in line


def test_a_utf8_price_list_with_chinese_categories_is_fine(tmp_path):
    result = _check_bytes(tmp_path, GBK_ROWS.encode("utf-8-sig"), "--lang", "zh")
    assert result.exit_code in (0, 1) and "promolint:" not in result.output


@pytest.mark.parametrize("text", [HEADER + "A,CNY,-5\n", "sku,price\nA,1\n", HEADER + "A,RMB,1\n",
                                  HEADER + "A,CNY,1\nA,CNY,2\n", HEADER + "A\n", HEADER + ",CNY,1\n"])
def test_price_list_errors_are_said_in_chinese(tmp_path, text):
    line = one_line(_check_bytes(tmp_path, text.encode(), "--lang", "zh"))
    assert re.search(r"[\u4e00-\u9fff]", line), line


def test_every_config_error_key_has_its_sentence():
    from pathlib import Path
    from promolint.report.messages import UI
    source = "\n".join(p.read_text("utf-8") for p in Path("promolint").rglob("*.py"))
    keys = set(re.findall(r'ConfigError\([^)]*?"([a-z0-9-]+)"\s*,\s*\w+=', source, re.S))
    assert keys and keys <= set(UI), keys - set(UI)


# --- The price list is read once, bounded, and quoted only from inside the repo (issue 12) ---

def _config(tmp_path, where):
    (tmp_path / "promolint.toml").write_text(f'market_prices = "{where}"\n')
    from promolint.core.config import load_settings
    return load_settings(tmp_path)


def _load_error(tmp_path, where) -> str:
    from promolint.run.lint import make_context
    with pytest.raises(ConfigError) as err:
        make_context(_config(tmp_path, where))
    return str(err.value)


def test_a_fifo_or_a_device_is_refused_without_hanging(tmp_path):
    import os
    os.mkfifo(tmp_path / "fifo.csv")  # nobody writes: opening it for reading would block
    assert "not a regular file" in _load_error(tmp_path, "fifo.csv")
    assert "not a regular file" in _load_error(tmp_path, "/dev/zero")


def test_a_list_over_the_size_limit_is_refused_after_a_bounded_read(tmp_path, monkeypatch):
    from promolint.source import prices
    monkeypatch.setattr(prices, "MAX_BYTES", 64)
    (tmp_path / "big.csv").write_text(HEADER + "A,CNY,1\n" * 20)
    reads = []
    real = prices.os.read
    monkeypatch.setattr(prices.os, "read", lambda fd, n: reads.append(n) or real(fd, n))
    assert "larger than" in _load_error(tmp_path, "big.csv")
    assert sum(reads) <= 65


def test_invalid_utf8_is_one_clear_error(tmp_path):
    (tmp_path / "p.csv").write_bytes(HEADER.encode() + b"A,CNY,1,\xff\n")
    assert "not UTF-8" in _load_error(tmp_path, "p.csv")


def test_errors_quote_only_a_short_escaped_excerpt_from_inside_the_repo(tmp_path):
    (tmp_path / "p.csv").write_text("\x1b]0;owned\x07" + "x" * 500 + "\n")
    message = _load_error(tmp_path, "p.csv")
    assert "\x1b" not in message and "\x07" not in message and "\\x1b" in message
    assert "x" * 41 not in message


def test_a_list_outside_the_repo_is_read_but_never_quoted(tmp_path):
    outside, repo = tmp_path / "secrets", tmp_path / "repo"
    outside.mkdir()
    repo.mkdir()
    (outside / "env").write_text("GITHUB_TOKEN=hunter2\n")
    (repo / "link.csv").symlink_to(outside / "env")  # a symlink is where it points
    for where in (str(outside / "env"), "../secrets/env", "link.csv"):
        message = _load_error(repo, where)
        assert "hunter2" not in message and "GITHUB_TOKEN" not in message
    (outside / "env").write_text(HEADER + "A,CNY,1\n")
    from promolint.run.lint import make_context
    assert "A" in make_context(_config(repo, "../secrets/env")).prices  # allowed, documented


def test_the_cache_is_keyed_on_the_bytes_that_were_linted(tmp_path, monkeypatch):
    """A list replaced between linting and fingerprinting (a `git pull` during a run)
    cannot store the old list's results under the new list's key."""
    from promolint.run import cache
    from promolint.run import lint
    from promolint.core.config import Settings
    monkeypatch.setenv("PROMOLINT_CACHE_DIR", str(tmp_path / "cache"))
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "promolint.toml").write_text('market_prices = "p.csv"\n')
    (repo / "p.csv").write_text(HEADER + "SKU-1,CNY,100\n")
    (repo / "a.promo.yaml").write_text(PRICED)
    real = cache.open_cache

    def swapped(ctx, lang="en"):  # the new list lands after the old one was read for linting
        (repo / "p.csv").write_text(HEADER + "OTHER,CNY,100\n")
        return real(ctx, lang)
    monkeypatch.setattr(cache, "open_cache", swapped)
    first = lint.lint_paths([str(repo)], Settings(), cache=True, jobs=1)
    assert "unpriced-sku" not in {d.rule for d in first.findings}  # linted with SKU-1 priced
    monkeypatch.setattr(cache, "open_cache", real)
    second = lint.lint_paths([str(repo)], Settings(), cache=True, jobs=1)
    assert "unpriced-sku" in {d.rule for d in second.findings}  # the new list: no false green


PRICED = """apiVersion: promolint/v1
kind: Promotion
id: a
name: "Ten off"
currency: CNY
window:
  start: 2026-11-11T00:00:00+08:00
  end: 2026-11-12T00:00:00+08:00
scope:
  skus: [SKU-1]
benefit:
  type: amount_off
  amount: 10
limits:
  per_user: 1
  budget: 1000
"""


@pytest.mark.parametrize("data", [GBK_ROWS.encode("gbk"), GBK_ROWS.encode("utf-16"),
                                  HEADER.encode() + b"A,CNY,1,\xff\n"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_language_server_says_a_price_list_problem_as_the_cli_does(tmp_path, data, lang):
    """One sentence on both surfaces: the server showed source/prices.py's own English
    (another sentence than the CLI's, and English in a Chinese editor)."""
    from promolint.lsp.repo import RepoLinter
    cli = one_line(_check_bytes(tmp_path, data, "--lang", lang))
    linted = RepoLinter().lint(str(tmp_path / "x.promo.yaml"),
                               (tmp_path / "x.promo.yaml").read_text("utf-8"), lang=lang)
    assert linted.problem and cli == f"promolint: {linted.problem}"
