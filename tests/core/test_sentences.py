"""The tool's own sentences: one index of tables (each said in en and zh with the same
placeholders), one `say` that escapes every argument."""
from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import promolint
from promolint.core.sentences import TABLES, say


def _everything_imported() -> None:
    for found in pkgutil.walk_packages(promolint.__path__, "promolint."):
        if not found.name.endswith("__main__"):
            importlib.import_module(found.name)
    from promolint.audit import shops
    for name in shops.SHOPS:  # a shop's notes join the phrases when it is loaded
        shops.load(name)


_everything_imported()


def _looks_like_a_table(value) -> bool:
    return (isinstance(value, dict) and bool(value)
            and all(isinstance(v, dict) and "en" in v for v in value.values()))


def test_every_table_of_sentences_is_in_the_index():
    """A table of en/zh sentences anywhere in the package is registered (core.sentences.table)
    or merged entry by entry into one that is, so the parity test below covers it."""
    indexed = {id(entry) for t in TABLES.values() for entry in t.values()}
    loose = []
    for name, module in sorted(vars(__import__("sys")).get("modules").items()):
        if not name.startswith("promolint."):
            continue
        for var, value in vars(module).items():
            if _looks_like_a_table(value) and not all(id(v) in indexed for v in value.values()):
                loose.append(f"{name}.{var}")
    assert loose == []
    assert len(TABLES) >= 8


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


# Said differently on purpose: the English passes a library's own English through ({text}
# of PyYAML, jsonschema, the OS; click's usage text), which the Chinese says in its words;
# a percent off is "pays N%" in English and "N 折" in Chinese.
DIFFERENT = {
    "core.phrases.PHRASES": {"schema-problem", "json-problem", "value-problem", "tok-other",
                             "parse-error", "os-error", "os-EACCES", "os-ENOENT", "os-EISDIR",
                             "os-ELOOP", "percent-off"},
    "report.messages.UI": {"usage-rule"},
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_sentence_has_en_and_zh_with_the_same_placeholders(name):
    for key, langs in TABLES[name].items():
        assert set(langs) == {"en", "zh"}, (name, key)
        same = _fields(langs["en"]) == _fields(langs["zh"])
        assert same != (key in DIFFERENT.get(name, ())), (name, key)


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_argument_can_start_a_line(name, lang):
    """Whatever the table, an argument with a newline (a case named "x\\n::error ...")
    is said escaped: the sentence keeps the lines its template has."""
    for key, langs in TABLES[name].items():
        template = langs[lang]
        args = {f.split(".")[0].split("[")[0]: "x\n::error file=a::forged" for f in _fields(template)}
        try:
            shown = say(TABLES[name], key, lang, **args)
        except (ValueError, TypeError):  # a placeholder with a number format: not text
            continue
        assert shown.count("\n") == template.count("\n"), (name, key)
        assert "\n::" not in shown


def test_say_falls_back_to_english_and_says_phrases_in_the_language():
    from promolint.core.phrases import phrase
    words = {"a": {"en": "{x} here"}, "b": {"en": "{x!r}", "zh": "{x!r}"}}
    assert say(words, "a", "zh", x=phrase("scope-whole-order")) == "整单 here"
    assert say(words, "b", "en", x="\x1b[2J") == repr("\x1b[2J")
