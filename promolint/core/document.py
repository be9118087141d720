"""The document form: what every loader (YAML or DSL) produces.

A Document is the plain data of one promotion as the YAML form would spell it
(dicts with str keys, lists, str, bool, Decimal for every number, None), plus a
table of source positions keyed by the path to each value. Both syntaxes meet
here, so the schema, the model builder and every check see the same thing.
Timestamps and dates stay strings: the builder parses them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from promolint.core.frozen import frozen

Path = tuple  # e.g. ("benefit", "tiers", 0, "amount")


@frozen
class Span:
    """1-based line and column of a value's first character, and its end."""

    line: int
    column: int
    end_line: int = 0
    end_column: int = 0

    def shift(self, inner: "Span") -> "Span":
        """Translate a span relative to this one's start (e.g. inside a string)."""
        def move(line: int, col: int) -> tuple[int, int]:
            if line == 1:
                return self.line, self.column + col - 1
            return self.line + line - 1, col
        start = move(inner.line, inner.column)
        end = move(inner.end_line or inner.line, inner.end_column or inner.column)
        return Span(start[0], start[1], end[0], end[1])



@frozen
class TextMap(Span):
    """Where a string value's text starts (as a Span), and where each of its characters
    stands in the file: for a string that folds lines or holds escapes, where the
    constant shift of Span.shift would point at the wrong line and column (built by
    promolint.source.yaml.positions)."""

    lines: tuple[int, ...] = (0,)                # offset of each line of the value
    places: tuple[tuple[int, int], ...] = ()     # (line, column) per character, then the end

    def shift(self, inner: Span) -> Span:
        start = self._place(inner.line, inner.column)
        end = self._place(inner.end_line or inner.line, inner.end_column or inner.column)
        return Span(start[0], start[1], end[0], end[1])

    def _place(self, line: int, column: int) -> tuple[int, int]:
        lines, places = self.lines, self.places
        offset = lines[min(max(line, 1), len(lines)) - 1] + column - 1
        return places[min(max(offset, 0), len(places) - 1)]


# Spans are immutable and files of one team share their layout (1,000 bench files: 52k
# spans, 963 distinct), so equal spans are one object: building a frozen dataclass cost
# a quarter of the time to read a file, and a Span per value cost 30 MiB at 10,000 files.
# The YAML builder and promolint.run.packing (loading results) both draw from this table.
SPANS: dict[tuple[int, int, int, int], Span] = {}
_SPANS_MAX = 4_096  # about 1 MiB; a bench file has ~50 distinct spans, 1,000 have 963



def dotted(path: tuple) -> str:
    """A key path as a message shows it: ("benefit", "tiers", 1) -> "benefit.tiers[1]"
    ("" for the whole document; a key's own dots are kept)."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text

def new_span(where: tuple[int, int, int, int]) -> Span:
    """The Span of 0-based (line, column, end line, end column), kept for reuse
    (look in SPANS first: callers on hot paths do, to skip this call)."""
    if len(SPANS) >= _SPANS_MAX:
        SPANS.clear()
    span = SPANS[where] = Span(where[0] + 1, where[1] + 1, where[2] + 1, where[3] + 1)
    return span


@dataclass
class Document:
    """One promotion's data with positions. `index` counts documents in a file."""

    path: str
    index: int
    data: Any
    spans: dict = field(default_factory=dict)      # value positions by path
    key_spans: dict = field(default_factory=dict)  # mapping-key positions by path
    syntax: str = "yaml"                           # "yaml" or "dsl"
    # For a quoted YAML string, the first character of its content (after the quote).
    text_offsets: dict = field(default_factory=dict)
    # Where paths of `data` stand in the file when `data` is not the file's own: a list
    # with malformed items left out (promolint.model.build) renumbers the others,
    # {("scope", "skus", 1): ("scope", "skus", 2)}. Empty for a file's Document.
    moved: dict = field(default_factory=dict)

    def origin(self, path: Path) -> tuple:
        """The path in the file of the value at `path` of `data`."""
        path = tuple(path)
        if not self.moved:
            return path
        for end in range(len(path), 0, -1):
            if path[:end] in self.moved:
                return self.moved[path[:end]] + path[end:]
        return path

    def moving(self, moved: dict) -> "Document":
        """A plain Document of the same file, with `moved` added to its own."""
        from dataclasses import fields
        values = {f.name: getattr(self, f.name) for f in fields(Document)}
        return Document(**{**values, "moved": {**self.moved, **moved}})

    def span(self, path: Path = ()) -> Span:
        """The span of the value at `path`, or of its nearest ancestor."""
        path = self.origin(path) if self.moved else tuple(path)
        while path:
            if path in self.spans:
                return self.spans[path]
            path = path[:-1]
        return self.spans.get((), Span(1, 1))

    def key_span(self, path: Path) -> Span:
        """The span of the key naming `path` (falls back to the value)."""
        where = self.origin(path) if self.moved else tuple(path)
        return self.key_spans.get(where) or self.span(path)

    def text_span(self, path: Path) -> Span:
        """Where the text content of a string value starts (skips a quote)."""
        where = self.origin(path) if self.moved else tuple(path)
        return self.text_offsets.get(where) or self.span(path)

    def get(self, path: Path, default: Any = None) -> Any:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node
