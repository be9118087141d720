"""Checks on the stream of YAML events, run in the same pass that builds the Documents
(events.py), so nothing is parsed twice.

Nesting is bounded here, where the parser keeps an explicit stack and nothing recurses
(libyaml's composer recurses in C and PyYAML's in Python). The same checks report the
YAML 1.2 errors PyYAML lets through (each one a case of the YAML test suite):
- a continuation line of a flow collection or a quoted/plain scalar not indented past its
  block parent (`key: [a,\\nb]`, `key: "a\\nb"`, a tab used as that indentation);
- a comment glued to the text before it (`"value"#x`, `[a, b]#x`, `>#x`, `%YAML 1.2#x`);
- a directive after a document not ended with `...`;
- a lone `-` as a plain scalar inside a flow collection (`[-]`);
- a block scalar whose leading blank line has more spaces than its first text line.
"""
from __future__ import annotations

import bisect
import re

import yaml

from promolint.core.frozen import frozen

MAX_DEPTH = 100  # a promotion needs about six levels
MAX_PROBLEMS = 20

_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_GLUED_HASH = re.compile(r"(?<=[^\s])#")
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]{0,2}#")


@frozen
class Problem:
    """A YAML error found by the pre-pass: 0-based line and column, a message id."""

    line: int
    column: int
    message_id: str


class TooDeep(Exception):
    """Nesting deeper than MAX_DEPTH at `mark`."""

    def __init__(self, mark):
        super().__init__("too deep")
        self.mark = mark


class TooManyAliases(TooDeep):
    """More aliases than values we would build, at `mark`."""


def _save_key_if_shallow(self) -> None:
    # Past the depth we refuse, a `[` need not be remembered as a possible key; without
    # this, PyYAML looks 1024 characters ahead over every open level (quadratic).
    if self.flow_level <= MAX_DEPTH + 1:
        yaml.scanner.Scanner.save_possible_simple_key(self)


_BOUNDED: dict[type, type] = {}


def bounded(loader: type) -> type:
    """The pure-Python loader with bounded look-ahead; libyaml's is left as it is."""
    if not issubclass(loader, yaml.scanner.Scanner):
        return loader
    if loader not in _BOUNDED:
        _BOUNDED[loader] = type("Bounded" + loader.__name__, (loader,),
                                {"save_possible_simple_key": _save_key_if_shallow})
    return _BOUNDED[loader]


def _glued(text: str) -> bool:
    """_GLUED_HASH.search(text), without the regex: its look-behind tries every position."""
    at = text.find("#", 1)
    while at != -1:
        if not text[at - 1].isspace():  # what \s matches, for str patterns
            return True
        at = text.find("#", at + 1)
    return False


def _ignore(event: yaml.Event) -> None:
    pass


# Each event type and the method that handles it, in Scan and in events.py's Builder.
HANDLER_NAMES = {
    yaml.ScalarEvent: "on_scalar", yaml.AliasEvent: "on_alias",
    yaml.MappingStartEvent: "on_start", yaml.SequenceStartEvent: "on_start",
    yaml.MappingEndEvent: "on_end", yaml.SequenceEndEvent: "on_end",
    yaml.DocumentStartEvent: "on_document_start", yaml.DocumentEndEvent: "on_document_end",
    yaml.StreamStartEvent: None, yaml.StreamEndEvent: None}


def handlers(owner, other) -> dict:
    """`owner`'s dispatch table: event type -> bound handler (`other` for stream events)."""
    return {kind: getattr(owner, name) if name else other for kind, name in HANDLER_NAMES.items()}


class _Frame:
    __slots__ = ("flow", "mapping", "indent")

    def __init__(self, flow: bool, mapping: bool, indent: int | None):
        self.flow, self.mapping, self.indent = flow, mapping, indent


class Scan:
    """The checks, fed one event at a time through `table` (event type -> handler).

    Reading stops counting at document `max_documents` (`stopped`: the rest is never
    checked); handlers raise TooDeep or TooManyAliases. `problems()` gives the result.
    """

    def __init__(self, text: str, max_documents: int, max_aliases: int):
        self.text = text
        self._lines: list[str] | None = None
        self._starts: list[int] | None = None
        self.stack: list[_Frame] = []
        self.flow_depth = 0
        self.flow_open: tuple[int, int] = (0, -1)  # start line and block indent of the outer flow
        self.found: list[Problem] = []
        self.glued = _glued(text)
        self.nodes: list[tuple[int, int]] = []  # (start, end) of node events, when glued
        self.ended = True  # the previous document ended with `...` (or there was none)
        self.documents, self.max_documents = 0, max_documents
        self.aliases, self.max_aliases = 0, max_aliases
        self.stopped = False
        # No check can fire on a one-line plain scalar now (the builder skips the call).
        self.idle = not self.glued
        self.table = handlers(self, other=_ignore)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = _BREAKS.split(self.text)
        return self._lines

    @property
    def line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _BREAKS.finditer(self.text)]
        return self._starts

    def problems(self) -> list[Problem]:
        """What the checks found, in text order (at most MAX_PROBLEMS)."""
        self.glued_comments()
        return sorted(set(self.found), key=lambda p: (p.line, p.column))[:MAX_PROBLEMS]

    def on_scalar(self, event: yaml.ScalarEvent) -> None:
        """Checks on a scalar; not called when `idle` and the scalar is plain on one line."""
        start, end = event.start_mark, event.end_mark
        if self.glued:
            self.nodes.append((start.index, end.index))
        if self.stack and self.stack[-1].indent is None:
            self.child(event)
        style = event.style
        if style == "|" or style == ">":
            self.block_scalar(event)
        elif end.line > start.line:
            self.check_lines(start.line + 1, end.line, self.block_indent(), comments=False)
        if self.flow_depth and not style and event.value == "-":
            self.add(start, "yaml-plain-indicator")

    def on_alias(self, event: yaml.AliasEvent) -> None:
        self.aliases += 1
        if self.aliases > self.max_aliases:  # each alias is at least one value built
            raise TooManyAliases(event.start_mark)
        if self.glued:
            self.nodes.append((event.start_mark.index, event.end_mark.index))
        if self.stack and self.stack[-1].indent is None:
            self.child(event)

    def on_start(self, event: yaml.CollectionStartEvent) -> None:
        if self.glued:
            self.nodes.append((event.start_mark.index, event.end_mark.index))
        if self.stack and self.stack[-1].indent is None:
            self.child(event)
        self.open(event)

    def on_end(self, event: yaml.CollectionEndEvent) -> None:
        if self.glued:
            self.nodes.append((event.start_mark.index, event.end_mark.index))
        self.close(event)

    def on_document_start(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > self.max_documents:
            self.stopped = True
            for kind in self.table:
                self.table[kind] = _ignore
            return
        if (event.version or event.tags) and not self.ended:
            self.add(event.start_mark, "yaml-directive")

    def on_document_end(self, event: yaml.DocumentEndEvent) -> None:
        self.ended = bool(event.explicit)

    def add(self, mark, message_id: str) -> None:
        self.found.append(Problem(mark.line, mark.column, message_id))

    def child(self, event: yaml.Event) -> None:
        """The first child of a block collection fixes the collection's indentation."""
        frame, mark = self.stack[-1], event.start_mark
        if frame.mapping:
            frame.indent = self.key_column(mark)
        else:
            line = self.lines[mark.line]
            frame.indent = len(line) - len(line.lstrip(" "))
        self.settle()

    def settle(self) -> None:
        self.idle = not (self.glued or self.flow_depth
                         or (self.stack and self.stack[-1].indent is None))

    def key_column(self, mark) -> int:
        """The column of a first key, or of the `?` before it."""
        index, column = mark.index, mark.column
        while index > 0 and column > 0 and self.text[index - 1] in " \t":
            index, column = index - 1, column - 1
        if index > 0 and column > 0 and self.text[index - 1] == "?":
            return column - 1
        return mark.column

    def block_indent(self) -> int:
        for frame in reversed(self.stack):
            if not frame.flow:
                return frame.indent if frame.indent is not None else -1
        return -1

    def open(self, event: yaml.CollectionStartEvent) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise TooDeep(event.start_mark)
        mapping = type(event) is yaml.MappingStartEvent
        if event.flow_style:
            if not self.flow_depth:
                self.flow_open = (event.start_mark.line, self.block_indent())
            self.flow_depth += 1
            self.stack.append(_Frame(True, mapping, None))
            self.idle = False
            return
        start = event.start_mark
        dash = not mapping and self.text[start.index:start.index + 1] == "-"
        self.stack.append(_Frame(False, mapping, start.column if dash else None))
        self.settle()

    def close(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop() if self.stack else None
        if frame is not None and frame.flow:
            self.flow_depth -= 1
            if not self.flow_depth:
                first, indent = self.flow_open
                self.check_lines(first + 1, event.end_mark.line, indent, comments=True)
        self.settle()

    def check_lines(self, first: int, last: int, indent: int, comments: bool) -> None:
        """Lines first..last (0-based) must start with more than `indent` spaces."""
        if indent < 0:
            return
        for number in range(first, min(last, len(self.lines) - 1) + 1):
            line = self.lines[number]
            body = line.lstrip(" ")
            if not body.strip(" \t") or (comments and body.lstrip("\t").startswith("#")):
                continue
            if len(line) - len(body) <= indent:
                self.found.append(Problem(number, len(line) - len(body), "yaml-indent"))

    def block_scalar(self, event: yaml.ScalarEvent) -> None:
        """`>#x` glues a comment; a leading blank line may not outdent the text after it."""
        start = event.start_mark
        header = self.lines[start.line]
        found = _BLOCK_HEADER.search(header, start.column)
        if found:
            self.found.append(Problem(start.line, found.end() - 1, "yaml-comment"))
        if any(ch.isdigit() for ch in header[start.column:].split("#")[0]):
            return  # an explicit indentation indicator: no auto-detection
        self.leading_blanks(start.line + 1, self.block_indent())

    def leading_blanks(self, first: int, parent: int) -> None:
        widest, widest_line = 0, first
        for number in range(first, len(self.lines)):
            line = self.lines[number]
            if line.strip(" "):
                indent = len(line) - len(line.lstrip(" "))
                if parent < indent < widest:
                    self.found.append(Problem(widest_line, indent, "yaml-block-indent"))
                return
            if len(line) > widest:
                widest, widest_line = len(line), number

    def glued_comments(self) -> None:
        """A `#` right after text, outside every node, starts a comment without a space."""
        if not self.glued:
            return
        pos = 0
        for start, end in sorted(self.nodes):
            if start > pos:
                self.gap(pos, start)
            pos = max(pos, end)
        self.gap(pos, len(self.text))

    def gap(self, first: int, last: int) -> None:
        """Text between nodes: indicators, spaces, comments. Per line, only the first
        glued `#` matters: it starts the comment or sits in one, the rest is comment."""
        found = _GLUED_HASH.search(self.text, first, last)
        while found:
            index = found.start()
            line = bisect.bisect_right(self.line_starts, index) - 1
            line_start = self.line_starts[line]
            lead = self.text[line_start:index].lstrip()
            directive = lead.startswith("%") and not lead.startswith("%YAML")  # %TAG may hold #
            if not directive and "#" not in self.text[max(first, line_start):index]:
                self.found.append(Problem(line, index - line_start, "yaml-comment"))
            if line + 1 >= len(self.line_starts):
                return
            found = _GLUED_HASH.search(self.text, self.line_starts[line + 1], last)
