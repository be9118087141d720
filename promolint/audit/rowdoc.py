"""A promotion row's JSON object as a Document, its findings located by JSON pointer.

Rows have no lines and columns. Every path into the object gets one Span from a
process-wide table (the same path, the same Span, in every row), its line a multiple
of STRIDE: the schema, the builder and the checks locate findings as for files, and
`pointer()` turns the Span back into the path. An audience's own positions (an unknown
field at column 12) stay within its stride.
"""
from __future__ import annotations

import json
from decimal import Decimal

from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Document, Span
from promolint.core.phrases import phrase

STRIDE = 1 << 20
_PATHS: list[tuple] = [()]
_SPANS: dict[tuple, Span] = {(): Span(1, 1)}


def span_of(path: tuple) -> Span:
    """The one Span standing for `path` (any row)."""
    span = _SPANS.get(path)
    if span is None:
        _PATHS.append(path)
        span = _SPANS[path] = Span((len(_PATHS) - 1) * STRIDE + 1, 1)
    return span


def path_of(span: Span) -> tuple:
    index = (span.line - 1) // STRIDE
    return _PATHS[index] if 0 <= index < len(_PATHS) else ()


def pointer(span: Span) -> str:
    """The JSON pointer (RFC 6901) of the value a finding's Span stands for."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path_of(span))


def dotted(span: Span) -> str:
    """The same path as a reader writes it: benefit.tiers[0].amount."""
    out = ""
    for part in path_of(span):
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Spans:
    """The Document's span table, answered from the data: a path has a Span when the
    object holds a value there."""

    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data

    def __contains__(self, path) -> bool:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return False
        return True

    def __getitem__(self, path) -> Span:
        return span_of(tuple(path))

    def get(self, path, default=None):
        return span_of(tuple(path)) if path in self else default

    def items(self):
        return ()


class _Duplicate(Exception):
    pass


def _pairs(pairs):
    out = dict(pairs)
    if len(out) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return out


def _no_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_int=Decimal,
                            parse_constant=_no_constant, object_pairs_hook=_pairs)


def parse(text, path: str) -> tuple[object, list[Diagnostic]]:
    """The row's promotion as data (every number a Decimal from its text) and the
    findings of text that does not parse. `text` may be a dict (an adapter's)."""
    if isinstance(text, dict):
        return _decimals(text), []
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", "replace")
    if text is None or (isinstance(text, str) and not text.strip()):
        return None, [make(path, Span(1, 1), "syntax", "row-empty")]
    if not isinstance(text, str):  # a number or a list where the object should be
        return None, [make(path, Span(1, 1), "schema", "schema-not-mapping")]
    try:
        return _DECODER.decode(text), []
    except _Duplicate as dup:
        return None, [make(path, Span(1, 1), "duplicate-key", "duplicate-key-row", key=str(dup))]
    except json.JSONDecodeError as err:
        return None, [make(path, Span(1, 1), "syntax", "row-json",
                           problem=phrase("json-problem", text=err.msg), offset=err.pos + 1)]
    except (ValueError, RecursionError) as err:
        return None, [make(path, Span(1, 1), "syntax", "row-json",
                           problem=phrase("json-problem", text=str(err)[:100]), offset=1)]


def _decimals(value):
    """An adapter's data with every number a Decimal (a float by its shortest text)."""
    if isinstance(value, dict):
        return {str(k): _decimals(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_decimals(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, Decimal)):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return str(value)


def document(data, path: str) -> Document:
    """The Document of one row's parsed promotion."""
    return Document(path, 0, data, _Spans(data))
