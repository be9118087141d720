"""What a change re-lints when it touches the inputs of money, not only promotion files.

A promotion's money depends on its file, the price list and the config (spec section
5). So a gate that checks only what changed (the pre-commit hook, `--changed-since`)
lints, besides the changed promotion files:

- for a changed config (`promolint.toml`, or a `pyproject.toml` whose
  `[tool.promolint]` changed): every promotion file it governs, and for one whose
  table is gone or new, every file under its folder that no nearer config governs;
- for a changed price list (the `market_prices` of a config): every promotion file that
  config governs whose scope can reach a changed row: a changed SKU, a SKU or category
  of a changed row (its old or new category), and every whole-order promotion.

"Changed" is against the old version from git (the base commit of `--changed-since`,
HEAD for the hook). Where the old version cannot be had (no git, a new file, an old
list that does not parse) or is the same as the file (the hook run with --all-files, or
on commits already made), every row counts as changed: doubt is never silence.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from promolint.core.config import ConfigError, Settings
from promolint.source import discover

CONFIG_NAMES = ("promolint.toml", "pyproject.toml")
ALL = None  # every row changed (old version unknown)
MAX_CONFIG_BYTES = 16 * 1024 * 1024  # a config is a few lines; read no more than this


@dataclass
class Changed:
    """Changed files sorted by what they are."""

    promotions: list[str] = field(default_factory=list)
    configs: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # maybe a price list


def sort_out(names: list[str]) -> Changed:
    """Promotion files (a plain .yaml/.yml only when it declares the format: a changed
    k8s manifest is not one), configs, and the rest."""
    out = Changed()
    for name in names:
        base = os.path.basename(name)
        if discover.is_promotion_file(base):
            out.promotions.append(name)
        elif base.lower().endswith((".yaml", ".yml")):
            if discover.declares_promotion(name):
                out.promotions.append(name)
        elif base in CONFIG_NAMES:
            out.configs.append(name)
        elif os.path.isfile(name):
            out.others.append(name)
    return out


class OldVersions:
    """A file's bytes at a git revision (`rev`), None when not there or no git."""

    def __init__(self, rev: str | None, cwd: Path, strict: bool):
        self.rev, self.cwd = rev, cwd
        self.strict = strict  # the hook: a file the same as at rev says nothing of the change
        self.root: Path | None = None
        if rev is not None:
            try:
                from promolint.run.changed import git_root
                self.root = git_root(cwd)
            except ConfigError:
                self.root = None

    def read(self, path: str) -> bytes | None:
        if self.rev is None or self.root is None:
            return None
        rel = os.path.relpath(os.path.realpath(path), os.path.realpath(self.root))
        if rel.startswith(".."):
            return None  # a price list outside the repository: no old version
        try:
            done = subprocess.run(["git", "cat-file", "blob", f"{self.rev}:{Path(rel).as_posix()}"],
                                  cwd=self.root, capture_output=True, check=False)
        except OSError:
            return None
        if done.returncode != 0:
            return None
        if self.strict:
            if discover.read_head(path, len(done.stdout) + 1) in (done.stdout, None):
                return None
        return done.stdout


def affected(changed: Changed, settings: Settings, root: Path, old: OldVersions,
             jobs: int | None = None, cache: bool = False, lang: str = "en") -> list[str]:
    """The promotion files under `root` that the changed configs and price lists can
    affect (changed promotion files are the caller's)."""
    if not changed.configs and not changed.others:
        return []  # the common commit: promotions only, nothing more to find
    configs = {_real(c): c for c in changed.configs}
    others = {_real(o) for o in changed.others}
    if not configs:  # a README beside a promotion: no need to sort the repository's files
        lists = price_lists(root, settings)
        if lists is not None and others.isdisjoint(lists):
            return []
    where = os.path.relpath(root)
    everything = discover.find_files([str(root) if where.startswith("..") else where], settings)
    from promolint.run.lint import group_by_config
    groups = ([(settings, everything)] if settings.explicit
              else group_by_config(everything, settings))
    out: set[str] = set()
    moved: dict[str, bool] = {}  # config -> its promolint settings changed
    for group_settings, files in groups:
        own = group_settings.config_path
        for config, name in configs.items():
            folder = os.path.dirname(config)
            governed = own is not None and _real(own) == config
            # files under its folder now governed from above (or by nothing): it may
            # have governed them before (its [tool.promolint] was just removed)
            above = own is None or not _under(_real(own.parent), folder)
            if not (governed or above):
                continue
            if config not in moved:
                moved[config] = _config_changed(Path(name), old)
            if moved[config]:
                out.update(files if governed else [f for f in files if _under(_real(f), folder)])
        prices = group_settings.market_prices
        if prices is not None and _real(prices) in others:
            keys = _changed_rows(prices, group_settings, old)
            out.update(_reaching(files, keys, group_settings, jobs, cache, lang))
    return sorted(out)


def price_lists(root: Path, settings: Settings) -> set[str] | None:
    """The price lists that the configs under `root` (and the run's own) name, found by
    their names alone (no promotion file is read); None when a config there cannot be
    read (then every changed file is looked at the long way)."""
    from promolint.core.config import find_config, from_table
    found = {_real(settings.market_prices)} if settings.market_prices else set()
    if settings.explicit:
        return found
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in discover.SKIP_DIRS]
        if not any(n in CONFIG_NAMES for n in names):
            continue
        try:
            near = find_config(Path(folder))
            if near is not None:
                own = from_table(near[1], near[0])
                if own.market_prices is not None:
                    found.add(_real(own.market_prices))
        except ConfigError:
            return None
    return found


def _real(path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _config_changed(path: Path, old: OldVersions) -> bool:
    """Whether the promolint settings of a config file differ from its old version's
    (a pyproject.toml whose other tables changed is no change)."""
    before = old.read(str(path))
    if before is None:
        return True
    return _table(before, path.name) != _table(_bytes(path), path.name)


def _bytes(path: Path) -> bytes | None:
    """A config's bytes: a regular file only, opened without blocking (a FIFO named
    promolint.toml must not hang the run); None for anything else."""
    return discover.read_head(str(path), MAX_CONFIG_BYTES)


def _table(data: bytes | None, name: str):
    """The promolint table of a config's bytes; a text that does not parse is itself
    (so any edit of it is a change)."""
    import tomllib
    if data is None:
        return None
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return data
    if name == "pyproject.toml":
        tool = table.get("tool")
        return tool.get("promolint") if isinstance(tool, dict) else None
    return table


def _changed_rows(path: Path, settings: Settings, old: OldVersions) -> set[str] | None:
    """Index keys (as run.neighbours.reach makes) of the rows that differ from the old
    list; ALL when the old list cannot be had or read."""
    from promolint.source.prices import load_prices, parse_prices
    before = old.read(str(path))
    if before is None:
        return ALL
    try:
        old_rows = parse_prices(before.decode("utf-8-sig"), str(path))
    except (ConfigError, UnicodeDecodeError):
        return ALL
    new_rows = load_prices(path, settings.root)  # a bad list: the run's one error line
    keys: set[str] = set()
    for sku in old_rows.keys() | new_rows.keys():
        a, b = old_rows.get(sku), new_rows.get(sku)
        if a != b:
            keys.add("s:" + sku)
            keys.update("c:" + p.category for p in (a, b) if p is not None and p.category)
    return keys


def _reaching(files: list[str], keys: set[str] | None, settings: Settings,
              jobs: int | None, cache: bool, lang: str = "en") -> list[str]:
    """The files holding a promotion whose reach meets `keys` (ALL: every file)."""
    if keys is ALL:
        return files
    if not keys:
        return []
    from promolint.run.lint import _cache, make_context
    from promolint.run.neighbours import EVERYTHING, reach
    from promolint.run.workers import lint_each
    ctx = make_context(settings, indexed=cache)
    results = lint_each(files, ctx, None, jobs, _cache(ctx, cache, lang))
    out = []
    for name, result in zip(files, results):
        reached = {k for p in result.promotions for k in reach(p, ctx.prices)}
        if EVERYTHING in reached or not keys.isdisjoint(reached):
            out.append(name)
    return out
