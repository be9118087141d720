"""One pass over a YAML event stream: the checks (yamlscan) and the Documents together.

Values and spans are built straight from the events with an explicit stack (nothing
recurses; yamlscan bounds the depth before anything deep is built). A file using an
anchor, an alias or a merge key stops being built here (the checks go on to the end):
load_yaml composes it instead, where aliases are expanded under a budget. Promotion
files almost never use them, and this keeps their subtle rules in one place.
"""
from __future__ import annotations

from typing import Any

import yaml

from promolint.diagnostics import Diagnostic, make
from promolint.document import Document, Span
from promolint.yamlscan import MAX_DEPTH, Scan, TooDeep
from promolint.yamlvalues import (MAX_DOCUMENTS, MERGE, NULL, QUOTED, SAFE_TAGS, mark_span,
                                  plain, resolve, typed)

SEQ, MAP, SKIP = 0, 1, 2  # a frame builds a list, a dict, or nothing (a subtree not built)
_SEQUENCES = (yaml.SequenceStartEvent,)


class _Frame:
    __slots__ = ("kind", "value", "path", "key", "start", "tag")

    def __init__(self, kind: int, value: Any, path: tuple | None, start, tag: str | None):
        self.kind, self.value, self.path, self.start, self.tag = kind, value, path, start, tag
        self.key: str | None = None  # a mapping's key waiting for its value


def _ignore(event: yaml.Event) -> None:
    return None


class Builder:
    """Documents of one file from its events; `composed` is set when the file needs the
    node builder (anchors, aliases, merge keys) instead."""

    def __init__(self, path: str, scan: Scan):
        self.path = path
        self.scan = scan
        self.documents: list[Document] = []
        self.findings: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.index = -1
        self.done = False       # the document limit was reached: stop reading
        self.composed = False   # anchors, aliases or merge keys: load_yaml composes the file
        self.table = {
            yaml.ScalarEvent: self.on_scalar, yaml.AliasEvent: self.give_up,
            yaml.MappingStartEvent: self.on_start, yaml.SequenceStartEvent: self.on_start,
            yaml.MappingEndEvent: self.on_end, yaml.SequenceEndEvent: self.on_end,
            yaml.DocumentStartEvent: self.on_document_start,
            yaml.DocumentEndEvent: self.on_document_end,
            yaml.StreamStartEvent: _ignore, yaml.StreamEndEvent: _stop}

    def give_up(self, event: yaml.Event | None = None) -> None:
        """Leave the file to the composer; only the document boundaries still matter."""
        self.composed = True
        for kind in self.table:
            if kind is not yaml.DocumentStartEvent and kind is not yaml.StreamEndEvent:
                self.table[kind] = _ignore

    def on_document_start(self, event: yaml.DocumentStartEvent) -> bool:
        self.index += 1
        self.spans: dict = {}
        self.key_spans: dict = {}
        self.text_offsets: dict = {}
        self.doc_findings: list[Diagnostic] = []
        return self.composed and self.scan.stopped  # the composer reads on by itself

    def on_document_end(self, event: yaml.DocumentEndEvent) -> bool:
        return self.done

    def on_scalar(self, event: yaml.ScalarEvent) -> None:
        if event.anchor is not None:
            return self.give_up()
        stack = self.stack
        if not stack:
            return self.scalar_value(event, (), None)
        top = stack[-1]
        kind = top.kind
        if kind is MAP:
            if top.key is None:
                return self.on_key(event, top)
            return self.scalar_value(event, top.path + (top.key,), top)
        if kind is SEQ:
            return self.scalar_value(event, top.path + (len(top.value),), top)
        return None  # inside a subtree that is not built

    def on_key(self, event: yaml.ScalarEvent, top: _Frame) -> None:
        text, tag = event.value, event.tag
        if tag == MERGE or (text[:1] == "<" and (tag is None or tag == "!")
                            and resolve(text, event.implicit) == MERGE):
            return self.give_up()
        return self.key(top, text, mark_span(event.start_mark, event.end_mark))

    def scalar_value(self, event: yaml.ScalarEvent, path: tuple, top: _Frame | None) -> None:
        text, tag = event.value, event.tag
        if tag is None and event.implicit[0]:
            tag, value, problem = plain(text)
        else:
            if tag is None or tag == "!":
                tag = resolve(text, event.implicit)
            value, problem = typed(text, tag) if tag in SAFE_TAGS else (None, None)
        if top is None and tag == NULL and text == "":
            return None  # an empty document (`---` and nothing), as generators end files
        span = mark_span(event.start_mark, event.end_mark)
        self.spans[path] = span
        if tag not in SAFE_TAGS:
            self.doc_findings.append(make(self.path, span, "syntax", "yaml-tag", tag=tag))
        else:
            if event.style in QUOTED:
                self.text_offsets[path] = Span(span.line, span.column + 1)
            if problem is not None:
                self.doc_findings.append(make(self.path, span, "syntax", problem, text=text))
        self.put(top, value, span)

    def put(self, top: _Frame | None, value: Any, span: Span) -> None:
        if top is None:
            self.finish(value, span)
        elif top.kind is SEQ:
            top.value.append(value)
        else:
            top.value[top.key] = value
            top.key = None

    def key(self, frame: _Frame, key: str, span: Span) -> None:
        path = frame.path + (key,)
        if key in frame.value:
            self.doc_findings.append(make(self.path, span, "duplicate-key", key=key,
                                          first=self.key_spans[path].line))
        self.key_spans[path] = span
        frame.key = key

    def on_start(self, event: yaml.CollectionStartEvent) -> None:
        if event.anchor is not None:
            return self.give_up()
        stack = self.stack
        if len(stack) >= MAX_DEPTH:  # yamlscan stops sooner, unless past the document limit
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
        if type(event) in _SEQUENCES:
            stack.append(_Frame(SEQ, [], path, event.start_mark, None))
        else:
            stack.append(_Frame(MAP, {}, path, event.start_mark, None))
        return None

    def on_end(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        top = self.stack[-1] if self.stack else None
        if frame.kind is not SKIP:
            span = mark_span(frame.start, event.end_mark)
            self.spans[frame.path] = span
            return self.put(top, frame.value, span)
        if frame.value == "key":
            span = mark_span(frame.start, event.end_mark)
            self.doc_findings.append(make(self.path, span, "syntax", "yaml-complex-key"))
            return self.key(top, f"<complex key at line {frame.start.line + 1}>", span)
        if frame.path is not None:  # a tag we refuse: the value is None, never built
            span = mark_span(frame.start, event.end_mark)
            self.spans[frame.path] = span
            self.doc_findings.append(make(self.path, span, "syntax", "yaml-tag", tag=frame.tag))
            return self.put(top, None, span)
        return None

    def finish(self, value: Any, span: Span) -> None:
        if self.index >= MAX_DOCUMENTS:
            self.findings.append(make(self.path, span, "syntax", "yaml-too-many-documents",
                                      limit=MAX_DOCUMENTS))
            self.done = True
            return
        self.findings.extend(self.doc_findings)
        self.documents.append(Document(self.path, self.index, value, self.spans,
                                       self.key_spans, "yaml", self.text_offsets))


def _stop(event: yaml.Event) -> bool:
    return True


def read(text: str, path: str, loader: type, max_aliases: int) -> tuple[Scan, Builder]:
    """Run the checks and the builder over the events of `text`.

    Raises yaml.YAMLError (the text does not parse), TooDeep or TooManyAliases.
    """
    scan = Scan(text, MAX_DOCUMENTS, max_aliases)
    builder = Builder(path, scan)
    checks, builds = scan.table, builder.table
    parser = loader(text)
    try:
        get_event = parser.get_event
        while True:
            event = get_event()
            kind = type(event)
            checks[kind](event)
            if builds[kind](event):
                break
    finally:
        parser.dispose()
    return scan, builder
