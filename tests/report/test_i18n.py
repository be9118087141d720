"""The CLI speaks Chinese or English: --lang first, then LC_ALL / LC_MESSAGES / LANG."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.report.messages import UI, pick_lang
from tests.cli.test_cli import INVERTED

HAN = re.compile(r"[\u4e00-\u9fff]")


def run(*args, env=None):
    return CliRunner().invoke(main, ["check", *args, "."], env=env)


@pytest.fixture
def inverted(repo):
    repo("a.promo.yaml", INVERTED.format(id="a"))
    return repo


def test_lang_flag_switches_messages_witness_and_summary(inverted):
    zh = run("--lang", "zh").stdout
    en = run("--lang", "en").stdout
    assert HAN.search(zh) and not HAN.search(en)
    assert "反例" in zh and "witness" in en
    assert zh.rstrip().splitlines()[-1].startswith("检查了")


@pytest.mark.parametrize("env,expect", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),
])
def test_environment_picks_the_language(inverted, env, expect):
    out = run(env=env).stdout
    assert bool(HAN.search(out)) == (expect == "zh")


def test_flag_beats_environment(inverted):
    assert not HAN.search(run("--lang", "en", env={"LC_ALL": "zh_CN.UTF-8"}).stdout)


@pytest.mark.parametrize("fmt", ["json", "github", "gitlab", "junit", "sarif"])
def test_every_format_follows_the_language(inverted, fmt):
    assert HAN.search(run("--format", fmt, "--lang", "zh").stdout)


def test_json_messages_in_chinese(inverted):
    data = json.loads(run("--format", "json", "--lang", "zh").stdout)
    assert all(HAN.search(f["message"]) for f in data["findings"])


def test_ui_strings_exist_in_both_languages():
    for key, table in UI.items():
        assert set(table) == {"en", "zh"}, key


def test_pick_lang(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert pick_lang() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert pick_lang() == "zh" and pick_lang("en") == "en"
