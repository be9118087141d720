"""Inline suppression comments, the same in YAML and the DSL (both use `#`):

    # promolint: ignore below-market reason="clearance, FIN-123" until=2026-12-01

A comment alone on its line applies to the next line that holds something other
than a comment; a comment after a value applies to its own line. Several rules
may be named, separated by commas. Only real comments count: the same words inside
a YAML scalar (a block `owner: |` text, a quoted string) or a DSL string are text,
not a suppression. A comment that cannot be trusted (no reason,
an unknown rule, a bad date) suppresses nothing and is reported as
`invalid-suppression`.
"""
from __future__ import annotations

import re
import shlex
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from promolint.core.document import Span

MARKER = re.compile(r"(?:^|\s)(#\s*promolint\s*:)(.*)$")
# MARKER's own `#...promolint:` within one line (whitespace but \n): a quick search of
# the whole text for lines worth matching (every YAML file says `promolint/v1`).
_QUICK = re.compile(r"#[^\S\n]*promolint[^\S\n]*:")
_ATTR = re.compile(r"^([a-z_]+)=(.*)$", re.S)


@dataclass
class Inline:
    """One `# promolint: ignore` comment and what it claims."""

    path: str
    span: Span                 # where the comment starts
    target_line: int           # the line whose findings it suppresses
    rules: tuple[str, ...] = ()
    reason: str = ""
    until: date | None = None
    problem: str = ""          # why it is invalid ("" = valid)
    problem_args: dict = field(default_factory=dict)


def scan(path: str, text: str, known_rules) -> list[Inline]:
    """Every promolint comment in `text`, valid or not, with its target line."""
    hits = _candidate_lines(text)
    if not hits:
        return []
    lines = text.split("\n")
    is_comment = _comment_test(path, text)
    out = []
    code = 0  # the last next-code line found: comments above it share it (20,000
    # comment lines in a row were each scanning all the rest: 45 s)
    for number in hits:
        line = lines[number - 1]
        match = MARKER.search(line)
        if match is None or not is_comment(number, line, match.start(1)):
            continue
        own_line = not line[: match.start(1)].strip()
        if own_line and code <= number:
            code = _next_code_line(lines, number)
        target = (code if code <= len(lines) else number + 1) if own_line else number
        span = Span(number, match.start(1) + 1, number, len(line) + 1)
        out.append(parse(path, span, target, match.group(2), known_rules))
    return out


_DSL_STRING_OR_HASH = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#")


def _comment_test(path: str, text: str):
    """is_comment(line number, line, column of the `#`): whether that `#` starts or lies
    in a real comment. DSL strings never span lines, so the line itself tells; YAML
    needs its scanner (a block scalar spans lines)."""
    if path.endswith(".promo"):
        return _dsl_comment
    scalars, broken = _yaml_scalars(text)

    def is_comment(number: int, line: str, column: int) -> bool:
        where = (number - 1, column)
        if broken is not None and where >= broken:
            return False  # past a syntax error nothing is known: not trusted
        index = bisect_right(scalars, (where, (1 << 62, 0))) - 1
        return index < 0 or not scalars[index][0] <= where < scalars[index][1]
    return is_comment


def _dsl_comment(number: int, line: str, column: int) -> bool:
    for token in _DSL_STRING_OR_HASH.finditer(line):
        if token.group() == "#":
            return token.start() <= column
    return False


def _yaml_scalars(text: str) -> tuple[list[tuple], tuple | None]:
    """The (start, end) (line, column) spans of every scalar, in order, and, when the
    scanner fails, the end of the last token it finished (what follows may be inside
    an unterminated scalar: None when it did not fail)."""
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spans: list[tuple] = []
    last = (0, 0)
    try:
        for token in yaml.scan(text, Loader=loader):
            end = token.end_mark
            last = (end.line, end.column)
            if isinstance(token, yaml.ScalarToken):
                start = token.start_mark
                spans.append(((start.line, start.column), last))
    except yaml.YAMLError:
        return spans, last
    return spans, None


def has_marker(text: str) -> bool:
    """Whether `text` may hold a promolint comment (scan finds none where this is False)."""
    return _QUICK.search(text) is not None


def kept_text(text: str | None) -> str | None:
    """What a run keeps of a file's text once it is linted: the policy reads it only for
    promolint comments, so "" when it holds none (at 50,000 files the texts were 200 MB);
    None (unreadable) stays None."""
    return text if not text or has_marker(text) else ""


def _candidate_lines(text: str) -> list[int]:
    """Numbers (1-based, ascending, unique) of the lines where MARKER may match."""
    out: list[int] = []
    counted, line = 0, 1
    for found in _QUICK.finditer(text):
        line += text.count("\n", counted, found.start())
        counted = found.start()
        if not out or out[-1] != line:
            out.append(line)
    return out


def _next_code_line(lines: list[str], number: int) -> int:
    """The first line after `number` holding something but a comment (len + 1: none)."""
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return len(lines) + 1


def parse(path: str, span: Span, target: int, body: str, known_rules) -> Inline:
    """Read the text after `# promolint:`; an unusable comment gets a `problem`."""
    item = Inline(path, span, target)
    try:
        words = shlex.split(body, comments=False, posix=True)
    except ValueError:
        return _bad(item, "suppression-unclosed-quote")
    if not words or words[0] != "ignore":
        return _bad(item, "suppression-unknown-command", command=words[0] if words else "")
    rules, attrs = _split(words[1:])
    item.rules = tuple(rules)
    for name, value in attrs:
        if name == "reason":
            item.reason = value.strip()
        elif name == "until":
            try:
                item.until = date.fromisoformat(value.strip())
            except ValueError:
                return _bad(item, "suppression-bad-date", value=value)
        else:
            return _bad(item, "suppression-unknown-option", option=name)
    return _validate(item, known_rules)


def _split(words: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    rules, attrs = [], []
    for word in words:
        match = _ATTR.match(word)
        if match:
            attrs.append((match.group(1), match.group(2)))
        else:
            rules.extend(part for part in word.split(",") if part)
    return rules, attrs


def _validate(item: Inline, known_rules) -> Inline:
    if not item.rules:
        return _bad(item, "suppression-no-rule")
    for rule in item.rules:
        if rule not in known_rules:
            import difflib
            guess = difflib.get_close_matches(rule, list(known_rules), n=1)
            return _bad(item, "suppression-unknown-rule", name=rule,
                        hint=guess[0] if guess else "promolint rules")
    if not item.reason:
        return _bad(item, "suppression-no-reason")
    return item


def _bad(item: Inline, problem: str, **args) -> Inline:
    item.problem, item.problem_args = problem, args
    return item


@dataclass
class Claim:
    """A suppression in force or not: from a comment or a promotion's `suppress:` list."""

    path: str
    rules: tuple[str, ...]
    reason: str
    until: date | None
    span: Span          # where the suppression is written (findings about it go here)
    kind: str           # "comment" or "suppress-list"
    first: int          # the lines whose findings it covers
    last: int
    promotion: str | None = None
    used: set = field(default_factory=set)  # rules it suppressed at least once

    def covers(self, diag) -> bool:
        if diag.path != self.path or diag.rule not in self.rules:
            return False
        if self.first <= diag.span.line <= self.last:
            return True
        return self.promotion is not None and diag.promotion == self.promotion


def list_claims(promo) -> list[Claim]:
    """A promotion's `suppress:` entries as claims over the promotion's own lines."""
    doc = promo.source
    whole = doc.span(())
    out = []
    for entry in promo.suppress:
        out.append(Claim(promo.path, (entry.rule,), entry.reason, entry.until,
                         doc.span(("suppress", entry.index)), "suppress-list",
                         whole.line, whole.end_line or whole.line, promo.id))
    return out


def comment_claim(item: Inline) -> Claim:
    return Claim(item.path, item.rules, item.reason, item.until, item.span, "comment",
                 item.target_line, item.target_line)
