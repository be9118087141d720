"""What a Chinese keyboard types where YAML, the DSL or an audience needs ASCII.

A Chinese input method gives a full-width colon (`threshold：300`), comma, brackets,
quotes (`“双11”`) and spaces; YAML reads them as part of a text, the parsers stop at
them with a message about something else. Each is found at its exact character, so
the finding can say "把全角冒号 ： 改成半角 :". Texts people write (a name, a reason,
anything inside ASCII quotes, comments) may hold them: they are not looked at.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from promolint.core.phrases import phrase

# full-width character -> (the ASCII one meant, the phrase naming it)
FULLWIDTH = {
    "：": (":", "fw-colon"), "，": (",", "fw-comma"), "、": (",", "fw-enum-comma"),
    "（": ("(", "fw-paren"), "）": (")", "fw-paren"), "【": ("[", "fw-lenticular"),
    "】": ("]", "fw-lenticular"), "［": ("[", "fw-bracket"), "］": ("]", "fw-bracket"),
    "｛": ("{", "fw-brace"), "｝": ("}", "fw-brace"), "“": ('"', "fw-quote"),
    "”": ('"', "fw-quote"), "‘": ("'", "fw-quote"), "’": ("'", "fw-quote"),
    "＝": ("=", "fw-equals"), "！": ("!", "fw-bang"), "＜": ("<", "fw-less"),
    "＞": (">", "fw-greater"), "\u3000": (" ", "fw-space"),
}
_ANY = re.compile("[" + "".join(FULLWIDTH) + "\t]")
_ANY_FULLWIDTH = re.compile("[" + "".join(FULLWIDTH) + "]")
FREE_TEXT = frozenset({"name", "owner", "reason"})  # texts people write, any characters
_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*[:：](?=[\s\u3000]|$)")
# a line's own key, `currency：CNY` too (no space after a full-width colon): it ends the
# keys above at its indent, so the line is not taken for the text of the key before it
_LINE_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*(?::(?=[\s\u3000]|$)|：)")
_BLOCK = re.compile(r"[:：][ \t]*[|>][+-]?[0-9]?[ \t]*(#.*)?$")


class Problem(NamedTuple):
    """One character typed where ASCII was needed (1-based line and column)."""

    line: int
    column: int
    char: str
    field: str | None = None  # a DSL field name the full-width colon follows
    spaced: bool = False  # a YAML key's full-width colon with text right after: `: ` meant

    def finding_args(self) -> tuple[str, dict]:
        """The message id and arguments of the `syntax` finding for this character."""
        if self.char == "\t":
            return "keyboard-tab", {}
        if self.field is not None:  # `currency：CNY` in the DSL: a space was meant, not ":"
            return "keyboard-dsl-colon", {"field": self.field}
        if self.char == "\u3000":
            return "keyboard-space", {}
        if self.spaced:  # `threshold：300`: YAML needs a space after the colon too
            return "keyboard-colon-space", {}
        ascii_char, name = FULLWIDTH[self.char]
        return "keyboard-fullwidth", {"char": self.char, "ascii": ascii_char, "name": phrase(name)}


def any_suspect(text: str) -> bool:
    """A quick test: could `text` hold such a character at all (tabs included)?"""
    return _ANY.search(text) is not None


def in_yaml(text: str) -> list[Problem]:
    """Full-width punctuation and spaces outside quotes, comments and free texts, and
    tabs in indentation, of a YAML text (audiences are left to `in_code`)."""
    if not any_suspect(text):
        return []
    out: list[Problem] = []
    parents: list[tuple[int, str]] = []  # (indent, key) of the lines above
    block = None  # the indent of the key that opened a block scalar (| or >)
    for number, line in enumerate(text.split("\n"), 1):
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if block is not None and (not body.strip() or indent > block):
            continue
        block = None
        out += _indentation(number, line)
        key = _LINE_KEY.match(body.lstrip("- \t\u3000"))
        if key:  # a key line closes the keys above at its indent or deeper
            while parents and parents[-1][0] >= indent:
                parents.pop()
        out += _line(number, line, parents[-1][1] if parents else "")
        if key:
            parents.append((indent, key.group(1)))
            if _BLOCK.search(line):
                block = indent
    return out


def _indentation(number: int, line: str) -> list[Problem]:
    lead = re.match(r"[ \t\u3000-]*", line).group()
    return [Problem(number, i + 1, c) for i, c in enumerate(lead) if c in "\t\u3000"]


def _line(number: int, line: str, parent: str) -> list[Problem]:
    """The line's characters outside quotes and comments, each judged by the key it
    belongs to (the nearest `key:` before it on the line, else the parent's)."""
    keys = [(m.end(), m.group(1)) for m in _KEY.finditer(line)]
    out, quote, lead = [], None, len(line) - len(line.lstrip(" \t\u3000"))
    for i, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"" and (i == 0 or line[i - 1] in " \t[{,:-"):
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        elif char in FULLWIDTH and i >= lead:
            owner = next((k for end, k in reversed(keys) if end <= i), parent)
            if owner not in FREE_TEXT and owner != "audience":
                spaced = char == "：" and line[i + 1: i + 2] not in ("", " ", "\t", "\r")
                out.append(Problem(number, i + 1, char, spaced=spaced))
    return out


_DSL_FIELD = re.compile(r"[ \t\u3000]*([A-Za-z_][\w-]*)[ \t\u3000]*")


def in_code(text: str, comments: bool = False, dsl: bool = False) -> list[Problem]:
    """Full-width punctuation and spaces of DSL or audience text, outside ASCII quotes
    (and `#` comments when `comments`): neither language allows them anywhere else.
    `dsl`: a full-width colon right after a line's first word is a field's separator,
    which the DSL writes as a space (`currency CNY`), not as `:`."""
    if _ANY_FULLWIDTH.search(text) is None:
        return []
    out, quote, line, column, skip, start = [], None, 1, 0, False, 0
    for i, char in enumerate(text):
        column += 1
        if char == "\n":
            line, column, skip, quote, start = line + 1, 0, False, None, i + 1
        elif skip:
            continue
        elif quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and comments:
            skip = True
        elif char in FULLWIDTH:
            first = _DSL_FIELD.fullmatch(text, start, i) if dsl and char == "：" else None
            out.append(Problem(line, column, char, first.group(1) if first else None))
    return out


def single_equals(text: str) -> list[Problem]:
    """`=` alone (not part of ==, !=, <=, >=) outside quotes: meant as `==`."""
    out, quote, line, column = [], None, 1, 0
    for i, char in enumerate(text):
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "=" and text[i - 1:i] not in ("=", "!", "<", ">") and text[i + 1:i + 2] != "=":
            out.append(Problem(line, column, "="))
    return out
