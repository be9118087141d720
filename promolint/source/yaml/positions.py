"""Where each character of a YAML string value stands in the file.

A string that spans lines (plain, quoted, a `|` or `>` block) or holds escapes (`\\"`,
`''`) is not its source text shifted by a constant: folding turns line breaks and
indentation into one space, escapes are two or more characters for one. A finding
inside such a string (an audience expression) is placed through a TextMap, built here
by walking the value against its source: a matching character advances both, source
whitespace that folding dropped is skipped, an escape is one value character.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from promolint.core.document import TextMap

BLOCK = frozenset(("|", ">"))
_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)*")


def needs_map(style: str | None, start, end, value: str) -> bool:
    """True when the value is not its source shifted by a constant (marks 0-based)."""
    if start.line != end.line or style in BLOCK:
        return True
    if style in ('"', "'"):  # one line: escapes make the source longer than the value
        return end.column - start.column - 2 != len(value)
    return False


def text_map(text: str, starts: list[int], style: str | None, start, end, value: str) -> TextMap:
    """The TextMap of a scalar between PyYAML marks `start` and `end` (0-based
    line/column, `starts` the offsets of the file's lines)."""
    first = starts[start.line] + start.column
    raw = text[first: starts[end.line] + end.column] if end.line < len(starts) else text[first:]
    i = _content_start(raw, style)
    places: list[int] = []
    for ch in value:
        i, at = _match(raw, i, ch, style)
        places.append(first + at)
    places.append(first + min(i, len(raw)))
    spots = tuple(_line_column(starts, offset) for offset in places)
    lines = [0] + [k + 1 for k, ch in enumerate(value) if ch == "\n"]
    line, column = spots[0]
    return TextMap(line, column, spots[-1][0], spots[-1][1], tuple(lines), spots)


def _content_start(raw: str, style: str | None) -> int:
    # A composed node's marks start at its properties (`&anchor`, `!!str`): skip them.
    i = _PROPERTIES.match(raw).end()
    if style in BLOCK:  # after the header line (`|-`, `>2 # comment`)
        brk = raw.find("\n", i)
        return len(raw) if brk < 0 else brk + 1
    return i + 1 if style in ('"', "'") else i


def _match(raw: str, i: int, ch: str, style: str | None) -> tuple[int, int]:
    """(next source index, source index of value character `ch`) from source index `i`."""
    n = len(raw)
    while i < n:
        r = raw[i]
        if style == '"' and r == "\\":
            nxt = raw[i + 1: i + 2]
            if nxt == "\n":  # an escaped line break: nothing in the value
                i += 2
                while i < n and raw[i] in " \t":
                    i += 1
                continue
            return i + _ESCAPE_LENGTH.get(nxt, 2), i
        if style == "'" and r == "'" and raw[i + 1: i + 2] == "'":
            return i + 2, i
        if r == ch or (ch in " \n" and r in " \t\n"):  # a folded line break is a space
            return i + 1, i
        if r in " \t\n":  # indentation, or spaces folding dropped
            i += 1
            continue
        return i, i  # not the text we expected: stay put rather than run ahead
    return i, min(i, max(n - 1, 0))


def _line_column(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def line_starts(text: str) -> list[int]:
    """The offset of each line of `text`."""
    out = [0]
    find = text.find
    at = find("\n")
    while at >= 0:
        out.append(at + 1)
        at = find("\n", at + 1)
    return out
