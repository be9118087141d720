"""The rule catalog: one YAML entry per rule in rules/, the single source for
severities, docs, messages (every language) and the tested examples."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

LANGS = ("en", "zh")


@dataclass(frozen=True)
class Example:
    file: str
    text: str
    config: str = ""
    prices: str = ""
    expect: tuple[str, ...] = ()  # "line:column" of this rule's findings, when given


@dataclass(frozen=True)
class Rule:
    name: str
    code: str
    severity: str
    summary: str
    what: str
    why: str
    fix: str
    options: str = ""
    messages: dict = field(default_factory=dict)  # id -> {lang: template}
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    summary_zh: str = ""


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """All rules by name, sorted by code."""
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out = []
    for entry in resources.files("promolint.rules").iterdir():
        if entry.name.endswith(".yaml"):
            out.append(_rule(yaml.load(entry.read_text("utf-8"), Loader=loader)))
    return {r.name: r for r in sorted(out, key=lambda r: r.code)}


def _examples(items) -> tuple[Example, ...]:
    return tuple(Example(i["file"], i["text"], i.get("config", ""), i.get("prices", ""),
                         tuple(str(e) for e in i.get("expect", ()))) for i in items or ())


def _rule(raw: dict) -> Rule:
    examples = raw.get("examples", {})
    return Rule(raw["name"], raw["code"], raw["severity"], raw["summary"], raw["what"],
                raw["why"], raw["fix"], raw.get("options", ""), raw.get("messages", {}),
                _examples(examples.get("bad")), _examples(examples.get("good")),
                raw.get("summary_zh", ""))


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    """Message templates by id, each {lang: template}."""
    out: dict = {}
    for rule in rules().values():
        out.update(rule.messages)
    return out


def lookup(name_or_code: str) -> Rule | None:
    table = rules()
    if name_or_code in table:
        return table[name_or_code]
    for rule in table.values():
        if rule.code.lower() == name_or_code.lower():
            return rule
    return None


def rules_table() -> str:
    """The README's rules table in Markdown, generated from the catalog."""
    lines = ["| code | rule | default | what it catches |", "|---|---|---|---|"]
    for rule in rules().values():
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.severity} | {rule.summary} |")
    return "\n".join(lines) + "\n"
