"""promolint's positions and findings in the protocol's terms.

promolint counts 1-based lines and code points; the protocol counts 0-based lines and
the client's code units (UTF-16 unless another encoding was agreed). A Span's end is
exclusive, as a protocol Range's is.
"""
from __future__ import annotations

from lsprotocol import types as lsp

from promolint.core.diagnostics import Diagnostic
from promolint.core.document import Span

SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}


def position(lines: list[str], line: int, column: int, codec) -> lsp.Position:
    """The protocol Position of a 1-based line and code-point column (clamped)."""
    if not lines:
        return lsp.Position(0, 0)
    row = min(max(line, 1), len(lines)) - 1
    text = lines[row]
    col = min(max(column, 1) - 1, len(text))
    return lsp.Position(row, codec.client_num_units(text[:col]))


def to_range(span: Span, lines: list[str], codec, edit: bool = False) -> lsp.Range:
    """The Range of a span. A finding's span without an end covers the word it starts;
    an edit's empty span stays empty (an insertion)."""
    start = position(lines, span.line, span.column, codec)
    if edit and (span.end_line, span.end_column) == (span.line, span.column):
        return lsp.Range(start, start)
    if span.end_line and (span.end_line, span.end_column) > (span.line, span.column):
        end = position(lines, span.end_line, span.end_column, codec)
    else:
        end = position(lines, span.line, _word_end(lines, span), codec)
    return lsp.Range(start, end)


def _word_end(lines: list[str], span: Span) -> int:
    """The 1-based exclusive end column of the word at the span's start (one character
    at least)."""
    if not 1 <= span.line <= len(lines):
        return span.column + 1
    text, start = lines[span.line - 1], span.column - 1
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return max(end, start + 1) + 1


def from_position(lines: list[str], pos: lsp.Position, codec) -> tuple[int, int]:
    """(1-based line, 1-based code-point column) of a protocol Position."""
    if not lines:
        return 1, 1
    server = codec.position_from_client_units(lines, lsp.Position(pos.line, pos.character))
    return server.line + 1, server.character + 1


def diagnostic(diag: Diagnostic, lines: list[str], codec, lang: str) -> lsp.Diagnostic:
    """The protocol Diagnostic of a finding: message (and witness) in `lang`."""
    from promolint.report.catalog import doc_url, rules
    from promolint.report.formats.common import said
    text = "\n".join(said(diag, lang, affected=False))
    rule = rules().get(diag.rule)
    return lsp.Diagnostic(range=to_range(diag.span, lines, codec), message=text,
                          severity=SEVERITY.get(diag.severity, lsp.DiagnosticSeverity.Error),
                          code=diag.rule, source="promolint",
                          code_description=lsp.CodeDescription(href=doc_url(diag.rule)) if rule else None,
                          data={"code": rule.code if rule else "", "promotion": diag.promotion})


def problem(text: str) -> lsp.Diagnostic:
    """A config that could not be read: one diagnostic at the top of the buffer."""
    return lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1)),
                          message=f"promolint: {text}", severity=lsp.DiagnosticSeverity.Error,
                          code="config", source="promolint")
