"""The words inside messages that change with the language (Phrase).

A check passes `phrase("scope-whole-order")` where it would have passed "the whole
order", so a Chinese message never carries an English fragment. YAML parser problems
are PyYAML's / libyaml's own English: `yaml-problem` keeps it for English and says it
in Chinese from the table in promolint.core.yaml_problems.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from promolint.core.frozen import frozen


@frozen
class Phrase:
    """Words inside a message that are said differently in each language (a scope, the
    kind of value a field takes, a parser's problem): a key of promolint.core.phrases' table
    and its own arguments. Checks pass one as a message argument instead of English text;
    `listing` makes several one ("a, b" / "a、b")."""

    key: str
    args: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:  # English: what the argument was before it was a phrase,
        return english(self)  # so baseline fingerprints stay the same


def phrase(key: str, **args: Any) -> Phrase:
    return Phrase(key, tuple(sorted(args.items())))


PHRASES: dict[str, dict[str, str]] = {
    # scopes (overlapping-exclusive, stacking groups)
    "scope-whole-order": {"en": "the whole order", "zh": "整单"},
    "scope-whole-order-except": {"en": "the whole order except {skus}",
                                 "zh": "整单({skus} 除外)"},
    "scope-categories": {"en": "categories {categories}", "zh": "类目 {categories}"},
    "scope-categories-except": {"en": "categories {categories} except {skus}",
                                "zh": "类目 {categories}({skus} 除外)"},
    # what a schema field must be
    "type-number": {"en": "a number", "zh": "数字"},
    "type-integer": {"en": "a whole number", "zh": "整数"},
    "type-string": {"en": "text", "zh": "文本"},
    "type-boolean": {"en": "true or false", "zh": "true 或 false"},
    "type-object": {"en": "a mapping", "zh": "映射(键: 值)"},
    "type-array": {"en": "a list", "zh": "列表"},
    "type-null": {"en": "empty", "zh": "空值"},
    "either": {"en": "{first} or {second}", "zh": "{first}或{second}"},
    # a value as a message shows it
    "value-mapping": {"en": "a mapping", "zh": "一个映射"},
    "value-list": {"en": "a list", "zh": "一个列表"},
    "value-empty": {"en": "empty", "zh": "空"},
    "the-promotion": {"en": "the promotion", "zh": "促销本身"},
    "schema-problem": {"en": "{text}", "zh": "不符合格式要求"},
    "json-problem": {"en": "{text}", "zh": "JSON 写法有误"},  # Python's json module's own English
    "value-problem": {"en": "{text}", "zh": "值的类型不符"},  # Python's own English (an adapter's)
    # kinds of audience values (type-mismatch)
    "kind-number": {"en": "number", "zh": "数字"},
    "kind-string": {"en": "string", "zh": "文本"},
    "kind-bool": {"en": "bool", "zh": "布尔值"},
    "kind-list": {"en": "list", "zh": "列表"},
    "kind-money": {"en": "money", "zh": "金额"},
    # what a parser expected or found (DSL and audience expressions)
    "tok-number": {"en": "a number", "zh": "数字"},
    "tok-word": {"en": "a word (an id, SKU or name)", "zh": "一个词(id、SKU 或名称)"},
    "tok-string": {"en": 'a "quoted string"', "zh": '带引号的文本("…")'},
    "tok-quoted": {"en": "a quoted string", "zh": "带引号的文本"},
    "tok-stamp": {"en": "a timestamp such as 2026-11-11T00:00:00+08:00",
                  "zh": "时间,例如 2026-11-11T00:00:00+08:00"},
    "tok-bool": {"en": "true or false", "zh": "true 或 false"},
    "tok-field": {"en": "a field such as user.tier", "zh": "字段,例如 user.tier"},
    "tok-comparison": {"en": "a comparison (==, !=, <, <=, >, >=)",
                       "zh": "比较符(==、!=、<、<=、>、>=)"},
    "tok-end-file": {"en": "the end of the file", "zh": "文件末尾"},
    "tok-end-expr": {"en": "the end of the expression", "zh": "表达式末尾"},
    "tok-end-text": {"en": "the end of the text", "zh": "文本末尾"},
    "tok-something-else": {"en": "something else", "zh": "其他内容"},
    "tok-other": {"en": "{name}", "zh": "其他写法"},
    "parse-error": {"en": "{text}", "zh": "无法识别的写法"},
    "nesting-too-deep": {"en": "nesting too deep", "zh": "嵌套过深"},
    "expr-too-long": {"en": "an expression longer than {limit} characters",
                      "zh": "超过 {limit} 个字符的表达式"},
    # files
    "nothing": {"en": "nothing", "zh": "空"},
    "not-shown-outside": {"en": "(not shown: the file is outside the config's folder)",
                          "zh": "(不显示:该文件不在配置所在的文件夹内)"},
    "is-a-directory": {"en": "it is a directory", "zh": "这是一个文件夹"},
    "os-error": {"en": "{text}", "zh": "系统错误 {code}"},
    "os-EACCES": {"en": "{text}", "zh": "没有读取权限"},
    "os-ENOENT": {"en": "{text}", "zh": "文件不存在"},
    "os-EISDIR": {"en": "{text}", "zh": "这是一个文件夹"},
    "os-ELOOP": {"en": "{text}", "zh": "符号链接循环"},
    # a percent off, read both ways: Chinese shops speak in 折 (9 折 = pays 90% = 10% off),
    # so "90% 折扣" would be read as 9 折; say how much is taken off and what is paid
    "percent-off": {"en": "{percent}% off (pays {pays}%)", "zh": "减 {percent}%（即 {zhe} 折）"},
    "percent-off-all": {"en": "100% off (free)", "zh": "减 100%（即免费）"},
    # what a Chinese keyboard types (keyboard.FULLWIDTH)
    "fw-colon": {"en": "full-width colon", "zh": "全角冒号"},
    "fw-comma": {"en": "full-width comma", "zh": "全角逗号"},
    "fw-enum-comma": {"en": "Chinese enumeration comma", "zh": "顿号"},
    "fw-paren": {"en": "full-width parenthesis", "zh": "全角括号"},
    "fw-lenticular": {"en": "Chinese bracket", "zh": "方头括号"},
    "fw-bracket": {"en": "full-width square bracket", "zh": "全角方括号"},
    "fw-brace": {"en": "full-width brace", "zh": "全角花括号"},
    "fw-quote": {"en": "Chinese quotation mark", "zh": "中文引号"},
    "fw-equals": {"en": "full-width equals sign", "zh": "全角等号"},
    "fw-bang": {"en": "full-width exclamation mark", "zh": "全角感叹号"},
    "fw-less": {"en": "full-width less-than sign", "zh": "全角小于号"},
    "fw-greater": {"en": "full-width greater-than sign", "zh": "全角大于号"},
    "fw-space": {"en": "full-width space", "zh": "全角空格"},
    # YAML parser problems: English as PyYAML wrote it, Chinese from yaml_problems
    "yaml-problem": {"en": "{text}", "zh": "{text}"},
}
LIST_SEP = {"en": ", ", "zh": "、"}


def say(value: Any, lang: str = "en") -> Any:
    """A message argument in `lang`: a Phrase said in it, anything else as is."""
    if isinstance(value, Phrase):
        return _phrase(value, lang)
    return value


def listing(items) -> Phrase:
    """Several values (phrases or text) as one phrase: "a, b" / "a、b"."""
    return phrase("list", items=tuple(items))


def percent_off(percent: Decimal) -> Phrase:
    """`percent`% off in words of each language: "90% off (pays 10%)", "减 90%(即 1 折)"."""
    if percent >= 100:
        return phrase("percent-off-all")
    pays = 100 - percent
    return phrase("percent-off", percent=_plain(percent), pays=_plain(pays), zhe=_plain(pays / 10))


def _plain(value: Decimal) -> str:
    if value.as_tuple().exponent < -3:  # 33.333...: three places are plenty
        value = value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return f"{value.normalize():f}"


def english(value: Any) -> str:
    """The English of a phrase (or a plain value): a stable sort key."""
    return str(say(value, "en"))


def _phrase(value: Phrase, lang: str) -> str:
    if value.key == "list":
        items = dict(value.args).get("items", ())
        return (LIST_SEP.get(lang) or LIST_SEP["en"]).join(str(say(v, lang)) for v in items)
    args = {k: say(v, lang) for k, v in value.args}
    if value.key == "yaml-problem" and lang == "zh":
        from promolint.core.yaml_problems import in_chinese
        return in_chinese(str(args.get("text", "")))
    table = PHRASES.get(value.key)
    if table is None:
        return value.key
    template = table.get(lang) or table["en"]
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):
        return table["en"].format_map(_Blank(args))


class _Blank(dict):
    def __missing__(self, key):
        return ""
