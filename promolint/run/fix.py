"""`check --fix` / `--diff`: the offered fixes of a run's findings, made to the files.

Only a finding with exactly one fix is fixed; a safe fix (a keyboard repair) always, an
unsafe one (a did-you-mean, the 满减 swap: money or meaning changes) only when asked.
A file keeps its bytes everywhere else: its encoding and BOM, its line ends (CRLF stays
CRLF), its comments, its mode. A symbolic link is never written through (nor replaced):
it is reported as not fixed. A file whose fixes would leave it with a parse error it did
not have is left as it was.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

from promolint.report import fixes as offered

# BOM -> codec, longest first (a UTF-32 LE BOM starts with the UTF-16 LE one)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass
class Change:
    """One file's fixes: its text before and after (as on disk, line ends kept)."""

    path: str
    before: str
    after: str
    fixed: list = field(default_factory=list)  # the findings the fixes repair
    encode: object = None  # text -> the file's bytes (BOM and codec kept)


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, ui sentence)
    unsafe_left: int = 0  # findings an unsafe fix would repair, not asked for

    @property
    def count(self) -> int:
        return sum(len(c.fixed) for c in self.changes)


def plan(report, settings, unsafe: bool) -> Plan:
    """What fixing `report`'s findings would change, file by file (nothing written)."""
    out = Plan()
    by_file: dict[str, list] = {}
    for diag in report.findings:
        if diag.suppressed or not offered.fixable(diag):
            continue
        if diag.path in report.texts:  # standard input: there is no file to write
            if (diag.path, "fix-stdin") not in out.refused:
                out.refused.append((diag.path, "fix-stdin"))
            continue
        by_file.setdefault(diag.path, []).append(diag)
    for path, findings in by_file.items():
        if os.path.islink(path):
            out.refused.append((path, "fix-symlink"))
            continue
        change = _change(path, findings, unsafe, out)
        if change is not None and not _breaks(change, settings):
            out.changes.append(change)
        elif change is not None:
            out.refused.append((path, "fix-would-break"))
    return out


def _change(path: str, findings, unsafe: bool, out: Plan) -> Change | None:
    read = _read(path)
    if read is None:
        return None
    text, encode = read
    linted = text.replace("\r\n", "\n")  # the findings' columns are the same in both
    edits, fixed, taken = [], [], []
    for diag in findings:
        found = offered.fixes(diag, linted)
        if len(found) != 1:
            continue
        fix = found[0]
        if not (fix.safe or unsafe):
            out.unsafe_left += 1
            continue
        if any(_overlap(e.span, t) for e in fix.edits for t in taken):
            continue
        taken += [e.span for e in fix.edits]
        edits += fix.edits
        fixed.append(diag)
    if not edits:
        return None
    return Change(path, text, offered.apply(text, edits), fixed, encode)


def _read(path: str):
    """(text as on disk, text -> bytes), or None for what cannot be kept byte for byte."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", "utf-8"))
    try:
        text = data[len(bom):].decode(codec)
    except UnicodeDecodeError:
        return None
    return text, lambda new: bom + new.encode(codec)


def _overlap(a, b) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and \
        (b.line, b.column) < (a.end_line, a.end_column)


def _breaks(change: Change, settings) -> bool:
    """Would the fixed text have a syntax finding the old one did not (a keyboard
    repair inside a quoted text, say)?"""
    from promolint.run.lint import lint_paths
    before = lint_paths([change.path], settings, texts={change.path: change.before.replace("\r\n", "\n")})
    after = lint_paths([change.path], settings, texts={change.path: change.after.replace("\r\n", "\n")})

    def broken(report) -> int:
        return sum(1 for d in report.findings if d.rule == "syntax"
                   and d.message_id not in offered.KEYBOARD)
    return broken(after) > broken(before)


def write(plan_: Plan) -> None:
    """Write every change: a new file renamed over the old one, with its mode."""
    from promolint.report.outputs import replace_file
    for change in plan_.changes:
        mode = os.stat(change.path).st_mode & 0o7777
        replace_file(Path(change.path), change.encode(change.after), mode=mode)


def unified_diff(plan_: Plan) -> str:
    """The changes as a unified diff (`--- a/PATH`, `+++ b/PATH`), as git shows them."""
    import difflib
    out = []
    for change in plan_.changes:
        out += difflib.unified_diff(change.before.splitlines(keepends=True),
                                    change.after.splitlines(keepends=True),
                                    f"a/{change.path}", f"b/{change.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in out)
