"""The tool's own sentences: one way to say them, one index of the tables that hold them.

A table maps a key to its sentence in each language we ship, {"en": ..., "zh": ...},
with `{placeholders}` for the arguments. `say` is the only lookup: every table
(report.messages.UI, diff.words, cases, engine.cart, audit...) is said through it, so
every argument is escaped the same way whatever the table. `table` registers one in
TABLES, the index the en/zh placeholder-parity test walks.
"""
from __future__ import annotations

import string
from typing import Any

from promolint.core.diagnostics import printable
from promolint.core.phrases import PHRASES, say as said_in

Table = dict[str, dict[str, str]]
# "module.NAME" -> table, filled as modules are imported. A table merged into another
# (engine.cart.SENTENCES into report.messages.UI, audit notes into PHRASES) is covered there.
TABLES: dict[str, Table] = {"core.phrases.PHRASES": PHRASES}


def table(name: str, sentences: Table) -> Table:
    """`sentences`, registered in TABLES under `name` (the module and variable)."""
    TABLES[name] = sentences
    return sentences


def say(sentences: Table, key: str, lang: str = "en", /, **args: Any) -> str:
    """The sentence `key` of `sentences` in `lang` (English when the language lacks it).
    Each argument is said in `lang` (a Phrase) and escaped as it is filled in (a path,
    `{name!r}` too): a name from a file cannot start a line of the output (a forged
    `::error` GitHub annotation), drive a terminal or break XML."""
    entry = sentences[key]
    args = {k: said_in(v, lang) for k, v in args.items()}
    return _ESCAPING.vformat(entry.get(lang) or entry["en"], (), args)


class _Escaping(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return printable(format(value, format_spec))


_ESCAPING = _Escaping()
