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
from promolint.core.phrases import english, listing, phrase
from promolint.expr.syntax import _readable as expr_readable

_NAMES = {
    "NUMBER": phrase("tok-number"), "WORD": phrase("tok-word"), "STRING": phrase("tok-string"),
    "STAMP": phrase("tok-stamp"), "BOOL": phrase("tok-bool"), "$END": phrase("tok-end-file"),
}
_END = phrase("tok-end-file")


def syntax_finding(path: str, err: Exception, line0: int, following: Span | None) -> Diagnostic:
    """A Lark error as a located `syntax` finding with a readable expected list."""
    from promolint.source.dsl._parser import UnexpectedCharacters, UnexpectedInput
    names = _expected(err)
    found, span = _found(err, line0, following)
    if isinstance(err, UnexpectedCharacters):
        names = set(err.allowed or ())
    elif not isinstance(err, UnexpectedInput):
        found, names = phrase("parse-error", text=str(err).splitlines()[0] if str(err) else ""), set()
    in_expr = any(map(_is_expr, names)) and all(_is_expr(n) or n in _PUNCT for n in names)
    expected = tuple(sorted({_readable(name) for name in names}, key=english))
    if found == "'='" and not in_expr and "'='" not in expected:  # `user.tier = "gold"`
        return make(path, span, "syntax", "expr-single-equals")
    hint = _keyword_hint(found, expected)
    if hint:
        return make(path, span, "syntax", "dsl-keyword-typo", found=found, hint=hint)
    return make(path, span, "syntax", "expr-syntax" if in_expr else "dsl-syntax",
                found=found, expected=listing(expected or (phrase("tok-something-else"),)))


def syntax_findings(path: str, err: Exception, chunk: str, line0: int,
                    following: Span | None) -> list[Diagnostic]:
    """The block's syntax findings: each character a Chinese keyboard typed where the DSL
    needs ASCII (full-width quotes, colons, brackets, spaces), and the parser's own error
    unless it is at such a character or after it (then that character is its cause)."""
    from promolint.source import keyboard
    typed = []
    for problem in keyboard.in_code(chunk, comments=True, dsl=True):
        message_id, args = problem.finding_args()
        where = Span(problem.line + line0, problem.column, problem.line + line0, problem.column + 1)
        typed.append(make(path, where, "syntax", message_id, **args))
    finding = syntax_finding(path, err, line0, following)
    if typed and (finding.line, finding.column) >= (typed[0].line, typed[0].column):
        return typed
    return [finding] + typed


def _keyword_hint(found, expected: tuple) -> str | None:
    """The keyword a misspelt word was meant to be (`benifit` -> benefit), if one is close."""
    if not isinstance(found, str) or not re.fullmatch(r"'[A-Za-z_][\w-]*'", found):
        return None
    import difflib
    words = [e.strip("'") for e in expected if isinstance(e, str) and re.fullmatch(r"'[a-z_]+'", e)]
    guess = difflib.get_close_matches(found.strip("'"), words, n=1, cutoff=0.7)
    return guess[0] if guess else None


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
        return _END, Span(token.end_line + line0, token.end_column)
    return _END, Span(line0 + 1, 1)


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
        return phrase("tok-other", name=name.lower())
    return repr(pattern.value) if pattern.type == "str" else phrase("tok-other", name=name.lower())


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
