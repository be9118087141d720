"""Lint one editor buffer with its repository as context, as often as the user types.

The buffer's unsaved text is what is linted; the other promotions of its repository
(open buffers as typed, the rest as on disk) are the context of the cross-file rules
(duplicate ids, stacking, references), as `check --context repo` does. Their per-file
results are kept in memory while their text is unchanged, so a keystroke re-lints one
file plus the cross-file checks. Nothing is written: no cache, no file.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from promolint.source import discover
from promolint.checks import Context
from promolint.source.files import path_key
from promolint.core.config import ConfigError, Settings, find_config, from_table
from promolint.core.diagnostics import Diagnostic, make, printable
from promolint.core.document import Span
from promolint.run.packing import FileResult
from promolint.run.workers import cross_file, lint_one

REDISCOVER_SECONDS = 5.0  # how long a list of the repository's promotion files is trusted


@dataclass
class Linted:
    """One lint of a buffer: its findings (policy applied), the text and context used."""

    findings: list[Diagnostic]
    text: str
    ctx: Context | None
    problem: str = ""  # a config that could not be read: said once, nothing linted
    others: list = field(default_factory=list)  # the context's promotions


class RepoLinter:
    """Per-repository memory: settings, price lists, file lists and per-file results."""

    def __init__(self) -> None:
        self._contexts: dict = {}  # config path -> (stamp, Context)
        self._files: dict = {}     # root -> (time, [files])
        self._results: dict = {}   # path -> (stamp, FileResult)
        self._roots: dict = {}     # folder -> root

    def context_for(self, path: str) -> Context:
        """The Context of a file: its nearest config (or the defaults), the price list."""
        found = find_config(Path(path).parent)
        config = found[0] if found else None
        settings = from_table(found[1], found[0]) if found else Settings(root=Path(path).parent)
        stamp = (_stamp(config), _stamp(settings.market_prices), date.today())
        known = self._contexts.get(config)
        if known is not None and known[0] == stamp:
            return known[1]
        from promolint.run.lint import make_context
        ctx = make_context(settings)
        self._contexts[config] = (stamp, ctx)
        return ctx

    def lint(self, path: str, text: str, open_texts: dict[str, str] | None = None,
             lang: str = "en") -> Linted:
        """Findings of `path` with `text` as its content, the repository as context."""
        text = text.replace("\r\n", "\n")
        try:
            ctx = self.context_for(path)
        except ConfigError as err:  # said as the CLI says it, in the editor's language
            from promolint.report.messages import config_error
            return Linted([], text, None, problem=printable(config_error(err, lang)))
        except (OSError, ValueError) as err:
            return Linted([], text, None, problem=str(err))
        if len(text.encode("utf-8", "surrogatepass")) > ctx.settings.max_file_bytes:
            big = make(path, Span(1, 1), "syntax", "file-too-large",
                       size=len(text.encode("utf-8", "surrogatepass")),
                       limit=ctx.settings.max_file_bytes)
            return self._finish([big], [], [], path, text, ctx)
        mine = lint_one(path, text, ctx)
        others = [p for name in self._context_files(path, ctx) if name != path
                  for p in self._result(name, (open_texts or {}).get(name), ctx).promotions]
        everything = others + mine.promotions  # the buffer last: a duplicate id is its finding
        focused = replace(ctx, focus=frozenset({path_key(path)}))  # stacks with the buffer only
        cross = [d for d in cross_file(everything, focused) if d.path == path]
        return self._finish(mine.findings + cross, mine.promotions, others, path, text, ctx)

    def _finish(self, raw, promos, others, path, text, ctx) -> Linted:
        from promolint.run.policy import apply_policy
        findings = apply_policy(raw, promos, ctx, files=[path], texts={path: text})
        return Linted([d for d in findings if d.path == path], text, ctx, others=others)

    def _context_files(self, path: str, ctx: Context) -> list[str]:
        """Every promotion file of the repository around `path` (absolute paths)."""
        root = self._root(path, ctx.settings)
        if root is None:
            return []
        known = self._files.get(root)
        if known is None or time.monotonic() - known[0] > REDISCOVER_SECONDS:
            where = os.path.relpath(root)
            where = root if where.startswith("..") else where  # exclude globs are relative
            found = [os.path.abspath(f) for f in discover.find_files([where], ctx.settings)]
            known = self._files[root] = (time.monotonic(), found)
        return known[1]

    def _root(self, path: str, settings: Settings) -> str | None:
        """The config's folder, else the git root; a file in neither has no context."""
        if settings.config_path is not None:
            return str(settings.config_path.parent)
        folder = str(Path(path).parent)
        if folder not in self._roots:
            from promolint.run.changed import git_root
            found = git_root(Path(folder)) if os.path.isdir(folder) else None
            self._roots[folder] = str(found) if found else None
        return self._roots[folder]

    def _result(self, name: str, text: str | None, ctx: Context) -> FileResult:
        """A context file's per-file result, linted again only when its text changed."""
        stamp = ("buffer", hash(text)) if text is not None else ("disk", _stamp(name))
        stamp += (id(ctx),)
        known = self._results.get(name)
        if known is not None and known[0] == stamp:
            return known[1]
        result = lint_one(name, text, ctx)
        result.text = None  # the context's texts are not needed again
        self._results[name] = (stamp, result)
        return result

    def forget(self, path: str) -> None:
        """A buffer closed: its file is read from disk again next time."""
        self._results.pop(path, None)

    def changed(self, paths: list[str]) -> None:
        """Files changed on disk (the client's watchers said so): their results, and
        the lists of files (one may be new or gone), are made again when next asked."""
        for path in paths:
            self._results.pop(path, None)
        self._files.clear()


def _stamp(path: "Path | str | None"):
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return "missing"
    return (info.st_mtime_ns, info.st_size)
