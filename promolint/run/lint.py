"""The library entry point: lint_paths(paths, settings) -> Report. No click here."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from promolint.checks import Context
from promolint.source.files import path_key
from promolint.core.config import Settings
from promolint.core.diagnostics import Diagnostic, severity_rank
from promolint.model.promotion import Promotion
from promolint.run.gc import fewer_collections
from promolint.source import discover


@dataclass
class Report:
    findings: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    promotions: list[Promotion] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # internal errors: the run exits 2
    texts: dict[str, str] = field(default_factory=dict)  # linted texts not from disk (stdin)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity and not f.suppressed)

    def worst(self) -> str | None:
        active = [f.severity for f in self.findings if not f.suppressed]
        return max(active, key=severity_rank) if active else None

    def exposure(self) -> dict:
        """id -> (worst-case money the promotion can give away, None when nothing bounds
        it; its currency), the first of an id by (id, path). Computed here, where the
        engine is at hand: a reporter only formats it."""
        from promolint.engine.exposure import exposure as worst_case
        out = {}
        for promo in sorted(self.promotions, key=lambda p: (p.id, p.path)):
            if promo.id not in out:
                out[promo.id] = (worst_case(promo), promo.currency)
        return out


def lint_paths(paths: list[str], settings: Settings, ctx: Context | None = None,
               jobs: int | None = None, cache: bool = False,
               texts: dict[str, str] | None = None, lang: str = "en") -> Report:
    """Find promotion files under `paths`, load, check and return the sorted findings.

    Each file is linted with the config nearest to it (like ruff), falling back to
    `settings` (the working directory's); an explicit --config applies to all files.
    `jobs`: worker processes (None: auto, many files only); `cache`: reuse per-file
    results of unchanged files from the on-disk cache (promolint.run.cache). `texts`:
    file name -> text to lint instead of the file on disk (stdin). `lang`: the language
    of what the run says on stderr (an untrusted cache).
    """
    with fewer_collections():
        return _lint_paths(paths, settings, ctx, jobs, cache, texts, lang)


def _lint_paths(paths: list[str], settings: Settings, ctx: Context | None, jobs: int | None,
                cache: bool, texts: dict[str, str] | None = None, lang: str = "en") -> Report:
    files = list(texts) if texts else discover.find_files(paths, settings)
    if ctx is not None or settings.explicit:
        ctx = ctx or make_context(settings, indexed=cache)
        return lint_files(files, ctx, texts, jobs=jobs, cache=_cache(ctx, cache, lang))
    report = Report()
    for group_settings, group in group_by_config(files, settings):
        group_ctx = make_context(group_settings, indexed=cache)
        part = lint_files(group, group_ctx, texts, jobs=jobs, cache=_cache(group_ctx, cache, lang))
        report.files += part.files
        report.promotions += part.promotions
        report.findings += part.findings
        report.errors += part.errors
    report.files.sort()
    report.findings.sort(key=Diagnostic.sort_key)
    return report


def _cache(ctx: Context, wanted: bool, lang: str = "en"):
    if not wanted:
        return None
    from promolint.run.cache import open_cache
    return open_cache(ctx, lang)


def group_by_config(files: list[str], fallback: Settings) -> list[tuple[Settings, list[str]]]:
    """Files grouped by their nearest config (searched upward from each file's folder)."""
    from promolint.core.config import find_config, from_table
    by_dir: dict[Path, Path | None] = {}
    settings_for: dict[Path | None, Settings] = {fallback.config_path: fallback}
    groups: dict[Path | None, list[str]] = {}
    resolved: dict[str, Path | None] = {}
    for name in files:
        folder = _folder(name, resolved)
        if folder not in by_dir:
            found = find_config(folder)
            key = found[0] if found else fallback.config_path
            if key not in settings_for:
                settings_for[key] = from_table(found[1], found[0])
            by_dir[folder] = key
        groups.setdefault(by_dir[folder], []).append(name)
    return [(settings_for[key], group) for key, group in groups.items()]


def _folder(name: str, resolved: dict[str, Path | None]) -> Path:
    """Path(name).resolve().parent, resolving each folder once: the name's last part,
    when it is a plain name and not a symlink, resolves to itself under its folder."""
    head, tail = os.path.split(name)
    if tail not in ("", ".", "..") and not os.path.islink(name):
        if head not in resolved:
            try:
                resolved[head] = Path(head or ".").resolve()
            except (OSError, RuntimeError):
                resolved[head] = None
        if resolved[head] is not None:
            return resolved[head]
    try:
        return Path(name).resolve().parent
    except (OSError, RuntimeError):  # a symlink loop: read_text reports it
        return Path(os.path.abspath(name)).parent


def make_context(settings: Settings, indexed: bool = False) -> Context:
    """The checks' context; `indexed` (the cache is on): keep the price list parsed on
    disk and look rows up as asked (a run meets the SKUs it reaches, see source.prices_db)."""
    from promolint.source.prices import PriceList, load_prices
    if not settings.market_prices:
        return Context(settings=settings, prices=PriceList())
    store = None
    if indexed:
        from promolint.run.cache import prices_store
        store = prices_store()
    if store is None:
        return Context(settings=settings, prices=load_prices(settings.market_prices, settings.root))
    from promolint.source.prices_db import load_indexed
    return Context(settings=settings,
                   prices=load_indexed(settings.market_prices, settings.root, *store))


def lint_files(files: list[str], ctx: Context, texts: dict[str, str] | None = None,
               jobs: int | None = None, cache=None) -> Report:
    """Lint `files` together; `jobs` workers (None: auto), `cache` a promolint.run.cache.Cache.
    In context mode (`ctx.focus`) only the findings in the named files and those whose
    witness involves one of their promotions are reported; the policy (severity,
    suppressions, unused ones) then looks only at the files those are in."""
    from promolint.run.workers import cross_file, lint_each
    report = Report(files=list(files))
    raw: list[Diagnostic] = []
    texts = dict(texts or {})
    shared: dict = {}
    for name, result in zip(files, lint_each(files, ctx, texts, jobs, cache)):
        report.promotions.extend(share(result.promotions, shared))
        raw.extend(result.findings)
        report.errors.extend(result.errors)
        if result.text is not None:  # the policy scans comments: no second read (lint_each
            texts[name] = result.text  # keeps a text only where it holds one: kept_text)
    raw.extend(cross_file(report.promotions, ctx, report.errors))
    from promolint.run.policy import apply_policy
    promos = report.promotions
    if ctx.focus is not None:
        ids = {p.id for p in promos if path_key(p.path) in ctx.focus}
        raw = [d for d in raw if in_focus(d, ctx.focus, ids)]
        shown = {d.path for d in raw} | {f for f in files if path_key(f) in ctx.focus}
        promos = [p for p in promos if p.path in shown]
        files = [f for f in files if f in shown]
    report.findings = apply_policy(raw, promos, ctx, files=files, texts=texts)
    return report


# Value fields many promotions hold equal: each file's promotions come from their own
# pickle, so equal values were distinct objects. Only fields whose equal values are the
# same in every way: not a window (equal instants in other zones print differently),
# a benefit or limits (Decimal 10 == 10.0) or an audience (its spans are positions).
SHARED_FIELDS = ("scope", "stacking", "coupon", "currency", "campaign", "owner", "broken")


def share(promos: list[Promotion], table: dict) -> list[Promotion]:
    """`promos` with equal field values made one object (`table`: value -> the one)."""
    for promo in promos:
        for name in SHARED_FIELDS:
            value = getattr(promo, name)
            try:
                one = table.setdefault(value, value)
            except TypeError:  # an unhashable value (a broken field): kept as it is
                continue
            if one is not value:
                object.__setattr__(promo, name, one)  # frozen, and equal: nothing changes
    return promos


def in_focus(diag: Diagnostic, focus: frozenset[str], ids: set[str]) -> bool:
    """A finding context mode reports: in a named file, or its witness involves one of
    their promotions (`ids`: a stack of a context file's promotion with a named one)."""
    return path_key(diag.path) in focus or (diag.witness is not None
                                             and not ids.isdisjoint(diag.witness.promotions))


def run_checks(promos: list[Promotion], ctx: Context) -> list[Diagnostic]:
    """Every check over `promos` (for library callers): per promotion, then across them."""
    from promolint.run.workers import cross_file, per_promotion
    return per_promotion(promos, ctx) + cross_file(promos, ctx)
