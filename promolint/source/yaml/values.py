"""How a YAML scalar becomes a Document value: tags, typing and limits, shared by
the one-pass event builder (events.py) and the node builder for aliases (load.py).

- numbers become exact Decimals from the source text, and YAML 1.1 number spellings
  that silently change meaning (017, 1_000, 1:20, .inf) are refused;
- only `true`/`false` are booleans (`on`, `no`, `yes` stay strings, as in YAML 1.2);
- plain scalars are resolved with PyYAML's own SafeLoader table, so a scalar gets
  exactly the tag PyYAML's composer would give it.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

from promolint.core.document import SPANS, Span, new_span
from promolint.expr.syntax import out_of_range
from promolint.source.files import MAX_PROMOTIONS

MAX_EXPANSIONS = 50_000  # values copied through aliases per file (billion laughs)
# Characters of scalar text copied through aliases per file: 1,000 aliases of one 20 KB
# string are few values but 20 MB of text. As much as the largest file read by default.
MAX_EXPANDED_CHARS = 4 * 1024 * 1024
# The stand-in for a key that is not plain text (already a yaml-complex-key finding; the
# schema does not report it again as an unknown field).
COMPLEX_KEY = "<complex key at line "
MAX_DOCUMENTS = MAX_PROMOTIONS  # documents per file: the DSL's block limit too

CORE = "tag:yaml.org,2002:"
NULL, BOOL, INT, FLOAT, STR = (CORE + t for t in ("null", "bool", "int", "float", "str"))
MERGE = CORE + "merge"
SAFE_TAGS = frozenset(CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq",
                                         "timestamp", "merge"))
QUOTED = frozenset(('"', "'"))

_PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "True": True, "TRUE": True,
          "false": False, "False": False, "FALSE": False}
_TABLE = yaml.SafeLoader.yaml_implicit_resolvers
_WILDCARD = tuple(_TABLE.get(None, ()))
_RESOLVERS = {first: tuple(found) + _WILDCARD for first, found in _TABLE.items()
              if first is not None}
PLAIN: dict[str, tuple[str, Any, str | None]] = {}  # plain() by text
_PLAIN_MAX = 4096  # texts remembered per process (amounts, enum values, dates repeat)


def resolve(text: str, implicit: tuple) -> str:
    """The tag PyYAML's Resolver gives a scalar event with no tag (or `!`)."""
    if implicit[0]:
        for tag, regexp in _RESOLVERS.get(text[:1], _WILDCARD):
            if regexp.match(text):
                return tag
    return STR


def plain(text: str) -> tuple[str, Any, str | None]:
    """Tag, value and refusal (a message id or None) of a plain scalar with no tag."""
    found = PLAIN.get(text)
    if found is None:
        tag = resolve(text, (True,))
        found = (tag, *typed(text, tag)) if tag in SAFE_TAGS else (tag, None, None)
        if len(PLAIN) >= _PLAIN_MAX:
            PLAIN.clear()
        PLAIN[text] = found  # Decimal and str are immutable: sharing them is safe
    return found


def tagged(text: str, tag: str | None, implicit: tuple) -> tuple[str, Any, str | None]:
    """Tag, value and refusal of any scalar event's text (None as value for unsafe tags)."""
    if tag is None or tag == "!":
        tag = resolve(text, implicit)
    if tag not in SAFE_TAGS:
        return tag, None, None
    return (tag, *typed(text, tag))


def typed(text: str, tag: str) -> tuple[Any, str | None]:
    """The value of a scalar with a safe tag, and a message id when it is refused."""
    if tag == NULL:
        return None, None
    if tag == BOOL:
        return _BOOLS.get(text, text), None  # yes/no/on/off: a string, as YAML 1.2 reads it
    if tag == INT or tag == FLOAT:
        return _number(text)
    return text, None


def _number(text: str) -> tuple[Any, str | None]:
    plain = text[1:] if text.startswith("+") else text
    if not _PLAIN_NUMBER.fullmatch(plain):
        return text, "yaml-number"
    number = Decimal(plain)
    # 1e400 or 30 digits is no price: refuse it before arithmetic rounds it.
    if out_of_range(number):
        return text, "yaml-number-range"
    return number, None


def mark_span(start, end) -> Span:
    """The 1-based span between two PyYAML marks."""
    where = (start.line, start.column, end.line, end.column)
    return SPANS.get(where) or new_span(where)
