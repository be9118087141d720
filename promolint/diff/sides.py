"""The two sides of a diff: the promotions and findings at a git ref, in a folder or file,
or in the working tree.

A git side is read with `git ls-tree` and `git show REF:path`: nothing is checked out and
the user's work tree is never touched. A git side is linted with the config and the price
list as they were at that ref (`inputs_at`): a change that only raises a market price or
tightens `max_below_market` changes what the promotions are judged against, and the
findings it adds or removes are part of the diff. Two folders share today's inputs.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from promolint.source import discover
from promolint.run.changed import git, git_root
from promolint.core.config import ConfigError, Settings
from promolint.core.diagnostics import Diagnostic, make
from promolint.core.document import Span
from promolint.run.lint import lint_files
from promolint.source.files import decode
from promolint.model.promotion import Promotion


@dataclass
class Side:
    """One side: a label (the ref or folder), its promotions and their findings."""

    label: str
    promotions: list[Promotion] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    base: str | None = None  # folder mode: paths are compared relative to this
    errors: list[str] = field(default_factory=list)  # internal errors while linting: exit 2
    ctx: object = None  # the checks' context it was linted with, when not today's (inputs_at)

    def where(self, promo: Promotion) -> str:
        return self.where_path(promo.path)

    def where_path(self, path: str) -> str:
        """A path as the two sides compare it (folder mode: relative to the folder)."""
        return os.path.relpath(path, self.base) if self.base else path


def worktree(paths: list[str], settings: Settings, ctx, label: str, base: str | None = None,
             jobs: int | None = 1, cache=None) -> Side:
    """The promotions under `paths` on disk (`jobs` and `cache` as for run.lint.lint_files)."""
    files = discover.find_files(paths, settings)
    report = lint_files(files, ctx, jobs=jobs, cache=cache)
    return Side(label, report.promotions, report.findings, base, report.errors)


def at_ref(ref: str, paths: list[str], settings: Settings, ctx, cwd: Path | None = None,
           jobs: int | None = 1, cache=None) -> Side:
    """The promotions under `paths` as they were at git `ref` (read, never checked out)."""
    cwd = (cwd or Path.cwd()).resolve()
    root = _root(cwd)
    commit = resolve(ref, cwd)
    if commit is None:
        raise ConfigError(f"'{ref}' is not a git commit, branch or tag here")
    names, texts, problems = [], {}, []
    entries = ref_files(commit, paths, settings, root, cwd)
    small = [e for e in entries if e[3] <= settings.max_file_bytes]
    for (name, shown, _, size), data in zip(small, _blobs([e[2] for e in small], root)):
        text, problem = decode(shown, data)
        if problem is None and not _promotion_at_ref(name, shown, text, paths):
            continue
        if problem is not None:
            problems.append(problem.with_(severity="error"))
        else:
            names.append((name, shown))
            texts[shown] = text
    problems += [make(e[1], Span(1, 1), "syntax", "file-too-large", size=e[3],
                      limit=settings.max_file_bytes).with_(severity="error")
                 for e in entries if e[3] > settings.max_file_bytes]
    # The cache is keyed by name and text: a file unchanged since `ref` is linted once.
    report = lint_files([shown for _, shown in names], ctx, texts=texts, jobs=jobs, cache=cache)
    return Side(ref, report.promotions, report.findings + problems, errors=report.errors)


def inputs_at(ref: str, settings: Settings, ctx, cwd: Path | None = None):
    """The checks' context at git `ref`: the config and price list as committed there
    (the same files as today's, by path). A config or list that was not there is none;
    a price list outside the repository, or either one unreadable there, is today's."""
    from promolint.checks import Context
    from promolint.core.config import from_table
    from promolint.source.prices import PriceList, parse_prices
    cwd = (cwd or Path.cwd()).resolve()
    root = _root(cwd)
    commit = resolve(ref, cwd)
    if commit is None:
        raise ConfigError(f"'{ref}' is not a git commit, branch or tag here")
    old_settings = settings
    if settings.config_path is not None and not settings.explicit:
        data = _blob_at(commit, settings.config_path, root)
        if data is _MISSING:
            old_settings = Settings(root=settings.root)
        elif data is not None:
            try:
                old_settings = from_table(_config_table(data, settings.config_path),
                                          settings.config_path)
            except (ConfigError, ValueError, UnicodeDecodeError):
                old_settings = settings  # a config broken there: judged with today's
    prices = ctx.prices
    if old_settings.market_prices is None:
        prices = PriceList()
    else:
        data = _blob_at(commit, old_settings.market_prices, root)
        if data is _MISSING:
            prices = PriceList()
        elif data is not None:
            try:
                prices = parse_prices(data.decode("utf-8-sig"), str(old_settings.market_prices))
            except (ConfigError, UnicodeDecodeError):
                prices = ctx.prices  # a list broken there: judged with today's
    if old_settings is settings and prices is ctx.prices:
        return ctx
    return Context(settings=old_settings, prices=prices, today=ctx.today)


_MISSING = object()


def _blob_at(commit: str, path: Path, root: Path):
    """The bytes of `path` at `commit`; _MISSING when the commit has no such file; None
    when it cannot be asked (outside the repository)."""
    import subprocess
    try:
        rel = Path(os.path.realpath(path)).relative_to(root)
    except ValueError:
        return None
    try:
        done = subprocess.run(["git", "cat-file", "blob", f"{commit}:{rel.as_posix()}"], cwd=root,
                              capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else _MISSING


def _config_table(data: bytes, path: Path) -> dict:
    import tomllib
    from decimal import Decimal
    try:
        table = tomllib.loads(data.decode("utf-8"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(str(err)) from None
    if path.name == "pyproject.toml":
        tool = table.get("tool")
        table = tool.get("promolint") if isinstance(tool, dict) else None
        return table if isinstance(table, dict) else {}
    return table


def _promotion_at_ref(name: str, shown: str, text: str, paths: list[str]) -> bool:
    """As discover decides on disk: a promotion suffix, a named file, or a .yaml/.yml
    file declaring apiVersion: promolint/ near its top."""
    if discover.is_promotion_file(name) or any(os.path.normpath(p) == shown for p in paths):
        return True
    return discover.declares(text[: discover.SNIFF_BYTES].encode("utf-8", "replace"))


def _root(cwd: Path) -> Path:
    root = git_root(cwd)
    if root is None:
        raise ConfigError("promolint diff with a git ref needs a git repository (none found here); "
                          "to compare two folders or files, name both")
    return root.resolve()


def resolve(ref: str, cwd: Path) -> str | None:
    """The commit `ref` names, or None."""
    try:
        return git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).strip() or None
    except ConfigError:
        return None


def default_base(cwd: Path) -> str:
    """The merge base of HEAD with the default branch (origin's HEAD, else main/master)."""
    _root(cwd)
    for branch in _default_branches(cwd):
        if resolve(branch, cwd) is not None:
            return git(["merge-base", branch, "HEAD"], cwd).strip()
    raise ConfigError("cannot find the default branch (no origin/HEAD, main or master); "
                      "name the base: promolint diff REF")


def _default_branches(cwd: Path) -> list[str]:
    try:
        head = git(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], cwd).strip()
    except ConfigError:
        head = ""
    return [b for b in (head, "origin/main", "origin/master", "main", "master") if b]


def ref_files(commit: str, paths: list[str], settings: Settings, root: Path,
              cwd: Path) -> list[tuple[str, str, str, int]]:
    """(path from the root, name as shown from cwd, blob id, size) of the candidate files
    under `paths` (symlinks and submodules left out: their blobs are not files)."""
    specs = [os.path.relpath(os.path.abspath(p), root) for p in paths] or ["."]
    if any(s == ".." or s.startswith(".." + os.sep) for s in specs):
        raise ConfigError("promolint diff: the paths must be inside the git repository")
    listed = git(["ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", *specs],
                 root).split("\0")
    named = set(specs)
    out = []
    for entry in filter(None, listed):
        meta, _, name = entry.partition("\t")
        mode, kind, blob, size = meta.split()
        if kind != "blob" or mode == "120000":
            continue
        shown = os.path.relpath(root / name, cwd)
        if name in named or _wanted(name, shown, settings):
            out.append((name, shown, blob, int(size)))
    return sorted(out, key=lambda item: item[1])


def _wanted(name: str, shown: str, settings: Settings) -> bool:
    """What discover would find in a folder: promotion files outside hidden and skipped
    folders, not excluded."""
    folders = name.split("/")[:-1]
    if any(f.startswith(".") or f in discover.SKIP_DIRS for f in folders):
        return False
    clean = shown[2:] if shown.startswith("./") else shown
    wanted = discover.is_promotion_file(name) or name.lower().endswith((".yaml", ".yml"))
    return wanted and not any(fnmatch.fnmatch(clean, pattern) for pattern in settings.exclude)


def _blobs(ids: list[str], root: Path) -> list[bytes]:
    """The contents of blobs, read by one `git cat-file --batch` (a process per file
    cost ~3 ms each: 3 s at 1,000 files)."""
    import subprocess
    if not ids:
        return []
    try:
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=root, check=False,
                              input="".join(f"{i}\n" for i in ids).encode(), capture_output=True)
    except OSError as err:
        raise ConfigError(f"cannot run git: {err.strerror or err}") from None
    if done.returncode != 0:
        raise ConfigError(f"git cat-file: {done.stderr.decode('utf-8', 'replace').strip() or 'failed'}")
    out, data, at = [], done.stdout, 0
    for _ in ids:
        end = data.index(b"\n", at)
        size = int(data[at:end].split()[2])
        out.append(data[end + 1: end + 1 + size])
        at = end + 1 + size + 1
    return out
