"""One pass over a YAML event stream: the checks (scan.py) and the Documents together.

Values and spans are built straight from the events with an explicit stack (nothing
recurses; scan.py bounds the depth before anything deep is built). A file using an
anchor, an alias or a merge key stops being built here (the checks go on to the end):
load_yaml composes it instead, where aliases are expanded under a budget. Promotion
files almost never use them, and this keeps their subtle rules in one place.

Each event costs one dispatch; a Python call costs about as much as building a value
here, so the scalar path (most events) is written out in one method.
"""
from __future__ import annotations

from dataclasses import replace

from typing import Any

import yaml

from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import SPANS, Document, Span, new_span
from promolint.expr.syntax import number_text
from promolint.source.yaml.positions import needs_map, text_map
from promolint.source.yaml.scan import MAX_DEPTH, Scan, TooDeep, handlers
from promolint.source.yaml.values import (
    COMPLEX_KEY,
    MAX_DOCUMENTS,
    MERGE,
    NULL,
    PLAIN,
    QUOTED,
    SAFE_TAGS,
    STR,
    mark_span,
    plain,
    resolve,
    tagged,
)

SEQ, MAP, SKIP = 0, 1, 2  # a frame builds a list, a dict, or nothing (a subtree not built)
_SCALAR, _START = yaml.ScalarEvent, yaml.MappingStartEvent
_DOCUMENT_START, _STREAM_END = yaml.DocumentStartEvent, yaml.StreamEndEvent


class _Frame:
    __slots__ = ("kind", "value", "path", "key", "start", "tag")

    def __init__(self, kind: int, value: Any, path: tuple | None, start, tag: str | None):
        self.kind, self.value, self.path, self.start, self.tag = kind, value, path, start, tag
        self.key: str | None = None  # a mapping's key waiting for its value


class Builder:
    """Documents of one file from its events, checked by `scan` on the way.

    `table` maps an event type to its handler; a handler returns True to stop reading.
    `composed` is set when the file needs the node builder (anchors, aliases, merge keys).
    """

    def __init__(self, path: str, scan: Scan):
        self.path = path
        self.scan = scan
        self.checks = scan.table  # scan.py silences it in place past the document limit
        self.documents: list[Document] = []
        self.findings: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.index = -1
        self.done = False       # the document limit was reached: stop reading
        self.composed = False   # anchors, aliases or merge keys: load_yaml composes the file
        self.table = handlers(self, other=self.on_other)

    def give_up(self) -> None:
        """Leave the file to the composer; only the checks go on."""
        self.composed = True
        for kind in self.table:
            if kind is not _DOCUMENT_START and kind is not _STREAM_END:
                self.table[kind] = self.on_other

    def on_other(self, event: yaml.Event) -> bool:
        self.checks[type(event)](event)
        return type(event) is _STREAM_END

    def on_alias(self, event: yaml.AliasEvent) -> None:
        self.checks[type(event)](event)
        self.give_up()

    def on_document_start(self, event: yaml.DocumentStartEvent) -> bool:
        self.checks[_DOCUMENT_START](event)
        self.index += 1
        self.spans: dict = {}
        self.key_spans: dict = {}
        self.text_offsets: dict = {}
        self.doc_findings: list[Diagnostic] = []
        self.repeats: dict[tuple, list] = {}  # path -> [its finding's index, times, last line]
        return self.composed and self.scan.stopped  # the composer reads on by itself

    def on_document_end(self, event: yaml.DocumentEndEvent) -> bool:
        self.checks[type(event)](event)
        return self.done

    def on_scalar(self, event: yaml.ScalarEvent) -> None:
        start, end = event.start_mark, event.end_mark
        if not self.scan.idle or event.style or start.line != end.line:
            self.checks[_SCALAR](event)
        if event.anchor is not None:
            return self.give_up()
        stack = self.stack
        top = stack[-1] if stack else None
        kind = top.kind if top is not None else None
        if kind is SKIP:
            return None  # inside a subtree that is not built
        text = event.value
        where = (start.line, start.column, end.line, end.column)  # mark_span, written out
        span = SPANS.get(where) or new_span(where)
        if kind is MAP:
            key = top.key
            if key is None:  # a mapping key: never typed, only a merge key matters
                if (event.tag is not None or text[:1] == "<") and _merge_key(event):
                    return self.give_up()
                return self.key(top, text, span)
            path = top.path + (key,)
        else:
            path = top.path + (len(top.value),) if kind is SEQ else ()
        if event.tag is None and event.implicit[0]:
            tag, value, problem = PLAIN.get(text) or plain(text)
        else:
            tag, value, problem = tagged(text, event.tag, event.implicit)
        if top is None and tag == NULL and text == "":
            return None  # an empty document (`---` and nothing), as generators end files
        self.spans[path] = span
        if problem is not None or tag not in SAFE_TAGS or event.style in QUOTED:
            self.note(event, path, span, tag, problem)
        if (event.style or start.line != end.line) and tag == STR \
                and needs_map(event.style, start, end, text):
            self.place(event, path)
        if kind is MAP:
            top.value[key] = value
            top.key = None
        elif kind is SEQ:
            top.value.append(value)
        else:
            self.finish(value, span)
        return None

    def note(self, event: yaml.ScalarEvent, path: tuple, span: Span, tag: str,
             problem: str | None) -> None:
        """A refused tag or value, or where a quoted string's text starts."""
        if tag not in SAFE_TAGS:
            self.doc_findings.append(make(self.path, span, "syntax", "yaml-tag", tag=tag))
            return
        if event.style in QUOTED:
            self.text_offsets[path] = Span(span.line, span.column + 1)
        if problem is not None:
            self.doc_findings.append(make(self.path, span, "syntax", problem,
                                          text=number_text(event.value)))

    def place(self, event: yaml.ScalarEvent, path: tuple) -> None:
        """Where each character of a folded or escaped string stands (positions.py)."""
        scan = self.scan
        self.text_offsets[path] = text_map(scan.text, scan.line_starts, event.style,
                                           event.start_mark, event.end_mark, event.value)

    def key(self, frame: _Frame, key: str, span: Span) -> None:
        path = frame.path + (key,)
        if key in frame.value:
            seen = self.repeats.get(path)
            if seen is None:  # one finding per repeated key, however often it repeats
                self.repeats[path] = [len(self.doc_findings), 2, span.line]
                self.doc_findings.append(make(self.path, span, "duplicate-key", key=key,
                                              first=self.key_spans[path].line))
            else:
                seen[1] += 1
                seen[2] = span.line
        elif self.repeats:
            self._settle(self.repeats.pop(path, None))  # a new mapping at this path
        self.key_spans[path] = span
        frame.key = key

    def _settle(self, seen: list | None) -> None:
        """A key given more than twice: its one finding says how often and where last."""
        if seen is not None and seen[1] > 2:
            index, times, last = seen
            said = self.doc_findings[index]
            self.doc_findings[index] = replace(
                said, message_id="duplicate-key-many",
                args=tuple(sorted({**dict(said.args), "times": times, "last": last}.items())))

    def put(self, top: _Frame | None, value: Any, span: Span) -> None:
        if top is None:
            self.finish(value, span)
        elif top.kind is SEQ:
            top.value.append(value)
        else:
            top.value[top.key] = value
            top.key = None

    def on_start(self, event: yaml.CollectionStartEvent) -> None:
        self.checks[type(event)](event)
        if event.anchor is not None:
            return self.give_up()
        stack = self.stack
        if len(stack) >= MAX_DEPTH:  # scan.py stops sooner, unless past the document limit
            raise TooDeep(event.start_mark)
        path: tuple | None = ()
        if stack:
            top = stack[-1]
            if top.kind is SKIP:
                path = None
            elif top.kind is SEQ:
                path = top.path + (len(top.value),)
            elif top.key is None:  # a collection as a mapping key
                if event.tag == MERGE:
                    return self.give_up()
                stack.append(_Frame(SKIP, "key", None, event.start_mark, None))
                return None
            else:
                path = top.path + (top.key,)
        tag = event.tag
        if path is None or (tag is not None and tag != "!" and tag not in SAFE_TAGS):
            if path is not None:
                self.spans[path] = None  # keeps the table in document order; set at the end
            stack.append(_Frame(SKIP, None, path, event.start_mark, tag))
            return None
        self.spans[path] = None
        if type(event) is _START:
            stack.append(_Frame(MAP, {}, path, event.start_mark, None))
        else:
            stack.append(_Frame(SEQ, [], path, event.start_mark, None))
        return None

    def on_end(self, event: yaml.CollectionEndEvent) -> None:
        self.checks[type(event)](event)
        frame = self.stack.pop()
        top = self.stack[-1] if self.stack else None
        span = mark_span(frame.start, event.end_mark)
        if frame.kind is not SKIP:
            self.spans[frame.path] = span
            return self.put(top, frame.value, span)
        if frame.value == "key":
            self.doc_findings.append(make(self.path, span, "syntax", "yaml-complex-key"))
            return self.key(top, f"{COMPLEX_KEY}{frame.start.line + 1}>", span)
        if frame.path is not None:  # a tag we refuse: the value is None, never built
            self.spans[frame.path] = span
            self.doc_findings.append(make(self.path, span, "syntax", "yaml-tag", tag=frame.tag))
            return self.put(top, None, span)
        return None

    def finish(self, value: Any, span: Span) -> None:
        if self.index >= MAX_DOCUMENTS:
            self.findings.append(make(self.path, span, "syntax", "too-many-promotions",
                                      limit=MAX_DOCUMENTS))
            self.done = True
            return
        for seen in self.repeats.values():
            self._settle(seen)
        self.findings.extend(self.doc_findings)
        self.documents.append(Document(self.path, self.index, value, self.spans,
                                       self.key_spans, "yaml", self.text_offsets))


def _merge_key(event: yaml.ScalarEvent) -> bool:
    tag = event.tag
    if tag is None or tag == "!":
        tag = resolve(event.value, event.implicit)
    return tag == MERGE


def read(text: str, path: str, loader: type, max_aliases: int) -> tuple[Scan, Builder]:
    """Run the checks and the builder over the events of `text`.

    Raises yaml.YAMLError (the text does not parse), TooDeep or TooManyAliases.
    """
    scan = Scan(text, MAX_DOCUMENTS, max_aliases)
    builder = Builder(path, scan)
    handlers = builder.table
    parser = loader(text)
    try:
        get_event = parser.get_event
        while not handlers[type(event := get_event())](event):
            pass
    finally:
        parser.dispose()
    return scan, builder
