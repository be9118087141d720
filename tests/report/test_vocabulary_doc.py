"""The vocabulary ships with the package: `promolint fields` (en/zh) and docs/vocabulary.md
(generated, kept in sync here) list every audience field, benefit type and campaign."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.core.config import DEFAULT_FIELDS
from promolint.model.promotion import BENEFIT_TYPES, CAMPAIGNS
from promolint.report.vocabulary_doc import benefit_types, campaigns, vocabulary_doc
from tests.report.test_zh_messages import english_words

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "vocabulary.md"


def test_docs_vocabulary_md_is_the_generated_text():
    assert DOC.read_text("utf-8") == vocabulary_doc(), \
        "run `promolint fields --format markdown > docs/vocabulary.md`"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fields_lists_every_field_benefit_and_campaign(lang):
    out = CliRunner().invoke(main, ["fields", "--lang", lang]).output
    for name in [*DEFAULT_FIELDS, *BENEFIT_TYPES, *CAMPAIGNS]:
        assert re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.])", out), name


def test_every_benefit_lists_the_schema_fields_and_what_they_are():
    schema = json.loads((ROOT / "promolint" / "schema" / "promotion.schema.json").read_text("utf-8"))
    for name, meaning, items in benefit_types("zh"):
        props = set(schema["$defs"][name]["properties"]) - {"type"}
        assert {k.rstrip("*") for k, _ in items} == props, name
        assert meaning and all(text for _, text in items), name


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_campaign_says_what_its_audience_must_require(lang):
    assert [n for n, m in campaigns(lang) if not m] == []


def test_chinese_fields_carry_no_english():
    out = CliRunner().invoke(main, ["fields", "--lang", "zh"]).output
    values = "app web basic silver gold vip p"  # example values and a variable, not words
    bad = [line for line in out.splitlines() if english_words(line, values)]
    assert bad == []


def test_fields_include_the_configs_own(tmp_path, monkeypatch):
    (tmp_path / "promolint.toml").write_text('[fields]\n"user.vip_level" = "int"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["fields", "--lang", "zh"]).output
    assert "user.vip_level" in out and "由配置添加" in out


def test_messages_point_at_docs_the_user_has():
    """No rule text sends people to the spec, a file outside the installed package."""
    from promolint.report.catalog import rules
    for rule in rules().values():
        assert not re.search(r"\bspec\b|shared/spec", rule.source), rule.name
