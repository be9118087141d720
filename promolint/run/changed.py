"""Lint some files with the rest of the repository as context.

pre-commit passes only the staged files, `--changed-since REF` only the changed ones,
an editor only the buffer on stdin; cross-file rules (duplicate ids, stacking,
references) still need every other promotion. So: load the whole repository, lint the
named files last (a duplicate id is reported on the file that introduced it), and keep
the findings in the named files plus those elsewhere whose witness involves one of
their promotions.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from promolint.source.files import path_key
from promolint.core.config import ConfigError, Settings
from promolint.run import lint
from promolint.run.lint import Report
from promolint.source import discover


class NoGit(ConfigError):
    """git itself cannot be run (not a repository problem)."""


def git(args: list[str], cwd: Path) -> str:
    """Run git; a failure is a ConfigError (one line, exit 2)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise NoGit("git is not installed (or not on PATH)") from None
    except OSError as err:
        raise NoGit(f"cannot run git: {err.strerror or err}") from None
    if done.returncode != 0:
        problem = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise ConfigError(f"git {' '.join(args[:2])}: {problem}")
    return done.stdout


def git_root(start: Path) -> Path | None:
    """The repository's top folder, None outside one (NoGit when git cannot run)."""
    try:
        return Path(git(["rev-parse", "--show-toplevel"], start).strip())
    except NoGit:
        raise
    except ConfigError:
        return None


def context_root(settings: Settings, start: Path | None = None) -> Path | None:
    """Where the repository's promotions live: the config's folder, else the git root,
    else None (no repository: the working directory may be /tmp or a home folder, whose
    files are no context of anything)."""
    start = start or Path.cwd()
    if settings.config_path is not None:
        return settings.config_path.parent
    try:
        return git_root(start)
    except NoGit:  # no git: no repository to take as context
        return None


def changed_files(ref: str, cwd: Path | None = None) -> list[str]:
    """Promotion files changed since `ref` (committed, staged or not) plus untracked ones,
    as paths relative to `cwd`. Compares with the merge base, as a pull request does."""
    names, _ = changed_names(ref, cwd)
    return [n for n in names if discover.is_promotion_file(n) or (
        n.lower().endswith((".yaml", ".yml")) and discover.declares_promotion(n))]


def changed_names(ref: str, cwd: Path | None = None) -> tuple[list[str], str]:
    """(every file changed since the merge base of `ref` and HEAD, committed, staged or
    not, plus untracked ones, as paths relative to `cwd`; that base commit). Deleted
    files are left out; the config and the price list count (run.inputs)."""
    cwd = cwd or Path.cwd()
    if not ref.strip() or ref.startswith("-"):  # "" would lint everything; -x is an option
        raise ConfigError(f"--changed-since: '{ref}' is not a git ref; give one such as origin/main",
                          "changed-bad-ref", ref=ref)
    try:
        root = git_root(cwd)
    except NoGit as err:
        raise ConfigError(f"--changed-since needs git: {err}") from None
    if root is None:
        raise ConfigError("--changed-since needs a git repository (none found here)", "changed-no-repo")
    try:
        base = git(["merge-base", ref, "HEAD"], cwd).strip()
    except ConfigError:
        try:
            base = git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).strip()
        except ConfigError:
            raise ConfigError(f"--changed-since: git knows no commit '{ref}' (a branch, tag or "
                              "commit; in CI fetch it first, e.g. git fetch origin main)",
                              "changed-unknown-ref", ref=ref) from None
    names = git(["diff", "--name-only", "--diff-filter=d", "-z", base, "--"], root).split("\0")
    names += git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")
    out = [os.path.relpath(root / n, cwd) for n in dict.fromkeys(n for n in names if n)
           if (root / n).is_file()]
    # a deleted config hands its files to another config (or none): they changed too
    gone = git(["diff", "--name-only", "--diff-filter=D", "-z", base, "--"], root).split("\0")
    out += [os.path.relpath(root / n, cwd) for n in gone
            if n and n.rsplit("/", 1)[-1] in ("promolint.toml", "pyproject.toml")]
    return sorted(out), base


def lint_in_context(targets: list[str], settings: Settings, root: Path,
                    texts: dict[str, str] | None = None, jobs: int | None = None,
                    cache: bool = False, lang: str = "en") -> Report:
    """Lint `targets` with every promotion file under `root` as context (`jobs`, `cache`
    and `lang` as for lint_paths: the context files are the bulk of the work)."""
    wanted = {path_key(t) for t in targets}
    where = os.path.relpath(root)
    where = str(root) if where.startswith("..") else where
    context = [f for f in discover.find_files([where], settings) if path_key(f) not in wanted]
    everything = context + list(targets)
    groups = ([(settings, everything)] if settings.explicit
              else lint.group_by_config(everything, settings))
    report = Report(files=sorted(targets))
    for group_settings, group in groups:
        if not any(path_key(f) in wanted for f in group):
            continue  # another config's files: nothing there can involve the targets
        ctx = lint.make_context(group_settings, indexed=cache)
        ctx.focus = frozenset(wanted)  # lint_files keeps what involves the targets
        store = lint._cache(ctx, cache, lang)
        if store is not None:  # the index of context files says which ones they can meet
            from promolint.run.neighbours import neighbours
            group = neighbours(group, wanted, ctx, store, texts, jobs)
        part = lint.lint_files(group, ctx, texts, jobs=jobs, cache=store)
        report.promotions += [p for p in part.promotions if path_key(p.path) in wanted]
        report.errors += part.errors  # a bug in a context file is still a bug
        report.findings += part.findings
    report.findings.sort(key=lambda d: d.sort_key())
    return report
