"""The rule catalog: one YAML entry per rule in rules/, the single source for
severities, docs, messages (every language) and the tested examples.

A check run needs every rule's severity but only the messages of the findings it
reports, so `rules()` parses each entry's head (name, code, severity, summaries)
and the rest of an entry (docs, messages, examples: most of the text) on first use.
"""
from __future__ import annotations

import os
import re
from dataclasses import field
from functools import cached_property, lru_cache

from promolint.core.frozen import frozen

LANGS = ("en", "zh")
HEAD = ("name", "code", "severity", "summary", "summary_zh")
# A top-level key starts a line; the entries are block mappings (tests/report/test_catalog.py
# proves the head parsed alone equals the whole entry's).
_TOP_KEY = re.compile(r"^(?=[A-Za-z_][\w-]*:)", re.M)


@frozen
class Example:
    """A bad or good example of a rule, linted by the tests."""

    file: str
    text: str
    config: str = ""
    prices: str = ""
    expect: tuple[str, ...] = ()  # "line:column" of this rule's findings, when given
    cases: str = ""  # a `promolint test` case file for the example, run by the tests


@frozen
class Rule:
    """One catalog entry; `source` is its YAML text, the rest is parsed from it on use."""

    name: str
    code: str
    severity: str
    summary: str
    summary_zh: str = ""
    source: str = field(default="", repr=False)

    @cached_property
    def _entry(self) -> dict:
        return _load(self.source)

    @property
    def what(self) -> str:
        return self._entry["what"]

    @property
    def why(self) -> str:
        return self._entry["why"]

    @property
    def fix(self) -> str:
        return self._entry["fix"]

    @property
    def options(self) -> str:
        return self._entry.get("options", "")

    def text(self, part: str, lang: str = "en") -> str:
        """`summary`, `what`, `why`, `fix` or `options` in `lang` (the `<part>_zh` key),
        English when the entry has no such text."""
        if part == "summary":
            return self.summary_zh if lang == "zh" and self.summary_zh else self.summary
        if lang != "en" and self._entry.get(f"{part}_{lang}"):
            return self._entry[f"{part}_{lang}"]
        return self._entry.get(part, "")

    @property
    def messages(self) -> dict:
        """Message templates by id, each {lang: template}."""
        return self._entry.get("messages", {})

    @property
    def bad(self) -> tuple[Example, ...]:
        return _examples(self._entry.get("examples", {}).get("bad"))

    @property
    def good(self) -> tuple[Example, ...]:
        return _examples(self._entry.get("examples", {}).get("good"))


def _load(text: str):
    import yaml
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _load_all(text: str) -> list:
    import yaml
    return list(yaml.load_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def rules_dir() -> str:
    """The folder of the rule files (the promolint.rules package)."""
    from importlib import import_module
    return os.path.dirname(import_module("promolint.rules").__file__)


def head_text(text: str) -> str:
    """The blocks of an entry's top-level HEAD keys, as YAML text."""
    blocks = _TOP_KEY.split(text)
    head = "".join(b for b in blocks if b.partition(":")[0] in HEAD)
    return head if head.endswith("\n") else head + "\n"  # the next entry's `---` starts a line


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """All rules by name, sorted by code."""
    folder = rules_dir()
    texts = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                texts.append(handle.read())
    heads = _load_all("".join("---\n" + head_text(text) for text in texts))  # one YAML stream
    out = [Rule(raw["name"], raw["code"], raw["severity"], raw["summary"],
                raw.get("summary_zh", ""), text) for raw, text in zip(heads, texts)]
    return {r.name: r for r in sorted(out, key=lambda r: r.code)}


def _examples(items) -> tuple[Example, ...]:
    return tuple(Example(i["file"], i["text"], i.get("config", ""), i.get("prices", ""),
                         tuple(str(e) for e in i.get("expect", ())), i.get("cases", ""))
                 for i in items or ())


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    """Message templates by id, each {lang: template} (parses every entry)."""
    out: dict = {}
    for rule in rules().values():
        out.update(rule.messages)
    return out


def templates(message_id: str, rule: str | None = None) -> dict[str, str] | None:
    """The templates of one message: looked up in its rule's entry first, so rendering
    a finding parses that entry only (message ids are unique across the catalog)."""
    entry = rules().get(rule) if rule else None
    if entry is not None and message_id in entry.messages:
        return entry.messages[message_id]
    return messages().get(message_id)


def lookup(name_or_code: str) -> Rule | None:
    table = rules()
    if name_or_code in table:
        return table[name_or_code]
    for rule in table.values():
        if rule.code.lower() == name_or_code.lower():
            return rule
    return None


# Where each rule's page (docs/rules/<name>.md, generated by promolint.report.explain)
# is published: SARIF helpUri, the language server's codeDescription.href, `rules --format json`
DOCS_URL = "https://github.com/promolint/promolint/blob/main/docs/rules/{name}.md"


def doc_url(name: str) -> str:
    """The address of a rule's documentation page."""
    return DOCS_URL.format(name=name)


def rules_table() -> str:
    """The README's rules table in Markdown, generated from the catalog."""
    lines = ["| code | rule | default | what it catches |", "|---|---|---|---|"]
    for rule in rules().values():
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.severity} | {rule.summary} |")
    return "\n".join(lines) + "\n"
