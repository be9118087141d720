"""What a Chinese keyboard types (full-width punctuation and spaces, tabs, `=` for `==`,
a misspelt DSL keyword): a `syntax` finding at the exact character, with the fix."""
from __future__ import annotations

import pytest

from promolint.report.messages import render

HEAD = ("apiVersion: promolint/v1\nkind: Promotion\nid: p1\nname: 双11\ncurrency: CNY\n"
        "window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}\n")
BODY = "benefit: {type: amount_off, amount: 5}\nlimits: {budget: 10}\n"


def syntax(report):
    return [(f.line, f.column, f.message_id) for f in report.findings if f.rule == "syntax"]


@pytest.mark.parametrize("text,expect", [
    ("benefit:\n  type: threshold_off\n  threshold：300\n  amount: 50\n",
     [(9, 12, "keyboard-colon-space")]),  # `: ` meant: YAML needs the space too
    ("benefit:\n  threshold：300\n", [(8, 12, "keyboard-colon-space")]),  # YAML parses it
    ("benefit:\n  threshold： 300\n", [(8, 12, "keyboard-fullwidth")]),  # the space is there
    ("benefit：\n  threshold: 300\n", [(7, 8, "keyboard-fullwidth")]),  # the line ends
    ("currency：CNY\n" + BODY, [(7, 9, "keyboard-colon-space")]),
    ('name: "Double 11: spend 200"\ncurrency：CNY\n' + BODY, [(8, 9, "keyboard-colon-space")]),
    (BODY + "scope: {skus: [A-1，B-2]}\n", [(9, 19, "keyboard-fullwidth")]),
    (BODY + "scope: {skus: [“A-1”]}\n", [(9, 16, "keyboard-fullwidth"), (9, 20, "keyboard-fullwidth")]),
    (BODY + "scope:\n  skus: 【A-1】\n", [(10, 9, "keyboard-fullwidth"), (10, 13, "keyboard-fullwidth")]),
    (BODY + "scope:\n  categories:\n  - 童装、女装\n", [(11, 7, "keyboard-fullwidth")]),
    ("benefit:\n\ttype: amount_off\n", [(8, 1, "keyboard-tab")]),
    ("benefit:\n\u3000type: amount_off\n", [(8, 1, "keyboard-space")]),
    ("benefit:\n  type:\u3000amount_off\n", [(8, 8, "keyboard-space")]),
])
def test_yaml_typed_characters_are_found_where_they_are(lint, text, expect):
    assert syntax(lint(HEAD + text)) == expect


def test_the_fix_names_the_character_in_the_run_language(lint):
    [finding] = [f for f in lint(HEAD + "benefit:\n  threshold： 300\n").findings if f.rule == "syntax"]
    assert "把全角冒号 ： 改成半角 :" in render(finding, "zh")
    assert "full-width colon" in render(finding, "en")


def test_a_colon_with_text_after_it_says_colon_and_space_in_both_languages(lint):
    """`threshold：300` needs `: ` (YAML reads `key:300` as text too): the English and
    the Chinese sentence both say so, and the fix types both."""
    from promolint.report import fixes
    text = HEAD + "benefit:\n  threshold：300\n"
    [finding] = [f for f in lint(text).findings if f.rule == "syntax"]
    assert finding.message_id == "keyboard-colon-space"
    assert "`: `" in render(finding, "en") and "`: `" in render(finding, "zh")
    [fix] = fixes.fixes(finding, text)
    assert [e.text for e in fix.edits] == [": "]


def test_a_typed_character_replaces_the_parsers_own_message(lint):
    report = lint(HEAD + "benefit:\n  type: threshold_off\n  threshold：300\n  amount: 50\n")
    assert "yaml-syntax" not in [f.message_id for f in report.findings]


def test_an_earlier_unrelated_parse_error_is_kept(lint):
    report = lint(HEAD + "scope: {skus: [A-1}\nbenefit:\n  threshold：300\n")
    assert [m for _, _, m in syntax(report)] == ["yaml-syntax", "keyboard-colon-space"]


@pytest.mark.parametrize("text", [
    "name: 双11：满200减50（限时）“爆款”\n",                   # a name is the marketer's text
    "owner: 增长组，张三\n",
    "suppress:\n  - {rule: below-market, reason: 财务批准，工单 FIN-1}\n",
    "suppress:\n  - rule: below-market\n    reason: 财务批准：工单 FIN-1\n",
    "scope: {skus: [\"A-1，B-2\"]}\n",                        # inside ASCII quotes
    "# 备注：全角冒号写在注释里没关系\n",
    "x: |\n  块文本：随便写，“引号”\n",
    "benefit:\n  type:\tamount_off\n  amount: 5\n",          # a tab after the colon is fine
])
def test_yaml_texts_people_write_may_hold_them(lint, text):
    assert [m for m in syntax(lint(HEAD.replace("name: 双11\n", "") + text + BODY))
            if m[2].startswith("keyboard")] == []


@pytest.mark.parametrize("audience,expect", [
    ('user.tier = "gold"', [(9, 21, "expr-single-equals")]),
    ("user.tier == “gold”", [(9, 24, "keyboard-fullwidth"), (9, 29, "keyboard-fullwidth")]),
    ("user.tier in 【'a'】", [(9, 24, "keyboard-fullwidth"), (9, 28, "keyboard-fullwidth")]),
    ("（user.order_count == 0)", [(9, 11, "keyboard-fullwidth")]),
])
def test_audience_typed_characters(lint, audience, expect):
    assert syntax(lint(HEAD + BODY + f"audience: {audience}\n")) == expect


@pytest.mark.parametrize("audience", ['user.tier == "gold"', "user.tags contains '双11：爆款'",
                                      "user.order_count >= 1 and user.order_count != 3"])
def test_audiences_that_parse_are_quiet(lint, audience):
    assert syntax(lint(HEAD + BODY + f"audience: {audience}\n")) == []


def test_single_equals_says_use_double(lint):
    [finding] = [f for f in lint(HEAD + BODY + 'audience: user.tier = "gold"\n').findings
                 if f.rule == "syntax"]
    assert "`==`" in render(finding, "zh") and "`==`" in render(finding, "en")


DSL = 'promotion p1 "x" {{\n  currency CNY\n  {line}\n}}\n'


@pytest.mark.parametrize("line,expect", [
    ("benifit amount_off 5", [(3, 3, "dsl-keyword-typo")]),
    ("benefit spend 200 sav 50", [(3, 21, "dsl-keyword-typo")]),
    ("limits per_usr 1", [(3, 10, "dsl-keyword-typo")]),
    ('audience user.tier = "gold"', [(3, 22, "expr-single-equals")]),
    ("audience user.tier == “gold”", [(3, 25, "keyboard-fullwidth"), (3, 30, "keyboard-fullwidth")]),
    ("limits　per_user 1", [(3, 9, "keyboard-space")]),
    ("scope skus [A-1，B-2]", [(3, 18, "keyboard-fullwidth")]),
    ("owner：crm@example.com", [(3, 8, "keyboard-dsl-colon")]),  # a field's separator
    ("  limits：per_user 1", [(3, 11, "keyboard-dsl-colon")]),
    ("window 2026-11-11T00：00:00+08:00 .. 2026-11-12T00:00:00+08:00",
     [(3, 23, "keyboard-fullwidth")]),  # inside a time: ":" was meant
])
def test_dsl_typed_characters_and_typos(lint, line, expect):
    assert syntax(lint(DSL.format(line=line), file="x.promo")) == expect


def test_dsl_name_with_fullwidth_quotes_is_found(lint):
    report = lint('promotion p1 “双11” {\n  currency CNY\n}\n', file="x.promo")
    assert syntax(report) == [(1, 14, "keyboard-fullwidth"), (1, 18, "keyboard-fullwidth")]


def test_a_keyword_typo_suggests_the_keyword(lint):
    [finding] = [f for f in lint(DSL.format(line="benifit amount_off 5"), file="x.promo").findings
                 if f.rule == "syntax"]
    assert dict(finding.args)["hint"] == "benefit"
    assert "是不是想写 'benefit'" in render(finding, "zh")


@pytest.mark.parametrize("line", ["zzzzzz 5", "audience user.tier == 'a' zork"])
def test_no_hint_for_a_word_far_from_every_keyword(lint, line):
    ids = [m for _, _, m in syntax(lint(DSL.format(line=line), file="x.promo"))]
    assert ids and "dsl-keyword-typo" not in ids


@pytest.mark.parametrize("line", ['owner "增长组，张三"', "# 注释：随便写，“引号”", 'benefit amount_off 5'])
def test_dsl_texts_people_write_may_hold_them(lint, line):
    text = 'promotion p1 "双11：满200减50（限时）" {\n  currency CNY\n  ' + line + "\n}\n"
    assert syntax(lint(text, file="x.promo")) == []


def test_a_dsl_fields_colon_says_use_a_space(lint):
    [finding] = [f for f in lint(DSL.format(line="owner：crm@example.com"), file="x.promo").findings
                 if f.rule == "syntax"]
    assert "Replace the full-width colon ： with a space" in render(finding, "en")
    assert "`owner`" in render(finding, "zh") and "改成空格" in render(finding, "zh")
