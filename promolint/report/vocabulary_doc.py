"""The vocabulary a promotion is written in, as `promolint fields` prints it and as
docs/vocabulary.md holds it (generated: tests/report/test_vocabulary_doc.py keeps the
file in sync): every audience field with its type and meaning, every benefit type with
its fields, every campaign and what its audience must require.

The words come from where they are kept once: the vocabulary (fields, their meanings),
the schema (which fields each benefit type takes, which are required) and fielddocs
(what each benefit field and each campaign means).
"""
from __future__ import annotations

import json

from promolint.core.sentences import say, table
from promolint.report import fielddocs

TITLES = table("report.vocabulary_doc.TITLES", {
    "fields": {"en": "Audience fields", "zh": "受众字段"},
    "fields-intro": {
        "en": "An `audience` compares these with values: `user.tier in [\"gold\", \"vip\"] and "
              "not user.blocked`. The config's `fields` table adds more.",
        "zh": "`audience` 用这些字段与值比较,例如 `user.tier in [\"gold\", \"vip\"] and not "
              "user.blocked`。配置的 `fields` 表可以添加更多字段。"},
    "benefits": {"en": "Benefit types", "zh": "优惠类型"},
    "benefits-intro": {"en": "`benefit.type` picks one; * marks a required field.",
                       "zh": "`benefit.type` 选择其中一种;带 * 的字段必填。"},
    "campaigns": {"en": "Campaigns", "zh": "活动类型"},
    "campaigns-intro": {"en": "`campaign` declares the intent; the audience must guard it "
                              "(missing-eligibility).",
                        "zh": "`campaign` 声明活动意图;受众条件必须守住它(missing-eligibility)。"},
    "added": {"en": "added by the config", "zh": "由配置添加"},
})
TYPE_WORDS = {"en": {"string": "text", "int": "whole number", "bool": "true/false",
                     "money": "money", "list": "list of texts"},
              "zh": {"string": "文本", "int": "整数", "bool": "true/false", "money": "金额",
                     "list": "文本列表"}}


def pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    return text + " " * max(0, width - shown_width(text))


def shown_width(text: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _say(key: str, lang: str) -> str:
    return say(TITLES, key, lang)


def _pick(pair: tuple, lang: str) -> str:
    return pair[1] if lang == "zh" and pair[1] else pair[0]


def audience_fields(lang: str, fields: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(field, type in words, meaning) for every audience field, sorted by name."""
    from promolint.core.config import DEFAULT_FIELDS
    from promolint.expr.vocabulary import MEANINGS
    words = TYPE_WORDS.get(lang, TYPE_WORDS["en"])
    rows = []
    for name, kind in sorted((fields or DEFAULT_FIELDS).items()):
        meaning = _pick(MEANINGS[name], lang) if name in MEANINGS else _say("added", lang)
        rows.append((name, words.get(kind, kind), meaning))
    return rows


def benefit_types(lang: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(type, meaning, [(field, what it is)]) for every benefit type, in the schema's order."""
    from promolint.schema.validate import schema_text
    defs = json.loads(schema_text())["$defs"]
    out = []
    for name in defs["benefit"]["properties"]["type"]["enum"]:
        node = defs[name]
        required = set(node.get("required", ()))
        items = []
        for key in node.get("properties", {}):
            if key == "type":
                continue
            doc = fielddocs.FIELDS.get(f"benefit.{key}")
            items.append((key + ("*" if key in required else ""), _pick(doc[:2], lang) if doc else ""))
        meaning = _pick(fielddocs.VALUES["benefit.type"].get(name, ("", "")), lang)
        out.append((name, meaning, items))
    return out


def campaigns(lang: str) -> list[tuple[str, str]]:
    """(campaign, what its audience must require) for every campaign."""
    from promolint.model.promotion import CAMPAIGNS
    values = fielddocs.VALUES["campaign"]
    return [(name, _pick(values.get(name, ("", "")), lang)) for name in CAMPAIGNS]


def fields_text(lang: str = "en", fields: dict[str, str] | None = None) -> str:
    """The vocabulary as plain text for a terminal."""
    out = [_say("fields", lang), _say("fields-intro", lang), ""]
    rows = audience_fields(lang, fields)
    width = max(len(r[0]) for r in rows)
    kinds = max(shown_width(r[1]) for r in rows)
    out += [f"  {n:<{width}}  {pad(k, kinds)}  {m}" for n, k, m in rows]
    out += ["", _say("benefits", lang), _say("benefits-intro", lang), ""]
    for name, meaning, items in benefit_types(lang):
        out.append(f"  {name}: {meaning}")
        out += [f"      {key}: {text}" for key, text in items]
    out += ["", _say("campaigns", lang), _say("campaigns-intro", lang), ""]
    rows2 = campaigns(lang)
    width = max(len(n) for n, _ in rows2)
    out += [f"  {n:<{width}}  {m}" for n, m in rows2]
    return "\n".join(out) + "\n"


def fields_markdown(lang: str = "en") -> str:
    """One language's section of docs/vocabulary.md."""
    head = {"en": ("field", "type", "meaning", "type", "fields (* required)", "campaign",
                   "the audience must require"),
            "zh": ("字段", "类型", "含义", "类型", "字段(* 必填)", "活动类型", "受众条件必须包含")}[lang]
    out = [f"## {_say('fields', lang)}", "", _say("fields-intro", lang), "",
           f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---|---|"]
    out += [f"| `{n}` | {k} | {m} |" for n, k, m in audience_fields(lang)]
    out += ["", f"## {_say('benefits', lang)}", "", _say("benefits-intro", lang), "",
            f"| {head[3]} | {head[4]} |", "|---|---|"]
    for name, meaning, items in benefit_types(lang):
        listed = "<br>".join(f"`{k}`: {t}" for k, t in items) or "-"
        out.append(f"| `{name}`: {meaning} | {listed} |")
    out += ["", f"## {_say('campaigns', lang)}", "", _say("campaigns-intro", lang), "",
            f"| {head[5]} | {head[6]} |", "|---|---|"]
    out += [f"| `{n}` | {m} |" for n, m in campaigns(lang)]
    return "\n".join(out) + "\n"


def vocabulary_doc() -> str:
    """docs/vocabulary.md: the English section, then the Chinese one."""
    intro = ("# The promotion vocabulary / 促销词汇表\n\n"
             "<!-- generated by `promolint fields --format markdown`; "
             "tests/report/test_vocabulary_doc.py checks it -->\n\n"
             "The same list, for the installed version: `promolint fields` "
             "(`--lang zh` for Chinese). 已安装版本的同一份列表:`promolint fields --lang zh`。\n\n")
    return intro + fields_markdown("en") + "\n# 中文\n\n" + fields_markdown("zh")
