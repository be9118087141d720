"""No English fragment inside a Chinese message: every template, every phrase (scopes,
value kinds, schema expectations, parser words), every YAML problem both parsers report,
and the findings of a corpus of broken promotions, rendered in Chinese.

An ASCII word is allowed when it is code-like (holds a digit, `_`, `.`, `/`, `@`; or is
an acronym such as CNY, SKU, YAML), a name of the format (a field, key, rule, campaign,
benefit type, DSL keyword), a proper noun from a cited incident, or text the user wrote
(a word of the linted file, its config or price list). Anything else is English.
"""
from __future__ import annotations

import json
import re
import string
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from promolint.report.catalog import messages, rules
from promolint.core.config import DEFAULT_FIELDS
from tests import shared
from promolint.report.messages import render
from promolint.core.phrases import PHRASES, phrase, say
from promolint.report.witness_text import describe
from promolint.core import yaml_problems
from tests.conftest import lint_example

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r"[A-Za-z0-9_.\-/:@+#$<>=]*[A-Za-z][A-Za-z0-9_.\-/:@+#$<>=]*")
CODE = re.compile(r"`[^`]*`|'[^'\n]*'|\"[^\"\n]*\"|“[^”]*”")
PROPER = {"Banana", "Republic", "Prime", "Day", "saleor", "Excel", "Schema", "promolint",
          "Tab", "Unicode", "RFC", "git", "libyaml", "PyYAML"}


@lru_cache(maxsize=1)
def names() -> frozenset[str]:
    """Every name of the format: schema keys and enum values, rule names, field names and
    their parts, DSL keywords, expression keywords."""
    out: set[str] = {"true", "false", "and", "or", "not", "in", "contains", "null",
                     "ignore"}  # `# promolint: ignore RULE`
    schema = json.loads((ROOT / "promolint" / "schema" / "promotion.schema.json").read_text("utf-8"))

    def walk(node):
        if isinstance(node, dict):
            out.update(k for k in node.get("properties", {}))
            out.update(str(v) for v in node.get("enum", ()) if isinstance(v, str))
            if isinstance(node.get("const"), str):
                out.add(node["const"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema)
    out.update(rules())
    for name, kind in DEFAULT_FIELDS.items():
        out.update((name, *name.split("."), kind))
    for grammar in ("promo.lark", "expr.lark"):
        out.update(re.findall(r'"([a-z_]+)"', (ROOT / "grammar" / grammar).read_text("utf-8")))
    return frozenset(out)


def english_words(text: str, user_text: str = "") -> list[str]:
    """The English words of `text`, a Chinese message (see the module docstring)."""
    users = {t.strip(".:-/<>") for t in TOKEN.findall(user_text)}
    found = []
    for token in TOKEN.findall(CODE.sub(" ", text)):
        token = token.strip(".:-/<>")
        if not token or re.search(r"[0-9_./@#$=]", token) or token.isupper():
            continue
        if token in names() or token in PROPER or token in users:
            continue
        found.append(token)
    return found


def _filled(template: str) -> str:
    fields = {n for _, n, _, _ in string.Formatter().parse(template) if n}
    return template.format(**{n: "X1" for n in fields})


@pytest.mark.parametrize("message_id", sorted(messages()))
def test_every_chinese_template_is_chinese(message_id):
    zh = messages()[message_id]["zh"]
    assert english_words(_filled(zh)) == [], zh


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_every_phrase_is_said_in_chinese(key):
    fields = {n for _, n, _, _ in string.Formatter().parse(PHRASES[key]["zh"]) if n}
    text = say(phrase(key, **{n: "X1" for n in fields} | {"text": "did not find it"}), "zh")
    assert english_words(text) == [], text


def test_a_list_of_phrases_is_listed_in_chinese():
    from promolint.core.phrases import listing
    text = say(listing([phrase("tok-number"), "'('", phrase("tok-field")]), "zh")
    assert text == "数字、'('、字段,例如 user.tier"
    assert say(listing([phrase("tok-number"), "'('"]), "en") == "a number, '('"


SUITE = ROOT.parent / "shared" / "data" / "yaml-test-suite"


@lru_cache(maxsize=1)
def yaml_problems_of_the_suite() -> frozenset[str]:
    """The problem texts libyaml and PyYAML report over the YAML test suite's invalid cases."""
    out = set()
    loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
    for case in sorted(SUITE.glob("**/in.yaml")):
        if not (case.parent / "error").exists():
            continue
        for loader in loaders:
            try:
                for _ in yaml.compose_all(case.read_text("utf-8", errors="replace"), Loader=loader):
                    pass
            except yaml.YAMLError as err:
                out.add(getattr(err, "problem", None) or getattr(err, "context", None) or "")
            except Exception:  # noqa: BLE001 - only the parsers' problem texts matter here
                pass
    return frozenset(out)


@shared.needs(SUITE)
def test_every_yaml_problem_of_the_suite_has_its_own_chinese_sentence():
    problems = yaml_problems_of_the_suite()
    assert len(problems) >= 20
    unknown = sorted(p for p in problems if not yaml_problems.known(p))
    assert unknown == []


def test_an_unknown_yaml_problem_is_still_chinese():
    assert yaml_problems.in_chinese("the parser gave up") == yaml_problems.UNKNOWN
    assert english_words(yaml_problems.UNKNOWN) == []


def test_every_grammar_terminal_is_said_in_chinese():
    from promolint.expr._parser import Lark_StandAlone
    from promolint.source.dsl.parse import parser
    from promolint.source.dsl.errors import _readable
    from promolint.expr.syntax import _readable as expr_readable
    said = [say(_readable(t.name), "zh") for t in parser().terminals]
    said += [say(expr_readable(t.name), "zh") for t in Lark_StandAlone().terminals]
    for text in said:
        assert english_words(text) == [], text


# Broken promotions beyond the catalog's examples, for the dynamic parts of messages.
HEAD = ("apiVersion: promolint/v1\nkind: Promotion\nid: p1\nname: 双11\ncurrency: CNY\n"
        "window: {start: 2026-11-11T00:00:00+08:00, end: 2026-11-12T00:00:00+08:00}\n")
EXTRA = {
    "type.promo.yaml": HEAD + "benefit: {type: percent_off, percent: [1]}\nlimits: {budget: 9}\n",
    "mapping.promo.yaml": HEAD + "benefit: {type: amount_off, amount: {a: 1}}\n",
    "empty.promo.yaml": HEAD + "benefit: {type: amount_off, amount: }\n",
    "int.promo.yaml": HEAD + "benefit: {type: amount_off, amount: 5}\nrollout: 1.5\n",
    "enum.promo.yaml": HEAD + "campaign: membr\nbenefit: {type: amount_off, amount: 5}\n",
    "unknown.promo.yaml": HEAD + "benefit: {type: amount_off, ammount: 5}\n",
    "list.promo.yaml": "- 1\n- 2\n",
    "scope.promo.yaml": (HEAD + "scope: {categories: [toys], exclude_skus: [T-1]}\n"
                         "benefit: {type: amount_off, amount: 5}\n---\n"
                         + HEAD.replace("p1", "p2") + "scope: {categories: [toys], "
                         "exclude_skus: [T-1]}\nbenefit: {type: amount_off, amount: 6}\n"),
    "whole.promo.yaml": (HEAD + "scope: {exclude_skus: [T-1]}\nbenefit: {type: amount_off, "
                         "amount: 5}\n---\n" + HEAD.replace("p1", "p2")
                         + "scope: {exclude_skus: [T-1]}\nbenefit: {type: amount_off, amount: 6}\n"),
    "tab.promo.yaml": HEAD + "benefit:\n\ttype: amount_off\n",
    "colon.promo.yaml": HEAD + "benefit:\n  type: threshold_off\n  threshold：300\n",
    "flow.promo.yaml": HEAD + "scope: {skus: [A-1, B-2}\n",
    "quote.promo.yaml": HEAD + 'name: "双11\n',
    "expr.promo.yaml": HEAD + "audience: user.tier ==\nbenefit: {type: amount_off, amount: 5}\n",
    "expr2.promo.yaml": HEAD + "audience: user.tier = 'gold'\nbenefit: {type: amount_off, amount: 5}\n",
    "expr3.promo.yaml": HEAD + "audience: (user.tier == 'gold'\nbenefit: {type: amount_off, amount: 5}\n",
    "dsl.promo": 'promotion p1 "x" {\n  currency CNY\n  benefit spend 200 save\n}\n',
    "dsl2.promo": 'promotion p1 "x" {\n  currency CNY\n  benifit amount_off 5\n}\n',
    "dsl3.promo": 'promotion p1 "x" {\n  currency CNY\n  audience user.tier in [\n}\n',
    "dsl4.promo": 'promotion p1 "x" {\n  window 2026-11-11 ..\n',
    "num.promo.yaml": HEAD + "benefit: {type: amount_off, amount: 017}\n",
    "tag.promo.yaml": HEAD + "benefit: !!python/object {type: amount_off}\n",
    "binary.promo.yaml": "a\x00b\n",
    "blank.promo.yaml": "",
    "id.promo.yaml": HEAD.replace("id: p1", "id: P 1").replace("CNY", "rmb")
    + "benefit: {type: tiered, tiers: [{threshold: 0, amount: 1}]}\n",
    "oneof.promo.yaml": HEAD + "stacking: sometimes\nbenefit: {type: tiered, tiers: "
    "[{threshold: 10}, {threshold: 20, amount: 2}]}\n",
    "required.promo.yaml": "apiVersion: promolint/v1\nkind: Promotion\nid: p1\n",
    "stamp.promo.yaml": HEAD.replace("2026-11-12T00:00:00+08:00", "tomorrow")
    + "benefit: {type: amount_off, amount: 5}\nstacking: {with: [p2x]}\n---\n"
    + HEAD.replace("p1", "p2") + "benefit: {type: amount_off, amount: 5}\n",
    "merge.promo.yaml": HEAD + "x: &a 1\nbenefit: {<<: *a, type: amount_off, amount: 5}\n",
    "key.promo.yaml": HEAD + "? [a]\n: 1\n",
    "comment.promo.yaml": HEAD + "benefit: {type: amount_off, amount: 5}  "
    "# promolint: ignore\n# promolint: ignore below-market reason=\"x\n"
    "# promolint: frobnicate\n# promolint: ignore below-market colour=red\n"
    "# promolint: ignore below-market reason=\"ok\" until=someday\n",
    "date.promo.yaml": HEAD + "benefit: {type: amount_off, amount: 5}\nsuppress:\n"
    "  - {rule: below-market, reason: '', until: soon}\n",
}


def _corpus():
    for rule in rules().values():
        for i, example in enumerate(rule.bad + rule.good):
            yield f"{rule.name}-{i}", example.file, example.text, example.config, example.prices
    for name, text in EXTRA.items():
        yield name, name, text, "", ""


CORPUS = list(_corpus())


@pytest.mark.parametrize("case", CORPUS, ids=[c[0] for c in CORPUS])
def test_findings_in_chinese_carry_no_english(tmp_path, case):
    _, file, text, config, prices = case
    report = lint_example(tmp_path, file, text, config, prices)
    user = "\n".join((text, config, prices, str(tmp_path)))
    for finding in report.findings:
        said = render(finding, "zh")
        if finding.witness is not None:
            said += " " + describe(finding.witness, "zh")
        assert english_words(said, user) == [], (finding.message_id, said)


def test_the_corpus_covers_most_messages(tmp_path):
    seen = set()
    for i, (_, file, text, config, prices) in enumerate(CORPUS):
        folder = tmp_path / str(i)
        folder.mkdir()
        seen |= {f.message_id for f in lint_example(folder, file, text, config, prices).findings}
    assert len(seen & set(messages())) >= 60, sorted(set(messages()) - seen)


def test_the_checker_sees_english():
    assert english_words("同时作用于 the whole order except T-1") == ["the", "whole", "order", "except"]
    assert english_words("应为 a number") == ["a", "number"]
    assert english_words("YAML 无法解析:did not find expected ',' or ']'") == \
        ["did", "find", "expected"]  # "not" and "or" are expression keywords
    assert english_words("请写 `percent: 10`;user.tier、GC-100、PL001、CNY") == []


def test_no_chinese_message_says_percent_zhekou():
    """"90% 折扣" reads as 9折 (10% off): a percent off is said as 减 90%（即 1 折）."""
    texts = [t["zh"] for t in messages().values()] + [t["zh"] for t in PHRASES.values()]
    texts += [r.summary_zh for r in rules().values()]
    assert [t for t in texts if re.search(r"%\s*(的)?折扣|%\s*折(?!\))", t)] == []


@pytest.mark.parametrize("rule", list(rules().values()), ids=lambda r: r.name)
def test_every_rule_is_documented_in_chinese(rule):
    """explain --lang zh: what, why, fix (and options) in Chinese, with no English word
    outside code (the rule's own examples count as the user's text)."""
    parts = ["what", "why", "fix"] + (["options"] if rule.options else [])
    examples = "\n".join(e.text + e.config + e.prices for e in rule.bad + rule.good)
    for part in parts:
        text = rule.text(part, "zh")
        assert text != rule.text(part, "en") and re.search(r"[\u4e00-\u9fff]", text), part
        assert english_words(text, examples) == [], (part, english_words(text, examples))
    assert english_words(rule.summary_zh, examples) == []
