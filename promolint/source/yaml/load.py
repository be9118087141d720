"""Load YAML promotion files into Documents, keeping every value's position.

Each file is parsed once: one pass over the parser's events (libyaml's C parser when
present, PyYAML's pure-Python one otherwise, with identical results) runs the checks
of scan.py and builds the Documents (events.py), so that:
- every value keeps its line and column (event marks);
- scalars are typed by values.py (exact Decimals, YAML 1.2 booleans, refused spellings);
- duplicate keys are reported (PyYAML keeps the last one silently);
- tags are never executed: anything but the core tags is refused.
A file with anchors, aliases or merge keys is composed by PyYAML's safe composer and
built by _Builder below, where alias expansion is bounded (billion laughs).
"""
from __future__ import annotations

from dataclasses import replace

import re
from typing import Any

import yaml

from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Document, Span
from promolint.expr.syntax import number_text
from promolint.core.phrases import phrase
from promolint.source.yaml import events
from promolint.source.yaml.positions import line_starts, needs_map, text_map
from promolint.source.yaml import scan
from promolint.source.yaml.values import (
    COMPLEX_KEY,
    MAX_DOCUMENTS,
    MAX_EXPANDED_CHARS,
    MAX_EXPANSIONS,
    MERGE,
    NULL,
    QUOTED,
    SAFE_TAGS,
    mark_span,
    typed,
)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["Loader", "MAX_DOCUMENTS", "MAX_EXPANSIONS", "load_yaml", "node_span"]

# What YAML (and PyYAML's reader) refuses as a character in a stream.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                            "\U00010000-\U0010ffff]")


class _TooBig(Exception):
    def __init__(self, message_id: str, limit: int):
        super().__init__(message_id)
        self.message_id, self.limit = message_id, limit


class _Loop(Exception):
    def __init__(self, node: yaml.Node):
        super().__init__("recursive alias")
        self.node = node


def node_span(node: yaml.Node) -> Span:
    return mark_span(node.start_mark, node.end_mark)


def load_yaml(text: str, path: str) -> tuple[list[Document], list[Diagnostic]]:
    """Parse a YAML stream into one Document per non-empty document; what a Chinese
    keyboard typed where YAML needs ASCII is a finding at its character (and explains
    a parse error at or after it, which it replaces)."""
    text = text.replace("\r\n", "\n")
    documents, findings = _load(text, path)
    from promolint.source import keyboard
    if not keyboard.any_suspect(text):
        return documents, findings
    typed = [make(path, Span(p.line, p.column, p.line, p.column + 1), "syntax", message_id, **args)
             for p in keyboard.in_yaml(text) for message_id, args in (p.finding_args(),)]
    if typed:
        first = typed[0].line  # the parser reports at the line's start or later
        findings = [f for f in findings if f.message_id != "yaml-syntax"
                    or f.line < first] + typed
    return documents, findings


# A line that starts or ends a document: nothing before it belongs to a later document
# (a block scalar or flow collection cannot run across one at column 0).
_BOUNDARY = re.compile(r"^(?:---|\.\.\.)(?=[ \t]|$)", re.M)


def _load(text: str, path: str) -> tuple[list[Document], list[Diagnostic]]:
    """The stream's Documents; when it does not parse, those before the document where
    the first syntax error is (spec section 5: a later document that does not parse
    does not hide the earlier ones), with the error."""
    documents, findings = _load_stream(text, path)
    if documents or not findings:
        return documents, findings
    first = min(f.line for f in findings)
    cut = 0
    for match in _BOUNDARY.finditer(text):
        if text.count("\n", 0, match.start()) + 1 > first:
            break
        cut = match.start()
    if not cut:
        return documents, findings
    earlier, said = _load_stream(text[:cut], path)
    if any(f.rule == "syntax" for f in said):
        return documents, findings  # the error's own document starts earlier
    return earlier, said + findings


def _load_stream(text: str, path: str) -> tuple[list[Document], list[Diagnostic]]:
    bad = _NON_PRINTABLE.search(text)
    if bad:
        return [], [make(path, _offset_span(text, bad.start()), "syntax", "yaml-character",
                         code=f"U+{ord(bad.group()):04X}")]
    try:
        scanned, builder = _read(text, path)
        problems = scanned.problems()
    except scan.TooManyAliases as err:
        return [], [make(path, _mark_span(err.mark), "syntax", "yaml-too-many-nodes",
                         limit=MAX_EXPANSIONS)]
    except scan.TooDeep as err:
        return [], [make(path, _mark_span(err.mark), "syntax", "yaml-too-deep",
                         limit=scan.MAX_DEPTH)]
    except yaml.YAMLError as err:
        return [], [_syntax(path, err)]
    if problems:
        return [], [make(path, Span(p.line + 1, p.column + 1), "syntax", p.message_id)
                    for p in problems]
    if not builder.composed:
        return builder.documents, builder.findings
    try:
        return _compose(text, path)
    except yaml.YAMLError as err:
        return [], [_syntax(path, err)]


def _read(text: str, path: str) -> tuple[scan.Scan, events.Builder]:
    try:
        return events.read(text, path, scan.bounded(Loader), MAX_EXPANSIONS)
    except yaml.YAMLError as err:
        # libyaml's own nesting limit can trip while it looks ahead, before our bound
        # sees the depth: the pure-Python parser finds the same place we would.
        if "nesting" not in str(err) or Loader is yaml.SafeLoader:
            raise
        return events.read(text, path, scan.bounded(yaml.SafeLoader), MAX_EXPANSIONS)


def _compose(text: str, path: str) -> tuple[list[Document], list[Diagnostic]]:
    documents: list[Document] = []
    findings: list[Diagnostic] = []
    builder = _Builder(path, 0, text)
    for index, node in enumerate(yaml.compose_all(text, Loader=Loader)):
        if node is None or _blank(node):
            continue
        if index >= MAX_DOCUMENTS:
            findings.append(make(path, node_span(node), "syntax", "too-many-promotions",
                                 limit=MAX_DOCUMENTS))
            break
        builder.start(index)
        try:
            data = builder.value(node, ())
        except _TooBig as big:
            findings.append(make(path, node_span(node), "syntax", big.message_id,
                                 limit=big.limit))
            break
        except _Loop as loop:
            findings.append(make(path, node_span(loop.node), "syntax", "yaml-recursive-alias"))
            continue
        findings.extend(builder.findings)
        documents.append(Document(path, index, data, builder.spans, builder.key_spans,
                                  "yaml", builder.text_offsets))
    return documents, findings


def _blank(node: yaml.Node) -> bool:
    """An empty document (`---` with nothing after it, as generators often end files)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL and node.value == ""


def _syntax(path: str, err: yaml.YAMLError) -> Diagnostic:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    span = _mark_span(mark) if mark else Span(1, 1)
    problem = getattr(err, "problem", None) or getattr(err, "context", None) or "invalid YAML"
    return make(path, span, "syntax", "yaml-syntax", problem=phrase("yaml-problem", text=problem))


def _mark_span(mark) -> Span:
    return Span(mark.line + 1, mark.column + 1)


def _offset_span(text: str, index: int) -> Span:
    before = re.split("\r\n|[\n\r\x85\u2028\u2029]", text[:index])
    return Span(len(before), len(before[-1]) + 1)


class _Builder:
    """Turns composed node trees into plain data plus span tables, one document at a time.

    Aliases are expanded (a Document is plain data), so expansion is budgeted per file:
    an alias bomb stops after MAX_EXPANSIONS re-built values or MAX_EXPANDED_CHARS copied
    characters of text, never builds its tree.
    """

    def __init__(self, path: str, index: int, text: str | None = None):
        self.path = path
        self.text = text                    # the file, to place folded strings' characters
        self.starts: list[int] | None = None
        self.seen: set[int] = set()     # nodes built once; building one again is an expansion
        self.active: set[int] = set()   # collections being built (an alias to one is a loop)
        self.sizes: dict[int, tuple[int, int]] = {}
        self.node_spans: dict[int, Span] = {}
        self.maps: dict[int, Any] = {}  # a string's TextMap, shared by its aliases
        self.expansions = 0
        self.expanded_chars = 0
        self.expanding = 0
        self.start(index)

    def start(self, index: int) -> None:
        """Fresh tables for document `index`; the expansion budget carries over.

        Node ids are only unique while a document's nodes live, and anchors never
        cross documents, so everything keyed by id starts afresh.
        """
        self.index = index
        self.seen.clear()
        self.sizes.clear()
        self.node_spans.clear()
        self.maps.clear()
        self.spans: dict = {}
        self.key_spans: dict = {}
        self.text_offsets: dict = {}
        self.findings: list[Diagnostic] = []

    def value(self, node: yaml.Node, path: tuple) -> Any:
        expansion = self.visit(node, path)
        self.expanding += expansion
        try:
            return self.build(node, path)
        finally:
            self.expanding -= expansion

    def build(self, node: yaml.Node, path: tuple) -> Any:
        self.spans[path] = self.span(node)
        if node.tag not in SAFE_TAGS:
            self.findings.append(make(self.path, self.span(node), "syntax", "yaml-tag",
                                      tag=node.tag))
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def span(self, node: yaml.Node) -> Span:
        key = id(node)
        if key not in self.node_spans:
            self.node_spans[key] = node_span(node)
        return self.node_spans[key]

    def visit(self, node: yaml.Node, path: tuple) -> bool:
        """True when `node` starts an alias expansion; its whole size (values and
        characters) is charged up front, so a bomb is refused before any of it is built."""
        if id(node) in self.active or len(path) > scan.MAX_DEPTH:
            raise _Loop(node)
        if id(node) not in self.seen:
            self.seen.add(id(node))
            return False
        if self.expanding:
            return False
        values, chars = self.size(node, 0)
        self.expansions += values
        self.expanded_chars += chars
        if self.expansions > MAX_EXPANSIONS:
            raise _TooBig("yaml-too-many-nodes", MAX_EXPANSIONS)
        if self.expanded_chars > MAX_EXPANDED_CHARS:
            raise _TooBig("yaml-too-much-text", MAX_EXPANDED_CHARS)
        return True

    def size(self, node: yaml.Node, depth: int) -> tuple[int, int]:
        """(values, characters of scalar text) in `node` with aliases expanded (capped; a
        loop counts as too many)."""
        key, too_many = id(node), (MAX_EXPANSIONS + 1, MAX_EXPANDED_CHARS + 1)
        if key in self.sizes:
            return self.sizes[key]
        if depth > scan.MAX_DEPTH:
            return too_many
        self.sizes[key] = too_many  # while counting: reaching it again is a loop
        if isinstance(node, yaml.ScalarNode):
            values, chars = 1, len(node.value)
        else:
            items = node.value if isinstance(node, yaml.SequenceNode) else \
                [n for pair in node.value for n in pair]
            parts = [self.size(item, depth + 1) for item in items]
            values, chars = 1 + sum(v for v, _ in parts), sum(c for _, c in parts)
        self.sizes[key] = (min(values, too_many[0]), min(chars, too_many[1]))
        return self.sizes[key]

    def scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        if node.style in QUOTED:
            span = node_span(node)
            self.text_offsets[path] = Span(span.line, span.column + 1)
        value, problem = typed(node.value, node.tag)
        if problem is not None:
            self.findings.append(make(self.path, node_span(node), "syntax", problem,
                                      text=number_text(node.value)))
        elif isinstance(value, str) and self.text is not None \
                and needs_map(node.style, node.start_mark, node.end_mark, value):
            self.text_offsets[path] = self.text_map(node, value)
        return value

    def text_map(self, node: yaml.ScalarNode, value: str):
        """The string's TextMap, built once per node: every alias of it shares it (a
        20 KB string aliased 1,000 times once built 1,000 maps, 1.5 GB)."""
        if id(node) not in self.maps:
            if self.starts is None:
                self.starts = line_starts(self.text)
            self.maps[id(node)] = text_map(self.text, self.starts, node.style,
                                           node.start_mark, node.end_mark, value)
        return self.maps[id(node)]

    def mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        out: dict = {}
        merged: dict = {}
        repeats: dict[str, list] = {}  # one finding per repeated key, as the one-pass builder
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                merged.update(self.merge(value_node, path))
                continue
            key = self.key(key_node)
            if key in out and key in repeats:
                repeats[key][1] += 1
                repeats[key][2] = node_span(key_node).line
            elif key in out:
                repeats[key] = [len(self.findings), 2, node_span(key_node).line]
                self.findings.append(make(self.path, node_span(key_node), "duplicate-key",
                                          key=key, first=self.key_spans[path + (key,)].line))
            self.key_spans[path + (key,)] = node_span(key_node)
            out[key] = self.value(value_node, path + (key,))
        for index, times, last in repeats.values():
            if times > 2:
                said = self.findings[index]
                self.findings[index] = replace(
                    said, message_id="duplicate-key-many",
                    args=tuple(sorted({**dict(said.args), "times": times, "last": last}.items())))
        return {**merged, **out}

    def merge(self, node: yaml.Node, path: tuple) -> dict:
        """`<<: *base` or `<<: [*a, *b]`: explicit keys win, earlier sources win."""
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out: dict = {}
        for source in reversed(sources):
            if id(source) in self.active:
                raise _Loop(source)
            if isinstance(source, yaml.MappingNode):
                self.active.add(id(source))  # `<<: &s {<<: *s}` merges itself: a loop
                try:
                    out.update(self.mapping(source, path))
                finally:
                    self.active.discard(id(source))
            else:
                self.findings.append(make(self.path, node_span(source), "syntax",
                                          "yaml-bad-merge"))
        return out

    def key(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.ScalarNode):
            return node.value
        self.findings.append(make(self.path, node_span(node), "syntax", "yaml-complex-key"))
        return f"{COMPLEX_KEY}{node.start_mark.line + 1}>"
