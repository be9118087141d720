"""Suggested fixes: text edits a tool may offer for a finding, never applies by itself.

Four kinds, all computed from a finding and the text it was found in:
- keyboard (safe: the meaning the text shows is kept): a character a Chinese input
  method typed where ASCII is needed (full-width colon, comma, brackets, quotes, space)
  becomes its ASCII twin (`key：value` -> `key: value`), a tab indent becomes spaces;
- replace: the did-you-mean of an unknown key, an enum value (campaign, benefit type),
  an audience field or a stacking reference, written back in the value's own quotes;
- swap: an inverted 满减 (满50减200 -> 满200减50) with its threshold and amount
  exchanged, each number kept as written;
- guard: the eligibility guard a first-order or group-buy audience lacks
  (`and user.order_count == 0`, `and group.size >= N`), added to the audience (in
  parentheses when it has an `or`), or an audience line with it when there is none;
- suppress (editors only, see `suppression`): a `# promolint: ignore` line above the
  finding with a reason placeholder a person must fill in, and an expiry.
A suppression whose result would no longer load as the same data is not offered.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from promolint.core.diagnostics import Diagnostic
from promolint.core.document import Span
from promolint.core.frozen import frozen

SUPPRESS_DAYS = 30  # a suppression offered by an editor expires after this many days
REASON_PLACEHOLDER = "TODO: who approved this, and why it is safe"
# Rules whose findings are about the file itself or about suppressions: not suppressible.
_NOT_SUPPRESSIBLE = ("syntax", "schema", "duplicate-key", "invalid-suppression",
                     "expired-suppression", "unused-suppression")
# message id -> the argument that holds the replacement
_HINTS = {"schema-unknown-field-hint": "hint", "schema-enum-hint": "hint",
          "unknown-field": "suggestion", "unknown-reference-hint": "hint"}


@frozen
class Edit:
    """Replace the text of `span` (end exclusive; start == end inserts) with `text`."""

    span: Span
    text: str

    def to_dict(self) -> dict:
        return {"line": self.span.line, "column": self.span.column,
                "end_line": self.span.end_line, "end_column": self.span.end_column,
                "text": self.text}


# message id of a keyboard finding -> the text its character becomes (None: from args)
KEYBOARD = {"keyboard-fullwidth": None, "keyboard-colon-space": ": ", "keyboard-dsl-colon": " ",
            "keyboard-space": " ", "keyboard-tab": None}
SAFE = ("keyboard",)  # kinds `check --fix` applies; the others need --unsafe-fixes
# rule -> what `check --fix` can do for some of its findings (`rules --format json`)
FIXABLE_RULES = {"syntax": "safe", "schema": "unsafe", "unknown-field": "unsafe",
                 "unknown-reference": "unsafe", "inverted-threshold": "unsafe",
                 "missing-eligibility": "unsafe"}
# missing-eligibility message id -> the guard its audience lacks
GUARDS = {"first-order-returning": "user.order_count == 0",
          "group-buy-no-size": "group.size >= {min}"}


@frozen
class Fix:
    """One suggested fix: its kind, the words of its title, and its edits."""

    kind: str  # keyboard, replace, swap or suppress
    args: tuple[tuple[str, Any], ...]
    edits: tuple[Edit, ...]

    def title(self, lang: str = "en") -> str:
        from promolint.report.messages import ui
        return ui(f"fix-{self.kind}", lang, **dict(self.args))

    @property
    def safe(self) -> bool:
        """Keeps the meaning the text shows (`check --fix` applies it without asking)."""
        return self.kind in SAFE

    def to_dict(self, lang: str = "en") -> dict:
        return {"title": self.title(lang), "kind": self.kind, "safe": self.safe,
                "edits": [e.to_dict() for e in self.edits]}


def fixable(diag: Diagnostic) -> bool:
    """Could `fixes` offer anything for this finding (before reading its text)?"""
    return (diag.message_id in _HINTS or diag.message_id in KEYBOARD
            or diag.message_id in GUARDS or diag.rule == "inverted-threshold")


def fixes(diag: Diagnostic, text: str) -> list[Fix]:
    """The fixes of `diag` that `text` (the file it was found in) allows."""
    try:
        if diag.message_id in _HINTS:
            found = _replacement(diag, text, dict(diag.args).get(_HINTS[diag.message_id]))
        elif diag.message_id in KEYBOARD:
            found = _keyboard(diag, text)
        elif diag.message_id in GUARDS:
            found = _guard(diag, text)
        elif diag.rule == "inverted-threshold":
            found = _swap(diag, text)
        else:
            return []
    except (IndexError, ValueError):  # a span outside the text: nothing to offer
        return []
    return [found] if found is not None and _same_shape(diag.path, text, found) else []


def suppression(diag: Diagnostic, text: str, today: date | None = None) -> Fix | None:
    """A `# promolint: ignore RULE reason=... until=...` line above the finding."""
    if diag.rule in _NOT_SUPPRESSIBLE or diag.suppressed:
        return None
    lines = text.split("\n")
    if not 1 <= diag.span.line <= len(lines):
        return None
    line = lines[diag.span.line - 1]
    indent = line[: len(line) - len(line.lstrip())]
    until = ((today or date.today()) + timedelta(days=SUPPRESS_DAYS)).isoformat()
    comment = (f'{indent}# promolint: ignore {diag.rule} reason="{REASON_PLACEHOLDER}" '
               f"until={until}\n")
    where = Span(diag.span.line, 1, diag.span.line, 1)
    found = Fix("suppress", (("rule", diag.rule), ("until", until)), (Edit(where, comment),))
    return found if _same_shape(diag.path, text, found) else None


def _replacement(diag: Diagnostic, text: str, hint) -> Fix | None:
    old = slice_text(text, diag.span)
    if not hint or not old or not diag.span.end_line:
        return None
    quote = old[0] if old[0] in "'\"" and len(old) > 1 and old[-1] == old[0] else ""
    bare = old[1:-1] if quote else old
    if bare == hint or "\n" in old or not _is_named(diag, bare):
        return None
    new = f"{quote}{hint}{quote}"
    return Fix("replace", (("new", str(hint)), ("old", bare)), (Edit(diag.span, new),))


def _keyboard(diag: Diagnostic, text: str) -> Fix | None:
    """The ASCII meant for the one character at the finding (only when that character
    is there: a span that is off, as in a quoted audience, is left alone)."""
    lines = text.split("\n")
    line = lines[diag.span.line - 1]
    char = line[diag.span.column - 1: diag.span.column]
    args = dict(diag.args)
    new = KEYBOARD[diag.message_id]
    if diag.message_id == "keyboard-tab":
        expected, new = "\t", " " * _indent_unit(lines)
    elif diag.message_id == "keyboard-fullwidth":
        expected, new = args.get("char"), args.get("ascii")
    else:
        expected = "\u3000" if diag.message_id == "keyboard-space" else "："
    if not char or char != expected or not new:
        return None
    where = Span(diag.span.line, diag.span.column, diag.span.line, diag.span.column + 1)
    return Fix("keyboard", (("old", char), ("new", new)), (Edit(where, new),))


def _guard(diag: Diagnostic, text: str) -> Fix | None:
    """`and GUARD` after the audience the finding points at (its text checked against
    the loaded value), or an audience line after `campaign` when there is none."""
    guard = GUARDS[diag.message_id].format(**{k: str(v) for k, v in diag.args})
    for doc in _documents(diag.path, text):
        audience = doc.spans.get(("audience",))
        if audience is not None and _within(diag.span, audience) \
                and isinstance(doc.data.get("audience"), str):
            edits = _append(text, audience, doc.data["audience"], guard)
        elif audience is None and doc.key_span(("campaign",)) == diag.span:
            edits = _audience_line(text, diag.span, doc.path.endswith(".promo"), guard)
        else:
            continue
        return Fix("guard", (("guard", guard),), edits) if edits else None
    return None


def _within(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and \
        (inner.end_line or inner.line, inner.end_column or inner.column) <= (outer.end_line, outer.end_column)


def _append(text: str, span: Span, value: str, guard: str) -> tuple[Edit, ...]:
    shown = slice_text(text, span)
    quote = shown[0] if shown[:1] in ("'", '"') and shown[-1:] == shown[0] and len(shown) > 1 else ""
    if " ".join((shown[1:-1] if quote else shown).split()) != " ".join(value.split()):
        return ()  # not the plain text of the value (escapes, a block scalar): no fix
    inner = Span(span.line, span.column + len(quote), span.end_line, span.end_column - len(quote))
    start = Span(inner.line, inner.column, inner.line, inner.column)
    end = Span(inner.end_line, inner.end_column, inner.end_line, inner.end_column)
    if " or " in f" {' '.join(value.split())} ":
        return (Edit(start, "("), Edit(end, f") and {guard}"))
    return (Edit(end, f" and {guard}"),)


def _audience_line(text: str, campaign: Span, dsl: bool, guard: str) -> tuple[Edit, ...]:
    line = text.split("\n")[campaign.line - 1]
    indent = line[: len(line) - len(line.lstrip())]
    new = f"{indent}audience {guard}\n" if dsl else f'{indent}audience: "{guard}"\n'
    where = Span(campaign.line + 1, 1, campaign.line + 1, 1)
    return (Edit(where, new),) if campaign.line < len(text.split("\n")) else ()


def _indent_unit(lines: list[str]) -> int:
    """The file's indentation step: the smallest indent of a space-indented line (2)."""
    indents = [len(s) - len(s.lstrip(" ")) for s in lines if s[:1] == " " and s.strip()]
    return min(indents, default=2) or 2


def _is_named(diag: Diagnostic, bare: str) -> bool:
    """The span's text is the word the finding names (a span that is off by some
    columns, as in a block scalar, would replace the wrong text)."""
    args = dict(diag.args)
    if diag.message_id == "schema-enum-hint":
        return args.get("value") == repr(bare)
    if diag.message_id == "schema-unknown-field-hint":
        return str(args.get("field", "")).endswith(bare)
    return bare == args.get("field" if diag.message_id == "unknown-field" else "ref")


def _swap(diag: Diagnostic, text: str) -> Fix | None:
    """Exchange the finding's amount with the threshold beside it."""
    for doc in _documents(diag.path, text):
        for path, span in doc.spans.items():
            if span == diag.span and path and path[-1] == "amount":
                other = doc.spans.get(path[:-1] + ("threshold",))
                if other is None or not other.end_line or not span.end_line:
                    return None
                threshold, amount = slice_text(text, other), slice_text(text, span)
                if not threshold or not amount:
                    return None
                edits = tuple(sorted((Edit(other, amount), Edit(span, threshold)),
                                     key=lambda e: (e.span.line, e.span.column)))
                return Fix("swap", (("amount", amount), ("threshold", threshold)), edits)
    return None


def slice_text(text: str, span: Span) -> str:
    """The text a span covers (1-based, end exclusive, code-point columns)."""
    if not span.end_line:
        return ""
    lines = text.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1: span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1:]]
    parts += lines[span.line: span.end_line - 1]
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "\n".join(parts)


def apply(text: str, edits) -> str:
    """`text` with the edits made (they must not overlap)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1
    out = text
    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        begin = offset(edit.span.line, edit.span.column)
        end = offset(edit.span.end_line or edit.span.line, edit.span.end_column or edit.span.column)
        out = out[:begin] + edit.text + out[end:]
    return out


@lru_cache(maxsize=4)
def _documents(path: str, text: str):
    """The file's Documents, read by the loader its name picks (as the linter does);
    the last few kept: each fix of a file compares with the same unfixed text."""
    if path.endswith(".promo"):
        from promolint.source.dsl.parse import load_dsl
        return load_dsl(text, path)[0]
    from promolint.source.yaml.load import load_yaml
    return load_yaml(text, path)[0]


def _same_shape(path: str, text: str, found: Fix) -> bool:
    """A suppression changes no value (a comment line inside a block scalar would): the
    fixed text loads into the same data. A replacement writes a known name (a key, an enum
    value, a field, an id) over one token and a swap exchanges two numbers as written, so
    they cannot change the file's structure: not loaded again."""
    if found.kind != "suppress":
        return True
    before = _documents(path, text)
    after = _documents(path, apply(text, found.edits))
    return [d.data for d in before] == [d.data for d in after]


def for_findings(findings, texts: dict[str, str] | None = None) -> dict[int, list[Fix]]:
    """Fixes by id() of the finding, for reporters: files read only when one can be fixed."""
    from promolint.core.config import Settings
    from promolint.source.files import read_text
    texts = dict(texts or {})
    out: dict[int, list[Fix]] = {}
    for diag in findings:
        if diag.suppressed or not fixable(diag):
            continue
        if diag.path not in texts:
            text, problem = read_text(diag.path, Settings())
            texts[diag.path] = "" if problem else text
        found = fixes(diag, texts[diag.path]) if texts[diag.path] else []
        if found:
            out[id(diag)] = found
    return out
