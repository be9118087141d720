"""Syntax errors of the promotion DSL as located, readable `syntax` findings.

Lark reports the terminal names the parser could take; we turn them into words
a marketer reads ('benefit', a number, a field such as user.tier). An error
whose every expected token belongs to the expression language is reported with
the audience's own message (`expr-syntax`), anything else as `dsl-syntax`.
"""
from __future__ import annotations

import re

from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Span
from promolint.expr.syntax import _readable as expr_readable

_NAMES = {
    "NUMBER": "a number", "WORD": "a word (an id, SKU or name)", "STRING": 'a "quoted string"',
    "STAMP": "a timestamp such as 2026-11-11T00:00:00+08:00", "BOOL": "true or false",
    "$END": "the end of the file",
}


def syntax_finding(path: str, err: Exception, line0: int, following: Span | None) -> Diagnostic:
    """A Lark error as a located `syntax` finding with a readable expected list."""
    from promolint.source.dsl._parser import UnexpectedCharacters, UnexpectedInput
    names = _expected(err)
    found, span = _found(err, line0, following)
    if isinstance(err, UnexpectedCharacters):
        names = set(err.allowed or ())
    elif not isinstance(err, UnexpectedInput):
        found, names = str(err).splitlines()[0] if str(err) else "an error", set()
    in_expr = any(map(_is_expr, names)) and all(_is_expr(n) or n in _PUNCT for n in names)
    expected = ", ".join(sorted({_readable(name) for name in names}))
    return make(path, span, "syntax", "expr-syntax" if in_expr else "dsl-syntax",
                found=found, expected=expected or "something else")


def _expected(err: Exception) -> set[str]:
    """Terminal names the parser could take here (`expected` drops `_expr__*` ones)."""
    names = set(getattr(err, "expected", None) or ())
    interactive = getattr(err, "interactive_parser", None)
    if interactive is not None:
        terminals = {t.name for t in _parser().terminals}
        try:
            names = {name for name in interactive.choices() if name in terminals} or names
        except Exception:  # noqa: BLE001 - a readable list is a nicety, never a crash
            pass
    return names


def _found(err: Exception, line0: int, following: Span | None) -> tuple[str, Span]:
    token = getattr(err, "token", None)
    if token is not None and token.type != "$END":
        return repr(str(token)), Span(token.line + line0, token.column,
                                      token.end_line + line0, token.end_column)
    if hasattr(err, "char") and getattr(err, "line", None):
        return repr(err.char), Span(err.line + line0, err.column)
    if following is not None:  # a block left open: the next block's keyword is the surprise
        return "'promotion'", following
    if token is not None and token.end_line:
        return "the end of the file", Span(token.end_line + line0, token.end_column)
    return "the end of the file", Span(line0 + 1, 1)


_PUNCT = {"LPAR", "RPAR", "LSQB", "RSQB", "COMMA"}  # shared by both grammars


def _is_expr(name: str) -> bool:
    return name.startswith(("expr__", "_expr__"))


def _readable(name: str) -> str:
    if _is_expr(name):
        return expr_readable(re.sub(r"^(_?)expr__", r"\1", name))
    if name in _NAMES:
        return _NAMES[name]
    try:
        pattern = _parser().get_terminal(name).pattern
    except KeyError:
        return name.lower()
    return repr(pattern.value) if pattern.type == "str" else name.lower()


def next_keyword(text: str, chunks: list, number: int, line0: int) -> Span | None:
    """Where the next chunk's `promotion` keyword is, if there is a next chunk; `line0`:
    the lines before chunk `number` (counted once by the caller, not again per block)."""
    if number + 1 >= len(chunks):
        return None
    here, start = chunks[number][0], chunks[number + 1][0]
    line = line0 + text.count("\n", here, start) + 1
    end = text.find("\n", start)
    first = text[start:end if end >= 0 else len(text)]
    column = len(first) - len(first.lstrip()) + 1
    return Span(line, column, line, column + len("promotion"))


def _parser():
    from promolint.source.dsl.grammar import parser
    return parser()
