"""The repository behind the page: every promotion and finding, a draft linted with the
rest of the repo as context, the evaluator, and reads and saves that stay inside the root.

Every path the page sends is relative to the root and is resolved (symlinks too) before
use; anything that lands outside the root, in a hidden folder, or is not a promotion
file name is refused, as typed and as resolved. A save replaces an existing file only
when the page names the version it opened (its SHA-256): anything else is a conflict
answered with both versions.
"""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from promolint.run import changed
from promolint.source import discover
from promolint.core.config import Settings, load_settings
from promolint.run.lint import Report, lint_paths, make_context
from promolint.run.load import load_file


class Refused(Exception):
    """A request the repo will not serve: `key` names the sentence, `status` the HTTP code."""

    def __init__(self, key: str, status: int = 400, data: dict | None = None, **args):
        super().__init__(key)
        self.key, self.status, self.args_ = key, status, args
        self.data = data or {}  # more for the page (a conflict's two versions)


def version(data: bytes) -> str:
    """What a save names as the file it opened."""
    return hashlib.sha256(data).hexdigest()


class Repo:
    """One promotion repository, rooted at `root` (resolved)."""

    def __init__(self, root: Path, config_path: Path | None = None):
        self.root = Path(root).resolve(strict=True)
        self.settings: Settings = load_settings(self.root, config_path)
        self.config_path = config_path
        self._last: tuple | None = None  # (signature, Report) of the last whole-repo run
        self._saving = threading.Lock()  # a version check and its write, together

    # -- paths ---------------------------------------------------------------------
    def resolve(self, rel: str, *, must_exist: bool) -> Path:
        """The absolute path of `rel` inside the root, or Refused."""
        if not isinstance(rel, str) or not rel or "\x00" in rel or len(rel) > 1024:
            raise Refused("bad-path")
        parts = Path(rel.replace("\\", "/")).parts
        if Path(rel).is_absolute() or rel.startswith(("/", "\\")) or ".." in parts:
            raise Refused("outside-repo", 403)
        if any(p.startswith(".") for p in parts):
            raise Refused("hidden-path", 403)
        if not discover.is_promotion_file(parts[-1]):
            raise Refused("not-promotion-file")
        full = (self.root / Path(*parts)).resolve()
        if not full.is_relative_to(self.root):  # a symlink pointing out
            raise Refused("outside-repo", 403)
        # Judged again where the links lead: `drafts -> .git`, `x.promo.yaml -> .env`.
        if any(p.startswith(".") for p in full.relative_to(self.root).parts):
            raise Refused("hidden-path", 403)
        if full != self.root and not discover.is_promotion_file(full.name):
            raise Refused("not-promotion-file")
        if must_exist and not full.is_file():
            raise Refused("no-such-file", 404)
        return full

    def rel(self, name: str) -> str:
        """A finding's or file's path as the page shows it: relative to the root, also
        when reached through a link or lying beside the repo (`../prices.csv`)."""
        if not name or name in ("-", "<stdin>"):
            return name
        full = os.path.abspath(name)
        if not Path(full).is_relative_to(self.root):
            full = os.path.realpath(full)
        try:
            return Path(os.path.relpath(full, self.root)).as_posix()
        except ValueError:  # another drive
            return name

    # -- linting -------------------------------------------------------------------
    def lint_all(self) -> Report:
        """Every promotion file under the root, linted together (no workers). Kept until
        a promotion file, the config or the price list changes (size or mtime)."""
        key = self._signature()
        if self._last is None or self._last[0] != key:
            self._last = (key, lint_paths([str(self.root)], self._settings_for_run(), jobs=1))
        return self._last[1]

    def _signature(self) -> tuple:
        names = discover.find_files([str(self.root)], self.settings)
        extra = [p for p in (self.settings.config_path, self.settings.market_prices) if p]
        out = []
        for name in [*names, *map(str, extra)]:
            try:
                info = os.stat(name)
                out.append((name, info.st_mtime_ns, info.st_size))
            except OSError:
                out.append((name, None, None))
        return tuple(out)

    def lint_draft(self, rel: str, text: str) -> Report:
        """The draft as if saved at `rel`, with every other promotion of the repo as context."""
        name = str(self.resolve(rel, must_exist=False))
        return changed.lint_in_context([name], self._settings_for_run(), self.root,
                                       {name: text}, jobs=1)

    def draft_promotions(self, rel: str, text: str):
        """The draft's promotions, broken ones too (`Promotion.broken`: the caller decides)."""
        promos, _ = load_file(str(self.resolve(rel, must_exist=False)), self.settings, text)
        return promos

    def context(self):
        return make_context(self.settings)

    def _settings_for_run(self) -> Settings:
        # An explicit --config applies to every file; else each file finds its own.
        return self.settings if self.config_path else load_settings(self.root)

    def files(self) -> list[str]:
        return [self.rel(f) for f in discover.find_files([str(self.root)], self.settings)]

    # -- reading and saving --------------------------------------------------------
    def read(self, rel: str) -> tuple[str, str]:
        """The file's text, and its version for a later save."""
        from promolint.source.files import read_text
        full = self.resolve(rel, must_exist=True)
        text, problem = read_text(str(full), self.settings)
        if problem is not None:
            raise Refused("unreadable", 422, problem=problem.message_id)
        return text, version(full.read_bytes())

    def save(self, rel: str, text: str, base: str | None = None) -> dict:
        """Write `text` exactly (UTF-8) at `rel`. An existing different file is replaced
        only when `base` is its version (the page opened it, or saw it in a conflict);
        otherwise a conflict with both versions. A symlink is never written through."""
        full = self.resolve(rel, must_exist=False)
        if not full.parent.is_relative_to(self.root):
            raise Refused("outside-repo", 403)
        if len(text.encode("utf-8")) > self.settings.max_file_bytes:
            raise Refused("too-large", 413)
        lexical = self.root / Path(*Path(rel.replace("\\", "/")).parts)
        if lexical.is_symlink():
            raise Refused("is-link", 403)
        data = text.encode("utf-8")
        shown = self.rel(str(full))
        with self._saving:
            if full.exists():
                if not full.is_file():
                    raise Refused("not-a-file", 409)
                current = full.read_bytes()
                if current == data:
                    return {"path": shown, "written": False, "bytes": len(data), "version": version(data)}
                if not (isinstance(base, str) and base == version(current)):
                    raise self._conflict(shown, current, text, opened=isinstance(base, str) and bool(base))
                _replace(full, data)
            else:
                full.parent.mkdir(parents=True, exist_ok=True)
                if not full.parent.resolve().is_relative_to(self.root):
                    raise Refused("outside-repo", 403)
                _create(full, data)
        return {"path": shown, "written": True, "bytes": len(data), "version": version(data)}

    def _conflict(self, shown: str, current: bytes, text: str, opened: bool) -> Refused:
        """Both versions, for the page to show side by side: the file as it is now (changed
        since it was opened, or another file under that name) and the draft."""
        theirs = current.decode("utf-8", "replace") if len(current) <= self.settings.max_file_bytes else None
        return Refused("changed" if opened else "exists", 409, path=shown,
                       data={"key": "conflict", "theirs": theirs, "theirs_version": version(current),
                             "yours": text})


def _create(full: Path, data: bytes) -> None:
    """A new file, never following or replacing anything that appeared meanwhile."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(full, flags, 0o644)
    except FileExistsError:
        raise Refused("exists", 409, path=full.name) from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _replace(full: Path, data: bytes) -> None:
    """Replace an existing file atomically (a temporary file beside it, then rename)."""
    tmp = full.with_name(f".{full.name}.promolint-{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, full.stat().st_mode & 0o777)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, full)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
