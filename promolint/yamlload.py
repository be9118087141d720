"""Load YAML promotion files into Documents, keeping every value's position.

We compose nodes with PyYAML's safe composer (libyaml's C one when present) and
build plain data ourselves, so that:
- every value keeps its line and column (node marks);
- numbers become exact Decimals from the source text, and YAML 1.1 number
  spellings that silently change meaning (017, 1_000, 1:20, .inf) are refused;
- only `true`/`false` are booleans (`on`, `no`, `yes` stay strings, as in YAML 1.2);
- duplicate keys are reported (PyYAML keeps the last one silently);
- tags are never executed: anything but the core tags is refused;
- alias expansion is bounded (billion laughs).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from promolint.diagnostics import Diagnostic, make
from promolint.document import Document, Span

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_NODES = 200_000  # values built per file, aliases counted each time they expand

_PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "True": True, "TRUE": True,
          "false": False, "False": False, "FALSE": False}
_CORE = "tag:yaml.org,2002:"
_SAFE_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq",
                                   "timestamp", "merge")}


class _TooBig(Exception):
    pass


def node_span(node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def load_yaml(text: str, path: str) -> tuple[list[Document], list[Diagnostic]]:
    """Parse a YAML stream into one Document per non-empty document."""
    documents: list[Document] = []
    findings: list[Diagnostic] = []
    try:
        for index, node in enumerate(yaml.compose_all(text, Loader=Loader)):
            if node is None:
                continue
            builder = _Builder(path, index)
            try:
                data = builder.value(node, ())
            except _TooBig:
                findings.append(make(path, node_span(node), "syntax", "yaml-too-many-nodes",
                                     limit=MAX_NODES))
                continue
            findings.extend(builder.findings)
            documents.append(Document(path, index, data, builder.spans, builder.key_spans,
                                      "yaml", builder.text_offsets))
    except yaml.MarkedYAMLError as err:
        findings.append(_syntax(path, err))
    except yaml.YAMLError as err:  # reader errors (bad characters) carry no mark
        findings.append(make(path, _reader_span(err), "syntax", "yaml-syntax",
                             problem=str(err).splitlines()[0]))
    except RecursionError:
        findings.append(make(path, Span(1, 1), "syntax", "yaml-too-deep"))
    return documents, findings


def _syntax(path: str, err: yaml.MarkedYAMLError) -> Diagnostic:
    mark = err.problem_mark or err.context_mark
    span = Span(mark.line + 1, mark.column + 1) if mark else Span(1, 1)
    problem = err.problem or err.context or "invalid YAML"
    return make(path, span, "syntax", "yaml-syntax", problem=problem)


def _reader_span(err: yaml.YAMLError) -> Span:
    return Span(1, 1)


class _Builder:
    """Turns one composed node tree into plain data plus span tables."""

    def __init__(self, path: str, index: int):
        self.path, self.index = path, index
        self.spans: dict = {}
        self.key_spans: dict = {}
        self.text_offsets: dict = {}
        self.findings: list[Diagnostic] = []
        self.count = 0

    def value(self, node: yaml.Node, path: tuple) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        self.spans[path] = node_span(node)
        if node.tag not in _SAFE_TAGS:
            self.findings.append(make(self.path, node_span(node), "syntax", "yaml-tag",
                                      tag=node.tag))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        text, tag = node.value, node.tag[len(_CORE):]
        if node.style in ('"', "'"):
            span = node_span(node)
            self.text_offsets[path] = Span(span.line, span.column + 1)
        if tag == "null":
            return None
        if tag == "bool":
            if text in _BOOLS:
                return _BOOLS[text]
            return text  # YAML 1.1's yes/no/on/off: a string, as YAML 1.2 reads it
        if tag in ("int", "float"):
            return self.number(node, text)
        return text

    def number(self, node: yaml.ScalarNode, text: str) -> Any:
        plain = text[1:] if text.startswith("+") else text
        if _PLAIN_NUMBER.fullmatch(plain):
            try:
                return Decimal(plain)
            except InvalidOperation:  # pragma: no cover - the regex admits only decimals
                pass
        self.findings.append(make(self.path, node_span(node), "syntax", "yaml-number",
                                  text=text))
        return text

    def mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        out: dict = {}
        merged: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                merged.update(self.merge(value_node, path))
                continue
            key = self.key(key_node)
            if key in out:
                self.findings.append(make(self.path, node_span(key_node), "duplicate-key",
                                          key=key, first=self.key_spans[path + (key,)].line))
            self.key_spans[path + (key,)] = node_span(key_node)
            out[key] = self.value(value_node, path + (key,))
        return {**merged, **out}

    def merge(self, node: yaml.Node, path: tuple) -> dict:
        """`<<: *base` or `<<: [*a, *b]`: explicit keys win, earlier sources win."""
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out: dict = {}
        for source in reversed(sources):
            if isinstance(source, yaml.MappingNode):
                value = self.mapping(source, path)
                out.update(value)
            else:
                self.findings.append(make(self.path, node_span(source), "syntax",
                                          "yaml-bad-merge"))
        return out

    def key(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.ScalarNode):
            return node.value
        self.findings.append(make(self.path, node_span(node), "syntax", "yaml-complex-key"))
        return f"<complex key at line {node.start_mark.line + 1}>"
