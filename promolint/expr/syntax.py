"""The eligibility expression AST (spec section 4) and its parser.

The parser is the Lark grammar in grammar/expr.lark, as the stand-alone parser
generated from it (promolint/expr/_parser.py, `python -m promolint.expr.gen`).
Spans are relative to the expression text (line 1, column 1 = its first
character); callers shift them to file positions with Span.shift.
"""
from __future__ import annotations

import re
from dataclasses import field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Union

from promolint.core.document import Span
from promolint.core.frozen import frozen
from promolint.core.phrases import english, phrase

MAX_EXPR_CHARS = 20_000  # longer audiences are refused before parsing (bounded time)


@frozen
class Field:
    """A fact such as user.tier."""

    name: str
    span: Span = field(default=Span(1, 1), compare=False)


@frozen
class Literal:
    """A number, string or boolean."""

    value: Any  # Decimal | str | bool
    span: Span = field(default=Span(1, 1), compare=False)


@frozen
class ListLit:
    """A list of literals."""

    items: tuple[Literal, ...]
    span: Span = field(default=Span(1, 1), compare=False)


@frozen
class Compare:
    """`left op right`."""

    op: str  # == != < <= > >= in "not in" contains
    left: "Operand"
    right: "Operand"
    span: Span = field(default=Span(1, 1), compare=False)


@frozen
class Not:
    """`not operand`."""

    operand: "Expr"
    span: Span = field(default=Span(1, 1), compare=False)


@frozen
class BoolOp:
    """`and` / `or` over two or more items."""

    op: str  # "and" | "or"
    items: tuple["Expr", ...]
    span: Span = field(default=Span(1, 1), compare=False)


Operand = Union[Field, Literal, ListLit]
Expr = Union[BoolOp, Not, Compare, Field, Literal, ListLit]


MAX_DIGITS = 20     # significant digits of a number; money and counts need far fewer
MAX_MAGNITUDE = 15  # |exponent| of its leading digit: 1e16 or 1e-16 is no price or count


def out_of_range(number: Decimal) -> bool:
    """True for a number no price or count needs (arithmetic on it would round, and
    printing a 5,000-digit integer hits Python's int-string limit)."""
    return bool(number) and (len(number.as_tuple().digits) > MAX_DIGITS
                             or abs(number.adjusted()) > MAX_MAGNITUDE)


def number_text(text: str) -> str:
    """A number's text for a message: a long one is cut, with its length."""
    return text if len(text) <= 40 else f"{text[:20]}... ({len(text)} characters)"


class ExprSyntaxError(Exception):
    """A parse error with its position (relative to the expression text)."""

    def __init__(self, span: Span, found: str, expected: tuple[str, ...]):
        super().__init__(f"unexpected {english(found)}")
        self.span, self.found, self.expected = span, found, expected


def parse(text: str) -> Expr:
    """Parse an audience expression; raise ExprSyntaxError on bad text."""
    if len(text) > MAX_EXPR_CHARS:
        raise ExprSyntaxError(Span(1, 1), phrase("expr-too-long", limit=MAX_EXPR_CHARS), ())
    from promolint.expr._parser import LarkError, VisitError
    try:  # the AST pass too: ~500 nested `not`s exhaust the stack there first
        return _ToAst().transform(_parser().parse(text))
    except RecursionError:
        raise ExprSyntaxError(Span(1, 1), phrase("nesting-too-deep"), ()) from None
    except VisitError as err:  # an error inside a transformer method, wrapped by Lark
        if isinstance(err.orig_exc, RecursionError):
            raise ExprSyntaxError(Span(1, 1), phrase("nesting-too-deep"), ()) from None
        if isinstance(err.orig_exc, ExprSyntaxError):
            raise err.orig_exc from None
        raise
    except LarkError as err:
        raise syntax_error(err, text) from None


def syntax_error(err: Exception, text: str) -> ExprSyntaxError:
    """Turn a Lark error into ExprSyntaxError with a readable `found`."""
    from promolint.expr._parser import (
        UnexpectedCharacters,
        UnexpectedEOF,
        UnexpectedToken,
    )
    expected = readable_all(getattr(err, "expected", ()) or ())
    if isinstance(err, UnexpectedToken):
        tok = err.token
        if tok.type == "$END":
            return ExprSyntaxError(_end_span(text), phrase("tok-end-text"), expected)
        return ExprSyntaxError(Span(tok.line, tok.column, tok.end_line or tok.line,
                                    tok.end_column or tok.column), repr(str(tok)), expected)
    if isinstance(err, UnexpectedCharacters):
        allowed = readable_all(err.allowed or ())
        return ExprSyntaxError(Span(err.line, err.column), repr(text[err.pos_in_stream]), allowed)
    if isinstance(err, UnexpectedEOF):
        return ExprSyntaxError(_end_span(text), phrase("tok-end-text"), expected)
    return ExprSyntaxError(Span(1, 1), phrase("parse-error", text=str(err).splitlines()[0]), ())


def _end_span(text: str) -> Span:
    lines = text.split("\n")
    return Span(len(lines), len(lines[-1]) + 1)


# What a parser expected, as a marketer reads it: a phrase (said per language) or the
# literal text to type.
_NAMES = {
    "FIELD": phrase("tok-field"), "NUMBER": phrase("tok-number"),
    "STRING": phrase("tok-quoted"), "COMP_OP": phrase("tok-comparison"), "LPAR": "'('",
    "RPAR": "')'", "LSQB": "'['", "RSQB": "']'", "COMMA": "','", "_OR": "'or'",
    "_AND": "'and'", "_NOT": "'not'", "_IN": "'in'", "_CONTAINS": "'contains'",
    "_TRUE": "'true'", "_FALSE": "'false'", "$END": phrase("tok-end-expr"),
}


def _readable(terminal: str):
    return _NAMES.get(terminal) or phrase("tok-other", name=terminal.lower())


def readable_all(terminals) -> tuple:
    """The readable forms of `terminals`, without repeats, in the order of their English."""
    return tuple(sorted(set(map(_readable, terminals)), key=english))


def expected_phrase(err: ExprSyntaxError):
    """What the parser expected here, as one message argument."""
    from promolint.core.phrases import listing
    return listing(err.expected)


@lru_cache(maxsize=1)
def _parser():
    """Generated ahead: importing Lark and loading a grammar cost a cold start ~25 ms."""
    from promolint.expr._parser import Lark_StandAlone
    return Lark_StandAlone()


def _span(meta) -> Span:
    return Span(meta.line, meta.column, meta.end_line, meta.end_column)


def _tspan(tok) -> Span:
    return Span(tok.line, tok.column, tok.end_line, tok.end_column)


_ESCAPE = re.compile(r"\\(.)")


def unquote(token: str) -> str:
    return _ESCAPE.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), token[1:-1])


def _make_transformer():
    from promolint.expr._parser import Transformer, v_args

    @v_args(meta=True)
    class ToAst(Transformer):
        def or_test(self, meta, items):
            return BoolOp("or", tuple(items), _span(meta))

        def and_test(self, meta, items):
            return BoolOp("and", tuple(items), _span(meta))

        def not_(self, meta, items):
            return Not(items[0], _span(meta))

        def compare(self, meta, items):
            return Compare(str(items[1]), items[0], items[2], _span(meta))

        def in_(self, meta, items):
            return Compare("in", items[0], items[1], _span(meta))

        def not_in(self, meta, items):
            return Compare("not in", items[0], items[1], _span(meta))

        def contains(self, meta, items):
            return Compare("contains", items[0], items[1], _span(meta))

        def field(self, meta, items):
            return Field(str(items[0]), _tspan(items[0]))

        def number(self, meta, items):
            value = Decimal(str(items[0]))
            if out_of_range(value):
                raise ExprSyntaxError(_tspan(items[0]), "the number " + number_text(str(items[0])),
                                      (f"a number of at most {MAX_DIGITS} digits, below 10^{MAX_MAGNITUDE + 1}",))
            return Literal(value, _tspan(items[0]))

        def string(self, meta, items):
            return Literal(unquote(str(items[0])), _tspan(items[0]))

        def true(self, meta, items):
            return Literal(True, _span(meta))

        def false(self, meta, items):
            return Literal(False, _span(meta))

        def list(self, meta, items):
            return ListLit(tuple(i for i in items if i is not None), _span(meta))

    return ToAst


_TRANSFORMER = None


def _ToAst():
    global _TRANSFORMER
    if _TRANSFORMER is None:
        _TRANSFORMER = _make_transformer()
    return _TRANSFORMER()


def walk(expr: Expr):
    """Yield every node of an expression, depth first."""
    yield expr
    if isinstance(expr, BoolOp):
        for item in expr.items:
            yield from walk(item)
    elif isinstance(expr, Not):
        yield from walk(expr.operand)
    elif isinstance(expr, Compare):
        yield from walk(expr.left)
        yield from walk(expr.right)
    elif isinstance(expr, ListLit):
        yield from expr.items


def to_text(expr: Expr) -> str:
    """Render an expression back to source text (fully parenthesised where needed)."""
    if isinstance(expr, BoolOp):
        return f" {expr.op} ".join(_wrap(i, expr.op) for i in expr.items)
    if isinstance(expr, Not):
        return "not " + _wrap(expr.operand, "not")
    if isinstance(expr, Compare):
        return f"{to_text(expr.left)} {expr.op} {to_text(expr.right)}"
    if isinstance(expr, Field):
        return expr.name
    if isinstance(expr, ListLit):
        return "[" + ", ".join(to_text(i) for i in expr.items) + "]"
    value = expr.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return str(value)


def _wrap(expr: Expr, parent: str) -> str:
    if isinstance(expr, BoolOp) and (parent == "not" or expr.op != parent):
        return "(" + to_text(expr) + ")"
    return to_text(expr)
