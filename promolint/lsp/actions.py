"""Code actions: the suggested fixes of the findings in the requested range, offered as
quick fixes. The client applies one only when the user picks it; only a did-you-mean and
a keyboard repair are marked preferred (a swap, a guard or a suppression changes what the
promotion means)."""
from __future__ import annotations

from lsprotocol import types as lsp

from promolint.report import fixes
from promolint.lsp import convert

MOST_FINDINGS = 10  # a range over a huge buffer: fixes for the first 10 findings only


def code_actions(uri: str, linted, want: lsp.Range, lang: str, codec) -> list[lsp.CodeAction]:
    """Quick fixes for the findings of `linted` (the buffer's last lint) in `want`."""
    lines = linted.text.split("\n")
    out = []
    wanted = [d for d in linted.findings if not d.suppressed
              and _overlaps(convert.to_range(d.span, lines, codec), want)]
    for diag in wanted[:MOST_FINDINGS]:  # a suppression is checked by loading the fixed text
        shown = convert.diagnostic(diag, lines, codec, lang)
        offered = fixes.fixes(diag, linted.text)
        hold = fixes.suppression(diag, linted.text)
        for fix in offered + ([hold] if hold else []):
            edits = [lsp.TextEdit(convert.to_range(e.span, lines, codec, edit=True), e.text) for e in fix.edits]
            out.append(lsp.CodeAction(title=fix.title(lang), kind=lsp.CodeActionKind.QuickFix,
                                      diagnostics=[shown], is_preferred=fix.kind in ("replace", "keyboard"),
                                      edit=lsp.WorkspaceEdit(changes={uri: edits})))
    return out


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)
