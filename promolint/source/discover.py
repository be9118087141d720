"""Which files to lint: promotion files under directories, named files as given.

In a folder, a promotion file is one whose name ends in a promotion suffix (any case:
`d11.PROMO.YAML`), or a `.yaml`/`.yml` file that declares `apiVersion: promolint/v1`
near its top (`d11.yaml`): a promotion is never skipped in silence. A file named twice
(`a.promo.yaml ./a.promo.yaml $PWD/a.promo.yaml`) is linted once, as first named.
"""
from __future__ import annotations

import fnmatch
import os
import re

from promolint.core.config import Settings

SUFFIXES = (".promo.yaml", ".promo.yml", ".promo")
EXPLICIT_SUFFIXES = SUFFIXES + (".yaml", ".yml")
SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv", "build", "dist"}


SNIFF_BYTES = 64 * 1024  # how much of a plain .yaml file is read to see if it is one of ours
_DECLARES = re.compile(rb"^[ \t]*['\"]?apiVersion['\"]?[ \t]*:[ \t]*['\"]?promolint/", re.M)


def is_promotion_file(name: str) -> bool:
    return name.endswith(SUFFIXES) or name.lower().endswith(SUFFIXES)


def declares_promotion(path: str) -> bool:
    """True when a YAML file says `apiVersion: promolint/...` in its first SNIFF_BYTES."""
    try:
        with open(path, "rb") as handle:
            return declares(handle.read(SNIFF_BYTES))
    except OSError:
        return False  # unreadable: not known to be ours (a named file is still read)


def declares(head: bytes) -> bool:
    """The test of declares_promotion on a file's first bytes (diff reads them from git)."""
    return _DECLARES.search(head[:SNIFF_BYTES]) is not None


def find_files(paths: list[str], settings: Settings) -> list[str]:
    """Files under `paths` (sorted, each file once). Named files are linted as given."""
    out: dict[str, str] = {}  # same file -> the first name it was given as
    for path in paths:
        if os.path.isdir(path):
            for name in _walk(path, settings):
                out.setdefault(_same(name, False), name)
        elif not _excluded(path, settings):  # named (pre-commit, --changed-since) too
            out.setdefault(_same(path, True), path)
    return sorted(out.values())


def all_excluded(paths: list[str], settings: Settings) -> bool:
    """Whether every path is a file that `exclude` leaves out (nothing to check, by the
    config's own choice: pre-commit passing only an excluded file is not an error)."""
    return bool(paths) and all(not os.path.isdir(p) and _excluded(p, settings) for p in paths)


def _same(name: str, named: bool) -> str:
    """A key equal for two names of one file: the absolute path, and for a named
    symlink (named files are few: the system call is cheap) the file behind it."""
    try:
        full = os.path.realpath(name) if named and os.path.islink(name) else os.path.abspath(name)
    except (OSError, ValueError):
        return name
    return os.path.normcase(full)


def _walk(top: str, settings: Settings):
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                         and not _excluded(os.path.join(folder, d), settings))
        for name in sorted(names):
            full = os.path.normpath(os.path.join(folder, name))
            if _excluded(full, settings):
                continue
            if is_promotion_file(name) or (name.lower().endswith((".yaml", ".yml"))
                                           and declares_promotion(full)):
                yield full


def _excluded(path: str, settings: Settings) -> bool:
    """Whether an `exclude` glob matches the path as given (less a leading ./) or the
    path relative to the config's folder (the same whatever the working folder, and for
    the absolute paths of --context repo)."""
    if not settings.exclude:
        return False
    clean = path[2:] if path.startswith("./") else path
    names = [clean]
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(settings.root))
    except ValueError:  # another drive on Windows
        rel = ".."
    if not rel.startswith(".."):
        names.append(rel.replace(os.sep, "/"))
    return any(fnmatch.fnmatch(name, pattern) for name in names for pattern in settings.exclude)
