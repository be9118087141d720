"""The language server (pygls, stdio): diagnostics as the user types, hover, completion,
code actions. The wiring only; the work is in the modules beside it.

A change is linted once the typing pauses (DEBOUNCE_SECONDS), in one worker thread so
requests keep being answered while a big file is linted; a lint whose document moved
on before it finished is thrown away. Nothing here writes a file or applies an edit:
code actions are offered to the client, which applies the one the user picks.
"""
from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from promolint import __version__
from promolint.source.discover import SNIFF_BYTES, declares, is_promotion_file
from promolint.lsp import convert
from promolint.lsp.repo import Linted, RepoLinter

DEBOUNCE_SECONDS = 0.2
log = logging.getLogger("promolint.lsp")


class PromoServer(LanguageServer):
    """The server's state: the language, the repository memory, the last lint of each
    open promotion buffer."""

    def __init__(self) -> None:
        super().__init__("promolint", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.lang = "en"
        self.repo = RepoLinter()
        self.linted: dict[str, tuple[int | None, Linted]] = {}  # uri -> (version, lint)
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="promolint-lint")

    def path_of(self, uri: str) -> str | None:
        """The file name of a promotion buffer (None: not a promotion file). A plain
        .yaml/.yml buffer is one when its text declares `apiVersion: promolint/...`, as
        `check` finds them on disk."""
        path = to_fs_path(uri) or uri.rsplit("/", 1)[-1]
        if is_promotion_file(path):
            return os.path.abspath(path)
        doc = self.workspace.text_documents.get(uri)
        if path.lower().endswith((".yaml", ".yml")) and doc is not None and declares(
                doc.source[:SNIFF_BYTES].encode("utf-8", "replace")):
            return os.path.abspath(path)
        return None

    def open_texts(self) -> dict[str, str]:
        out = {}
        for uri, doc in list(self.workspace.text_documents.items()):
            path = self.path_of(uri)
            if path is not None:
                out[path] = doc.source
        return out

    def schedule(self, uri: str, delay: float) -> None:
        """Lint `uri` after `delay` seconds unless another change comes first."""
        if self.path_of(uri) is None:
            return
        loop = asyncio.get_running_loop()
        old = self._timers.pop(uri, None)
        if old is not None:
            old.cancel()
        self._timers[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(self.lint(uri)))

    async def lint(self, uri: str) -> None:
        self._timers.pop(uri, None)
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return
        version, text = doc.version, doc.source
        loop = asyncio.get_running_loop()
        linted = await loop.run_in_executor(self._pool, self._lint_now, uri, text, version)
        if linted is None or not self._current(uri, version):
            return  # the user typed on (or closed it): a newer lint is on its way
        self.linted[uri] = (version, linted)
        self.publish(uri, version, linted)

    def _current(self, uri: str, version: int | None) -> bool:
        doc = self.workspace.text_documents.get(uri)
        return doc is not None and doc.version == version

    def _lint_now(self, uri: str, text: str, version: int | None) -> Linted | None:
        if not self._current(uri, version):
            return None  # overtaken while it waited behind a slow lint: skip it
        try:
            return self.repo.lint(self.path_of(uri), text, self.open_texts(), self.lang)
        except Exception as err:  # noqa: BLE001 - a bug must not take the editor's linter down
            log.exception("lint failed")
            return Linted([], text, None, problem=f"internal error: {type(err).__name__}: {err} "
                                                   "(this is a bug; please report it)")

    def publish(self, uri: str, version: int | None, linted: Linted) -> None:
        lines = linted.text.split("\n")
        codec = self.workspace.position_codec
        found = [convert.problem(linted.problem)] if linted.problem else [
            convert.diagnostic(d, lines, codec, self.lang)
            for d in linted.findings if not d.suppressed]
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version))


server = PromoServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: PromoServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options
    wanted = options.get("lang") if isinstance(options, dict) else None
    ls.lang = pick(wanted or params.locale or "")


# Files whose change on disk (a git checkout, a save in another editor) can change an
# open buffer's findings: other promotions, configs, price lists.
WATCHED = ("**/*.promo", "**/*.yaml", "**/*.yml", "**/promolint.toml", "**/pyproject.toml",
           "**/*.csv")


@server.feature(lsp.INITIALIZED)
def initialized(ls: PromoServer, params: lsp.InitializedParams) -> None:
    root = to_fs_path(ls.workspace.root_uri) if ls.workspace.root_uri else None
    ls._pool.submit(_warm, ls.repo, root)  # the first open then costs a lint, not a start-up
    if _can_watch(ls.client_capabilities):
        options = lsp.DidChangeWatchedFilesRegistrationOptions(
            watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
        ls.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
            id="promolint-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options)]))


def _can_watch(capabilities) -> bool:
    """The client registers file watchers for us (workspace.didChangeWatchedFiles)."""
    workspace = getattr(capabilities, "workspace", None)
    watched = getattr(workspace, "did_change_watched_files", None)
    return bool(getattr(watched, "dynamic_registration", False))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: PromoServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    """Files changed on disk: forget what was known of them (and the file lists, for a
    new or deleted one), then lint every open buffer again: a duplicate id or a stack
    may have come or gone."""
    paths = [to_fs_path(change.uri) for change in params.changes]
    ls.repo.changed([os.path.abspath(p) for p in paths if p])
    for uri in list(ls.workspace.text_documents):
        ls.schedule(uri, DEBOUNCE_SECONDS)


# A small valid promotion, linted in memory at start-up under the workspace's root:
# the checks get imported and the repository's config, prices and files read.
WARM = """apiVersion: promolint/v1
kind: Promotion
id: promolint-lsp-warm-up
name: warm-up
currency: CNY
window: {start: 2026-01-01T00:00:00+08:00, end: 2026-01-02T00:00:00+08:00}
benefit: {type: amount_off, amount: 1}
"""


def _warm(repo: RepoLinter, root: str | None) -> None:
    try:
        folder = root if root and os.path.isdir(root) else os.getcwd()
        repo.lint(os.path.join(folder, ".promolint-lsp-warm-up.promo.yaml"), WARM)
    except Exception:  # noqa: BLE001 - a lint reports the same problem properly
        log.exception("warm-up failed")


def pick(locale: str) -> str:
    """zh for a Chinese locale (zh, zh-CN, zh-tw), else English."""
    return "zh" if str(locale).lower().startswith("zh") else "en"


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PromoServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PromoServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: PromoServer, params: lsp.DidSaveTextDocumentParams) -> None:
    for uri in list(ls.workspace.text_documents):  # cross-file findings of the others
        ls.schedule(uri, DEBOUNCE_SECONDS)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PromoServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    timer = ls._timers.pop(uri, None)
    if timer is not None:
        timer.cancel()
    linted = ls.linted.pop(uri, None)
    path = to_fs_path(uri)
    if path is not None:
        ls.repo.forget(os.path.abspath(path))
    if linted is not None or ls.path_of(uri) is not None:  # (the buffer is gone already)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _buffer(ls: PromoServer, uri: str):
    """(lines, is_dsl, context, findings, other ids) of an open promotion buffer."""
    doc = ls.workspace.text_documents.get(uri)
    path = ls.path_of(uri)
    if doc is None or path is None:
        return None
    last = ls.linted.get(uri)
    linted = last[1] if last else None
    ctx = linted.ctx if linted and linted.ctx else None
    if ctx is None:
        try:
            ctx = ls.repo.context_for(path)
        except Exception:  # noqa: BLE001 - a bad config: hovers without it
            ctx = None
    ids = [p.id for p in linted.others] if linted else []
    return doc.source.split("\n"), path.endswith(".promo"), ctx, (linted.findings if linted else []), ids


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: PromoServer, params: lsp.HoverParams) -> lsp.Hover | None:
    from promolint.lsp.hover import hover_text
    found = _buffer(ls, params.text_document.uri)
    if found is None:
        return None
    lines, is_dsl, ctx, findings, _ = found
    line, column = convert.from_position(lines, params.position, ls.workspace.position_codec)
    text = hover_text(lines, line - 1, column - 1, is_dsl=is_dsl, ctx=ctx, findings=findings,
                      lang=ls.lang)
    if text is None:
        return None
    return lsp.Hover(lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=[".", " ", "[", ","]))
def completion(ls: PromoServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    from promolint.lsp.complete import items
    from promolint.lsp.where import word_at
    found = _buffer(ls, params.text_document.uri)
    if found is None:
        return lsp.CompletionList(is_incomplete=False, items=[])
    lines, is_dsl, ctx, _, ids = found
    codec = ls.workspace.position_codec
    line, column = convert.from_position(lines, params.position, codec)
    text = lines[line - 1] if line <= len(lines) else ""
    _, start, _ = word_at(text, column - 1)
    start = min(start, column - 1)
    where = lsp.Range(convert.position(lines, line, start + 1, codec), params.position)
    out = [lsp.CompletionItem(label=label, kind=kind, documentation=doc or None,
                              text_edit=lsp.TextEdit(where, label + _after(kind, is_dsl)))
           for label, doc, kind in items(lines, line - 1, column - 1, is_dsl=is_dsl, ctx=ctx,
                                         ids=ids, lang=ls.lang)]
    return lsp.CompletionList(is_incomplete=False, items=out)


def _after(kind, is_dsl: bool) -> str:
    """A YAML key is completed with its colon."""
    return ": " if kind == lsp.CompletionItemKind.Property and not is_dsl else ""


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
async def code_action(ls: PromoServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    from promolint.lsp.actions import code_actions
    uri = params.text_document.uri
    last, doc = ls.linted.get(uri), ls.workspace.text_documents.get(uri)
    if last is None or doc is None or last[0] != doc.version:
        return []  # stale: the client asks again when the new diagnostics arrive
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(ls._pool, code_actions, uri, last[1], params.range,
                                      ls.lang, ls.workspace.position_codec)


def main() -> None:
    """Serve over stdin/stdout until the client says exit."""
    import warnings
    warnings.showwarning = _show_warning
    server.start_io()


def _show_warning(message, category, *args, **kwargs) -> None:
    """Warnings go to stderr (the editor's log for this server); an untrusted config
    once, in the server's language (stdout is the protocol's)."""
    import sys

    from promolint.core.config import UntrustedConfig
    from promolint.report.messages import config_warning
    if isinstance(message, UntrustedConfig):
        sys.stderr.write(config_warning(message, server.lang) + "\n")
    else:
        sys.stderr.write(f"{category.__name__}: {message}\n")
