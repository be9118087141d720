"""Where the cursor is, read from the lines around it (a buffer being typed seldom
parses): the word under it, and in YAML the key path by indentation, in the DSL the
field keyword that starts the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z0-9_.\-]+")
KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:(?=\s|$)")
_ITEM = re.compile(r"-(?=\s|$)")


@dataclass
class Place:
    """The cursor's place: `path` of the mapping it is in (YAML keys, "[]" for a list
    item), the key whose value it is in (None: it is where a key goes), the partial
    word before it and the whole word under it."""

    path: tuple[str, ...]
    key: str | None
    prefix: str
    word: str
    word_start: int  # 0-based code-point columns of the word under the cursor
    word_end: int


def word_at(text: str, col: int) -> tuple[str, int, int]:
    """The word (letters, digits, . _ -) touching 0-based `col`, and its bounds."""
    for match in WORD.finditer(text):
        if match.start() <= col <= match.end():
            return match.group(0), match.start(), match.end()
    return "", col, col


def _tokens(line: str) -> list[tuple[int, str]]:
    """(column, token) of a line's structure: "-" for a list item, a key name for `key:`,
    up to the first value (flow text after a key's colon is the value)."""
    out, col = [], len(line) - len(line.lstrip(" "))
    while col < len(line):
        rest = line[col:]
        if rest.startswith("#"):
            break
        item, key = _ITEM.match(rest), KEY.match(rest)
        if item:
            out.append((col, "-"))
            col += 1
        elif key:
            out.append((col, key.group(1)))
            col += key.end()
        else:
            break
        col += len(line[col:]) - len(line[col:].lstrip(" "))
    return out


def yaml_place(lines: list[str], row: int, col: int) -> Place:
    """The Place of 0-based (row, col) in a YAML buffer."""
    text = lines[row] if 0 <= row < len(lines) else ""
    word, start, end = word_at(text, col)
    mine = [t for t in _tokens(text) if t[0] < col and not (t[0] == start and t[1] == word)]
    key = None
    if mine and mine[-1][1] != "-":
        key = mine.pop()[1]  # the cursor is past `key:`, in its value
    indent = len(text) - len(text.lstrip(" ")) if text.strip() else col
    limit, item = (mine[0][0], mine[0][1] == "-") if mine else (indent, False)
    path = [t for _, t in mine]
    for above in range(row - 1, -1, -1):
        if limit == 0 and not item:
            break
        for tcol, token in reversed(_tokens(lines[above])):
            if token == "-" and tcol < limit:
                path.insert(0, token)
                limit, item = tcol, True
            elif token != "-" and (tcol < limit or (item and tcol == limit)):
                path.insert(0, token)
                limit, item = tcol, False
    path = ["[]" if p == "-" else p for p in path]
    prefix = text[start:col] if start < col else ""
    return Place(tuple(path), key, prefix, word, start, end)


def dsl_place(lines: list[str], row: int, col: int) -> Place:
    """The Place in a DSL buffer: the field keyword starting the line is the key."""
    text = lines[row] if 0 <= row < len(lines) else ""
    word, start, end = word_at(text, col)
    first = WORD.match(text.lstrip())
    offset = len(text) - len(text.lstrip())
    key = None
    if first and col > offset + first.end():
        key = first.group(0)
        if key not in KEYWORDS:  # a continued line (audience on two lines): look up
            key = _continued(lines, row)
    prefix = text[start:col] if start < col else ""
    return Place((), key, prefix, word, start, end)


KEYWORDS = ("owner", "campaign", "currency", "window", "audience", "scope", "benefit",
            "limits", "stacking", "rollout", "priority", "coupon", "suppress")


def _continued(lines: list[str], row: int) -> str | None:
    for above in range(row - 1, -1, -1):
        first = WORD.match(lines[above].lstrip())
        if first and first.group(0) in KEYWORDS:
            return first.group(0)
        if first and first.group(0) == "promotion":
            return None
    return None
