"""Load `*.promo` files (the promotion DSL) into Documents.

The grammar is grammar/promo.lark. Each `promotion <id> "<name>" { ... }` block
becomes the same plain data the YAML loader would produce for that promotion,
with a span for every value, so the schema, builder and checks run unchanged
and report DSL line:column positions.

Recovery: the text is cut into chunks at every line that starts with
`promotion`; each chunk is parsed on its own, so a syntax error costs only its
own block and the rest of the file is still checked.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Document, Span
from promolint.expr.syntax import number_text, out_of_range, unquote
from promolint.source.dsl.grammar import parser
from promolint.source.files import MAX_PROMOTIONS

API_VERSION, KIND = "promolint/v1", "Promotion"
MAX_BLOCK_CHARS = 100_000  # one promotion block; real ones are a few hundred characters

_CHUNK = re.compile(r"^[ \t]*promotion(?=[\s{\"])", re.MULTILINE)

# Keyword -> the YAML field its value fills (inside benefit, scope, limits, coupon, suppress).
_FIELDS = {
    "PERCENT_OFF": "percent", "MAX": "max_amount", "MAX_AMOUNT": "max_amount",
    "AMOUNT_OFF": "amount", "SPEND": "threshold", "SAVE": "amount", "EVERY": "repeat",
    "MAX_REPEATS": "max_repeats", "FIXED_PRICE": "price", "BUY": "buy", "GET": "get",
    "PERCENT": "percent", "GROUP_PRICE": "price", "MIN_GROUP_SIZE": "min_group_size",
    "MIN_SUBTOTAL": "min_subtotal", "PER_USER": "per_user", "TOTAL": "total",
    "BUDGET": "budget", "RATE_LIMIT_PER_MINUTE": "rate_limit_per_minute",
    "REQUIRED": "required", "SIGNED": "signed", "SKUS": "skus", "CATEGORIES": "categories",
    "EXCLUDE": "exclude_skus", "EXCLUDE_SKUS": "exclude_skus", "REASON": "reason",
    "UNTIL": "until", "WITH": "with",
}
_FLAGS = {"EVERY", "REQUIRED", "SIGNED"}  # a keyword alone means true
_VALUES = {"NUMBER", "WORD", "STRING", "STAMP", "BOOL"}


def load_dsl(text: str, path: str) -> tuple[list[Document], list[Diagnostic]]:
    """Parse a DSL file into one Document per `promotion` block (never raises)."""
    from promolint.source.dsl._parser import LarkError
    from promolint.source.dsl.errors import next_keyword, syntax_findings
    documents: list[Document] = []
    findings: list[Diagnostic] = []
    chunks = _chunks(text)
    index, line0, counted = 0, 0, 0
    for number, (start, end) in enumerate(chunks):
        line0 += text.count("\n", counted, start)  # lines before this chunk, counted once
        counted, chunk = start, text[start:end]
        if index >= MAX_PROMOTIONS and _CHUNK.match(chunk):  # the YAML loader's limit too
            findings.append(make(path, Span(line0 + 1, 1), "syntax", "too-many-promotions",
                                 limit=MAX_PROMOTIONS))
            break
        if len(chunk) > MAX_BLOCK_CHARS:  # bounded time: Lark needs ~25us a token
            findings.append(make(path, Span(line0 + 1, 1), "syntax", "dsl-block-too-large",
                                 size=len(chunk), limit=MAX_BLOCK_CHARS))
            index += 1 if _CHUNK.match(chunk) else 0
            continue
        try:
            for block in parser().parse(chunk).children:
                builder = _Block(path, index, chunk, line0)
                documents.append(builder.build(block))
                findings.extend(builder.findings)
                index += 1
        except LarkError as err:
            following = next_keyword(text, chunks, number, line0)
            findings.extend(syntax_findings(path, err, chunk, line0, following))
            index += 1 if _CHUNK.match(chunk) else 0  # the broken block keeps its ordinal
        except RecursionError:
            findings.append(make(path, Span(line0 + 1, 1), "syntax", "dsl-too-deep"))
    return documents, findings


def _chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets: text before the first block, then one per `promotion` line."""
    starts = sorted({0} | {text.rfind("\n", 0, m.start()) + 1 for m in _CHUNK.finditer(text)})
    return list(zip(starts, starts[1:] + [len(text)]))


class _Block:
    """Builds one Document from a `block` tree: data plus span tables."""

    def __init__(self, path: str, index: int, chunk: str, line0: int):
        self.path, self.index, self.chunk, self.line0 = path, index, chunk, line0
        self.data: dict[str, Any] = {}
        self.spans: dict = {}
        self.key_spans: dict = {}
        self.text_offsets: dict = {}
        self.findings: list[Diagnostic] = []

    def build(self, block) -> Document:
        keyword, ident, name, *fields, rbrace = block.children
        self.spans[()] = self.meta_span(block)
        for key in ("apiVersion", "kind"):
            self.spans[(key,)] = self.span(keyword)
        self.data.update(apiVersion=API_VERSION, kind=KIND)
        self.put(("id",), keyword, ident)
        self.put(("name",), keyword, name)
        for i, node in enumerate(fields):
            follower = fields[i + 1] if i + 1 < len(fields) else rbrace
            self.field(node, follower)
        return Document(self.path, self.index, self.data, self.spans, self.key_spans,
                        "dsl", self.text_offsets)

    # -- positions -------------------------------------------------------------------
    def span(self, tok) -> Span:
        return Span(tok.line + self.line0, tok.column, tok.end_line + self.line0, tok.end_column)

    def meta_span(self, tree) -> Span:
        m = tree.meta
        return Span(m.line + self.line0, m.column, m.end_line + self.line0, m.end_column)

    def offset_span(self, offset: int) -> Span:
        line = self.chunk.count("\n", 0, offset) + 1
        column = offset - (self.chunk.rfind("\n", 0, offset) + 1) + 1
        return Span(line + self.line0, column)

    # -- values ----------------------------------------------------------------------
    def put(self, path: tuple, key_tok, value_node, value: Any = None) -> None:
        """Store a value at `path`; a repeated key is a duplicate-key finding (last wins)."""
        parent = self.data
        for part in path[:-1]:
            parent = parent[part]
        if path[-1] in parent:
            self.findings.append(make(self.path, self.span(key_tok), "duplicate-key",
                                      key=".".join(map(str, path)),
                                      first=self.key_spans[path].line))
            self.forget(path)
        self.key_spans[path] = self.span(key_tok)
        parent[path[-1]] = self.value(path, value_node) if value is None else value

    def forget(self, path: tuple) -> None:
        """Drop the positions of a value that a repeated key replaces."""
        for table in (self.spans, self.key_spans, self.text_offsets):
            for key in [k for k in table if k[:len(path)] == path]:
                del table[key]

    def value(self, path: tuple, node) -> Any:
        from promolint.source.dsl._parser import Tree
        if isinstance(node, Tree):  # a list
            self.spans[path] = self.meta_span(node)
            return [self.value(path + (i,), item) for i, item in enumerate(node.children)
                    if item is not None]
        self.spans[path] = self.span(node)
        kind = node.type
        if kind == "NUMBER":
            number = Decimal(str(node))
            if out_of_range(number):  # as the YAML loader: a finding here, and the schema's
                self.findings.append(make(self.path, self.span(node), "syntax",
                                          "yaml-number-range", text=number_text(str(node))))
                return str(node)
            return number
        if kind == "BOOL":
            return str(node) == "true"
        if kind == "STRING":
            start = self.span(node)
            self.text_offsets[path] = Span(start.line, start.column + 1)
            return unquote(str(node))
        return str(node)

    # -- fields ----------------------------------------------------------------------
    def field(self, node, follower) -> None:
        kind, keyword = node.data, node.children[0]
        rest = node.children[1:]
        if kind in ("campaign", "owner", "currency", "priority", "rollout", "stacking_mode"):
            self.put((kind.split("_")[0],), keyword, rest[0])
        elif kind == "window":
            self.put(("window",), keyword, None, {})
            first, last = self.span(rest[0]), self.span(rest[1])
            self.spans[("window",)] = Span(first.line, first.column, last.end_line,
                                           last.end_column)
            self.put(("window", "start"), rest[0], rest[0])
            self.put(("window", "end"), rest[1], rest[1])
        elif kind == "audience":
            self.audience(keyword, follower)
        elif kind == "benefit":
            self.benefit(keyword, rest[0])
        elif kind == "suppress":
            self.suppress(node)
        else:  # scope, limits, coupon, stacking_with: keyword-value clauses
            key = "stacking" if kind == "stacking_with" else kind
            self.put((key,), keyword, None, {})
            self.spans[(key,)] = self.meta_span(node)
            self.clauses((key,), _flatten(rest))

    def clauses(self, base: tuple, items: list) -> None:
        """`keyword value keyword value flag ...` -> fields of the mapping at `base`."""
        pending = None
        for item in items:
            if item is None:
                continue
            if _is_value(item):
                if pending is not None:
                    self.put(base + (_FIELDS[pending.type],), pending, item)
                pending = None
                continue
            if pending is not None and pending.type in _FLAGS:
                self.put(base + (_FIELDS[pending.type],), pending, None, True)
                self.spans[base + (_FIELDS[pending.type],)] = self.span(pending)
            pending = item if item.type in _FIELDS else None
        if pending is not None and pending.type in _FLAGS:
            self.put(base + (_FIELDS[pending.type],), pending, None, True)
            self.spans[base + (_FIELDS[pending.type],)] = self.span(pending)

    def benefit(self, keyword, kind) -> None:
        self.put(("benefit",), keyword, None, {"type": kind.data})
        self.spans[("benefit",)] = self.meta_span(kind)
        first = kind.children[0]
        self.spans[("benefit", "type")] = self.key_spans[("benefit", "type")] = self.span(first)
        if kind.data == "tiered":
            self.tiers(first, kind.children[1:])
        else:
            self.clauses(("benefit",), kind.children)

    def tiers(self, keyword, tiers: list) -> None:
        path = ("benefit", "tiers")
        self.put(path, keyword, None, [])
        self.spans[path] = self.span(keyword)
        for i, tier in enumerate(tiers):
            self.data["benefit"]["tiers"].append({})
            self.spans[path + (i,)] = self.meta_span(tier)
            self.clauses(path + (i,), tier.children)

    def suppress(self, node) -> None:
        keyword, rule, *rest = node.children
        entries = self.data.setdefault("suppress", [])
        path = ("suppress", len(entries))
        entries.append({})
        self.key_spans.setdefault(("suppress",), self.span(keyword))
        self.spans.setdefault(("suppress",), self.meta_span(node))
        self.spans[path] = self.key_spans[path] = self.meta_span(node)
        self.put(path + ("rule",), keyword, rule)
        self.clauses(path, rest)

    def audience(self, keyword, follower) -> None:
        """Store the expression's source text; build.py parses it with grammar/expr.lark."""
        end = follower.meta.start_pos if hasattr(follower, "meta") else follower.start_pos
        raw = _blank_comments(self.chunk[keyword.end_pos:end])
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        start = self.offset_span(keyword.end_pos + lead)
        stop = self.offset_span(keyword.end_pos + lead + len(text))
        self.put(("audience",), keyword, None, text)
        self.spans[("audience",)] = Span(start.line, start.column, stop.line, stop.column)
        self.text_offsets[("audience",)] = start


def _flatten(items: list) -> list:
    """Clause items (skus [..], per_user 1, ...) as one keyword/value sequence."""
    from promolint.source.dsl._parser import Tree
    out: list = []
    for item in items:
        if isinstance(item, Tree) and item.data != "list":
            out.extend(item.children)
        else:
            out.append(item)
    return out


def _is_value(item) -> bool:
    from promolint.source.dsl._parser import Tree
    if isinstance(item, Tree):
        return item.data == "list"
    return item is not None and item.type in _VALUES


_EXPR_TOKENS = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")


def _blank_comments(text: str) -> str:
    """Comments inside a multi-line audience become spaces (positions are kept)."""
    return _EXPR_TOKENS.sub(lambda m: " " * len(m.group()) if m.group().startswith("#")
                            else m.group(), text)
